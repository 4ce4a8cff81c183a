import Foundation
import Yams

/// One step of a path into a YAML document: a key or a list index.
enum YAMLPathStep: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }
}

/// A YAML file read and checked before it is decoded: its nesting depth (before any parser recurses),
/// duplicate keys and unknown keys; it knows the line of every value for the messages.
struct YAMLDocument {
    let path: String
    let text: String
    let root: Node?

    /// Reads `path` and checks it against `shape`; throws a `ConfigurationError` naming the file and line.
    static func read(path: String, shape: YAMLShape) throws(ConfigurationError) -> YAMLDocument {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(.unreadable, file: path, message: "cannot read the file (\(describe(error)))")
        }
        let (depth, line) = YAMLDepth.deepest(in: text)
        guard depth <= YAMLDepth.limit else {
            throw ConfigurationError(
                .syntax, file: path, line: line, message: "nested more than \(YAMLDepth.limit) levels deep")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw syntaxError(error, path: path)
        }
        let document = YAMLDocument(path: path, text: text, root: root)
        if let root { try document.check(root, against: shape, at: []) }
        return document
    }

    /// Decodes the document as `T`; a mismatch names the line of the value concerned.
    func decode<T: Decodable>(_ type: T.Type) throws(ConfigurationError) -> T {
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let error as DecodingError {
            throw decodingError(error)
        } catch {
            throw Self.syntaxError(error, path: path)
        }
    }

    /// A value error at `steps` (the line of that value, when it is there).
    func error(at steps: [YAMLPathStep], _ message: String) -> ConfigurationError {
        ConfigurationError(.value, file: path, line: line(at: steps), message: message)
    }

    /// The line of the value at `steps`, or of the deepest part of the path that exists.
    func line(at steps: [YAMLPathStep]) -> Int? {
        var node = root
        var line = root?.mark?.line
        for step in steps {
            switch step {
            case .key(let key):
                guard let pair = node?.mapping?.first(where: { $0.key.string == key }) else { return line }
                line = pair.key.mark?.line ?? line
                node = pair.value
            case .index(let index):
                guard let sequence = node?.sequence, index < sequence.count else { return line }
                node = sequence[index]
                line = node?.mark?.line ?? line
            }
        }
        return line
    }

    /// Checks duplicate and unknown keys everywhere below `node`.
    func check(_ node: Node, against shape: YAMLShape, at steps: [String]) throws(ConfigurationError) {
        switch (shape, node) {
        case (.list(let element), .sequence(let sequence)):
            for item in sequence { try check(item, against: element, at: steps) }
        case (.record(let fields), .mapping(let mapping)):
            try checkKeys(mapping, known: fields.keys.sorted(), at: steps)
            for (key, value) in mapping {
                if let field = key.string.flatMap({ fields[$0] }) { try check(value, against: field, at: steps + [key.string ?? ""]) }
            }
        case (.dictionary(let keys, let element), .mapping(let mapping)):
            try checkKeys(mapping, known: keys, at: steps)
            for (key, value) in mapping { try check(value, against: element, at: steps + [key.string ?? ""]) }
        case (.scalarOr(let shape), _):
            if node.scalar == nil { try check(node, against: shape, at: steps) }
        default:
            // A scalar, or a value of the wrong kind (the decoder names that), or a mapping where a scalar
            // belongs: its keys are still checked for duplicates.
            if let mapping = node.mapping { try checkKeys(mapping, known: nil, at: steps) }
        }
    }

    /// Refuses a key given twice, or (when `known` is given) a key not in `known`.
    func checkKeys(_ mapping: Node.Mapping, known: [String]?, at steps: [String]) throws(ConfigurationError) {
        var seen: [String: Int] = [:]
        for (key, _) in mapping {
            let name = key.string ?? "\(key)"
            let line = key.mark?.line
            let place = (steps + [name]).joined(separator: ".")
            if let first = seen[name] {
                throw ConfigurationError(
                    .syntax, file: path, line: line, message: "duplicate key '\(place)' (first given on line \(first))")
            }
            seen[name] = line ?? 0
            if let known, name != "<<", !known.contains(name) {
                let hint = NearestKey.to(name, among: known).map { "did you mean '\($0)'?" }
                    ?? "known keys: \(known.joined(separator: ", "))"
                throw ConfigurationError(.syntax, file: path, line: line, message: "unknown key '\(place)'; \(hint)")
            }
        }
    }

    /// A decoding error with the line of the value it is about.
    func decodingError(_ error: DecodingError) -> ConfigurationError {
        func steps(_ path: [CodingKey]) -> [YAMLPathStep] {
            path.map { $0.intValue.map(YAMLPathStep.index) ?? .key($0.stringValue) }
        }
        func name(_ path: [CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            let place = name(context.codingPath)
            return ConfigurationError(
                .syntax, file: path, line: line(at: steps(context.codingPath)),
                message: "missing key '\(key.stringValue)'" + (place.isEmpty ? "" : " in \(place.dropFirst())"))
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return ConfigurationError(
                .syntax, file: path, line: line(at: steps(context.codingPath)),
                message: "\(name(context.codingPath).dropFirst()): \(context.debugDescription)")
        @unknown default:
            return ConfigurationError(.syntax, file: path, message: "\(error)")
        }
    }

    /// A parser error of Yams as one line with the line number.
    static func syntaxError(_ error: any Error, path: String) -> ConfigurationError {
        guard let yaml = error as? YamlError else {
            return ConfigurationError(.syntax, file: path, message: "invalid YAML (\(error))")
        }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let around = context.map { " \($0.text)" } ?? ""
            return ConfigurationError(.syntax, file: path, line: mark.line, message: "invalid YAML: \(problem)\(around)")
        case .reader(let problem, _, _, _):
            return ConfigurationError(.syntax, file: path, message: "invalid YAML: \(problem)")
        default:
            return ConfigurationError(.syntax, file: path, message: "invalid YAML (\(yaml))")
        }
    }

    /// A Foundation error's reason, without the boilerplate.
    static func describe(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        return underlying?.localizedDescription ?? error.localizedDescription
    }
}
