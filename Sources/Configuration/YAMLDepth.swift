/// How deeply a YAML text nests, measured on the text before any parser recurses into it.
enum YAMLDepth {
    /// The most collections a YAML document may nest (Yams recurses once per level; a few thousand
    /// levels overflow the stack).
    static let limit = 64

    /// The deepest nesting found and its line (1-based): block indentation levels, compact `- - -`
    /// sequences and flow brackets, counted outside quotes and comments. It may count a level too
    /// many in odd files (it errs towards refusing), never fewer.
    static func deepest(in text: String) -> (depth: Int, line: Int) {
        var indents: [Int] = []
        var flow = 0
        var deepest = (depth: 0, line: 0)
        var lineNumber = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = Array(line)
            var i = 0
            var depth = 0
            if flow == 0 {
                while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
                if i == bytes.count || bytes[i] == UInt8(ascii: "#") || bytes[i] == UInt8(ascii: "\r") { continue }
                while let last = indents.last, last >= i { indents.removeLast() }
                indents.append(i)
                depth = indents.count
                while i + 1 < bytes.count, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: " ") {
                    depth += 1
                    i += 2
                    while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
                }
            } else {
                depth = indents.count
            }
            let most = scanFlow(bytes, from: i, flow: &flow)
            if depth + most > deepest.depth { deepest = (depth + most, lineNumber) }
        }
        return deepest
    }

    /// Follows the flow brackets of one line from `start`; returns the deepest flow level on it.
    static func scanFlow(_ bytes: [UInt8], from start: Int, flow: inout Int) -> Int {
        var most = flow
        var quote: UInt8?
        var previous = UInt8(ascii: " ")  // the last non-space byte outside quotes
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if let open = quote {
                if open == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") { i += 1 } else if byte == open { quote = nil }
                i += 1
                continue
            }
            let atValueStart = i == start || ":-[{,?".utf8.contains(previous)
            if byte == UInt8(ascii: "#"), i == start || bytes[i - 1] == UInt8(ascii: " ") { return most }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"), atValueStart {
                quote = byte
            } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{"), flow > 0 || atValueStart {
                flow += 1
                most = max(most, flow)
            } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}"), flow > 0 {
                flow -= 1
            }
            if byte != UInt8(ascii: " ") { previous = byte }
            i += 1
        }
        return most
    }
}
