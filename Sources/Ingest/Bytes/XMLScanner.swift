/// Why an XML part cannot be read.
enum XMLScanError: Error, Sendable {
    /// A document type declaration or entity declaration: refused (entity expansion bombs, external entities).
    case doctype
    case malformed(String)
    /// A text node longer than the limit (bytes).
    case textTooLong(Int)
}

/// A fast pull scanner over XML bytes for the parts of an xlsx package.
///
/// Its loops read the bytes through buffer pointers (this file, `CRC32.swift` and `ZipPackage.swift` hold the
/// xlsx reader's pointer code); every index is compared with the end before it is read. It reports start tags, end tags and text as ranges into the buffer, refuses `<!DOCTYPE` and `<!ENTITY`,
/// and decodes only the five predefined entities and numeric character references — never anything else.
struct XMLScanner {
    /// One step of the document.
    enum Event: Equatable {
        /// A start tag: its name and the range of its attributes; `selfClosing` for `<a/>`.
        case start(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
        case end(name: Range<Int>)
        /// Character data (`cdata` when it came from a CDATA section and must not be entity-decoded).
        case text(Range<Int>, cdata: Bool)
    }

    /// The bytes; `available` of them are there (all once `complete`), more may come while an inflater fills them.
    private let part: PartBuffer
    private var available: Int
    private var complete: Bool
    private(set) var position: Int

    init(_ bytes: [UInt8]) {
        self.init(part: PartBuffer(complete: bytes))
    }

    /// A scanner over a part that may still be filling: it waits for more bytes where an event needs them, and throws
    /// the part's inflate error if it fails.
    init(part: PartBuffer) {
        self.part = part
        available = 0
        complete = false
        position = 0
        (available, complete) = (try? part.wait(beyond: 0)) ?? (0, false)
        // Skip a UTF-8 byte order mark.
        if (try? waitFor(3)) == true, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
    }

    /// The bytes there so far. Ranges of the events returned are always inside.
    private var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: part.base, count: available) }

    /// Waits until `count` bytes are there; false when the part is complete with fewer.
    private mutating func waitFor(_ count: Int) throws -> Bool {
        while available < count && !complete { (available, complete) = try part.wait(beyond: available) }
        return available >= count
    }

    /// A byte of an event's range.
    subscript(index: Int) -> UInt8 { buffer[index] }

    /// The bytes of an event's range.
    func bytes(_ range: Range<Int>) -> [UInt8] { Array(buffer[range]) }

    /// The next event, `nil` at the end of the document.
    mutating func next() throws -> Event? {
        while true {
            var i = position
            let p = buffer
            if complete {
                defer { position = i }
                return try Self.scan(p, at: &i)
            }
            // While the part fills, an event counts only when the bytes after it showed where it ends; else
            // (text up to the end, an error or the end) wait for more and scan it again.
            if let event = try? Self.scan(p, at: &i) {
                switch event {
                case .start, .end, .text(_, cdata: true):
                    position = i
                    return event
                case .text where i < p.count:
                    position = i
                    return event
                case .text: break
                }
            }
            (available, complete) = try part.wait(beyond: available)
        }
    }

    /// The event at `i` in `p` (moving `i` past it). The scanner's hot loop: unchecked reads through a buffer pointer,
    /// every index compared with the count before it is read.
    private static func scan(_ p: UnsafeBufferPointer<UInt8>, at i: inout Int) throws -> Event? {
        let count = p.count
        while i < count {
            if p[i] != 0x3C {  // text up to the next '<'
                let start = i
                i += 1
                while i < count, p[i] != 0x3C { i += 1 }
                return .text(start..<i, cdata: false)
            }
            let tagStart = i
            guard tagStart + 1 < count else { throw XMLScanError.malformed("unterminated tag at the end") }
            let second = p[tagStart + 1]
            if second == 0x3F {  // <? ... ?>
                guard let end = find(p, [0x3F, 0x3E], from: tagStart + 2) else { throw XMLScanError.malformed("unterminated processing instruction") }
                i = end + 2
                continue
            }
            if second == 0x21 {  // <!
                if matches(p, [0x21, 0x2D, 0x2D], at: tagStart + 1) {
                    guard let end = find(p, [0x2D, 0x2D, 0x3E], from: tagStart + 4) else { throw XMLScanError.malformed("unterminated comment") }
                    i = end + 3
                    continue
                }
                if matches(p, cdataOpen, at: tagStart + 1) {
                    let start = tagStart + 9
                    guard let end = find(p, [0x5D, 0x5D, 0x3E], from: start) else { throw XMLScanError.malformed("unterminated CDATA section") }
                    i = end + 3
                    return .text(start..<end, cdata: true)
                }
                // <!DOCTYPE, <!ENTITY, <!ELEMENT, <!ATTLIST …: never in an xlsx part.
                throw XMLScanError.doctype
            }
            if second == 0x2F {  // </name>
                var j = tagStart + 2
                let nameStart = j
                while j < count, !isNameEnd(p[j]) { j += 1 }
                let nameEnd = j
                while j < count, p[j] != 0x3E { j += 1 }
                guard j < count else { throw XMLScanError.malformed("unterminated end tag") }
                i = j + 1
                return .end(name: nameStart..<nameEnd)
            }
            // <name attributes (/)>
            var j = tagStart + 1
            let nameStart = j
            while j < count, !isNameEnd(p[j]) { j += 1 }
            let nameEnd = j
            guard nameEnd > nameStart else { throw XMLScanError.malformed("empty tag name") }
            let attributesStart = j
            scanTag: while j < count {
                switch p[j] {
                case 0x3E: break scanTag
                case 0x3C: throw XMLScanError.malformed("'<' inside a tag")
                case let quote where quote == 0x22 || quote == 0x27:
                    j += 1
                    while j < count, p[j] != quote { j += 1 }
                    guard j < count else { break scanTag }
                default: break
                }
                j += 1
            }
            guard j < count else { throw XMLScanError.malformed("unterminated start tag") }
            let selfClosing = j > attributesStart && p[j - 1] == 0x2F
            i = j + 1
            return .start(name: nameStart..<nameEnd, attributes: attributesStart..<(selfClosing ? j - 1 : j), selfClosing: selfClosing)
        }
        return nil
    }

    private static let cdataOpen = Array("![CDATA[".utf8)

    @inline(__always)
    private static func isNameEnd(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x3E || b == 0x2F || b == 0x09 || b == 0x0A || b == 0x0D
    }

    private static func matches(_ p: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= p.count else { return false }
        for k in 0..<pattern.count where p[index + k] != pattern[k] { return false }
        return true
    }

    private static func find(_ p: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8], from: Int) -> Int? {
        guard let first = pattern.first else { return nil }
        var i = from
        let last = p.count - pattern.count
        while i <= last {
            if p[i] == first, matches(p, pattern, at: i) { return i }
            i += 1
        }
        return nil
    }

    // MARK: - Names and attributes

    /// True when the local name (after any `prefix:`) of a tag name equals `name`.
    @inline(__always)
    func localName(_ range: Range<Int>, is name: [UInt8]) -> Bool {
        var start = range.lowerBound
        if range.count > name.count {
            // Only a prefixed name can be longer: "x:row".
            let colon = range.upperBound - name.count - 1
            guard colon >= range.lowerBound, buffer[colon] == 0x3A else { return false }
            start = colon + 1
        } else if range.count < name.count {
            return false
        }
        for k in 0..<name.count where buffer[start + k] != name[k] { return false }
        return true
    }

    /// The next `name="value"` of a tag's attribute text from `i` (moved past it), or nil at the end.
    @inline(__always)
    private static func nextAttribute(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, end: Int) -> (name: Range<Int>, value: Range<Int>)? {
        while i < end, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D { i += 1 }
        guard i < end else { return nil }
        let nameStart = i
        while i < end, p[i] != 0x3D, p[i] != 0x20, p[i] != 0x09, p[i] != 0x0A, p[i] != 0x0D { i += 1 }
        let nameEnd = i
        while i < end, p[i] != 0x3D { i += 1 }
        i += 1
        while i < end, p[i] != 0x22, p[i] != 0x27 { i += 1 }
        guard i < end else { return nil }
        let quote = p[i]
        i += 1
        let valueStart = i
        while i < end, p[i] != quote { i += 1 }
        let value = valueStart..<min(i, end)
        i += 1
        return (nameStart..<nameEnd, value)
    }

    /// The raw value range of an attribute (by local name, so `r:id` matches `id` only when asked for `r:id` exactly).
    func attribute(_ name: [UInt8], in range: Range<Int>) -> Range<Int>? {
        do {
            let p = buffer
            var i = range.lowerBound
            while let (found, value) = Self.nextAttribute(p, &i, end: range.upperBound) {
                guard found.count == name.count else { continue }
                var same = true
                for k in 0..<name.count where p[found.lowerBound + k] != name[k] {
                    same = false
                    break
                }
                if same { return value }
            }
            return nil
        }
    }

    /// The value ranges of a cell's `r`, `t` and `s` attributes, in one pass.
    func cellAttributes(in range: Range<Int>) -> (r: Range<Int>?, t: Range<Int>?, s: Range<Int>?) {
        do {
            let p = buffer
            var r: Range<Int>? = nil, t: Range<Int>? = nil, s: Range<Int>? = nil
            var i = range.lowerBound
            while let (name, value) = Self.nextAttribute(p, &i, end: range.upperBound) {
                guard name.count == 1 else { continue }
                switch p[name.lowerBound] {
                case 0x72: r = value
                case 0x74: t = value
                case 0x73: s = value
                default: break
                }
            }
            return (r, t, s)
        }
    }

    /// A non-negative decimal in a value range; `nil` when it is not one or absurdly long.
    func decimal(_ value: Range<Int>) -> Int? {
        guard !value.isEmpty, value.count <= 12 else { return nil }
        var n = 0
        for i in value {
            let b = buffer[i]
            guard b >= 0x30, b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }

    /// An attribute's value, entity-decoded.
    func attributeString(_ name: [UInt8], in range: Range<Int>) -> String? {
        guard let value = attribute(name, in: range) else { return nil }
        var out: [UInt8] = []
        appendDecoded(value, cdata: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A non-negative decimal attribute value; `nil` when absent, not a number or absurdly large.
    func attributeInt(_ name: [UInt8], in range: Range<Int>) -> Int? {
        guard let value = attribute(name, in: range), !value.isEmpty, value.count <= 12 else { return nil }
        var n = 0
        for i in value {
            let b = buffer[i]
            guard b >= 0x30, b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }

    // MARK: - Text

    /// Appends a text range to `out`, decoding the predefined entities and character references (not in CDATA).
    func appendDecoded(_ range: Range<Int>, cdata: Bool, to out: inout [UInt8]) {
        do {
            let p = buffer
            if cdata {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[range]))
                return
            }
            var i = range.lowerBound
            let end = range.upperBound
            var runStart = i
            while i < end {
                guard p[i] == 0x26 else {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i]))
                // Find ';' within a short distance.
                var j = i + 1
                while j < end, j - i <= 12, p[j] != 0x3B { j += 1 }
                if j < end, p[j] == 0x3B, let scalar = entity(i + 1, j) {
                    TextDecoding.appendUTF8(scalar, to: &out)
                    i = j + 1
                } else {
                    out.append(0x26)  // not an entity we decode: keep the '&' as text
                    i += 1
                }
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<end]))
        }
    }

    private func entity(_ start: Int, _ end: Int) -> UInt32? {
        let length = end - start
        guard length >= 2 else { return nil }
        if buffer[start] == 0x23 {  // &#…;
            var value: UInt32 = 0
            if buffer[start + 1] == 0x78 || buffer[start + 1] == 0x58 {
                guard length >= 3, length <= 8 else { return nil }
                for k in (start + 2)..<end {
                    let b = buffer[k]
                    let digit: UInt32
                    switch b {
                    case 0x30...0x39: digit = UInt32(b - 0x30)
                    case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
                    case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
                    default: return nil
                    }
                    value = value << 4 | digit
                }
            } else {
                guard length <= 8 else { return nil }
                for k in (start + 1)..<end {
                    let b = buffer[k]
                    guard b >= 0x30, b <= 0x39 else { return nil }
                    value = value * 10 + UInt32(b - 0x30)
                }
            }
            guard value > 0, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return 0xFFFD }
            return value
        }
        switch length {
        case 2:
            if buffer[start] == 0x6C, buffer[start + 1] == 0x74 { return 0x3C }  // lt
            if buffer[start] == 0x67, buffer[start + 1] == 0x74 { return 0x3E }  // gt
        case 3:
            if buffer[start] == 0x61, buffer[start + 1] == 0x6D, buffer[start + 2] == 0x70 { return 0x26 }  // amp
        case 4:
            if buffer[start] == 0x71, buffer[start + 1] == 0x75, buffer[start + 2] == 0x6F, buffer[start + 3] == 0x74 { return 0x22 }  // quot
            if buffer[start] == 0x61, buffer[start + 1] == 0x70, buffer[start + 2] == 0x6F, buffer[start + 3] == 0x73 { return 0x27 }  // apos
        default: break
        }
        return nil
    }

    /// Reads the text content of the element whose start tag was just returned, up to its end tag,
    /// appending it decoded to `out`. Nested elements are skipped (their text is kept).
    mutating func readText(into out: inout [UInt8], maxBytes: Int) throws {
        var depth = 1
        while let event = try next() {
            switch event {
            case .text(let range, let cdata):
                appendDecoded(range, cdata: cdata, to: &out)
                if out.count > maxBytes { throw XMLScanError.textTooLong(out.count) }
            case .start(_, _, let selfClosing):
                if !selfClosing { depth += 1 }
            case .end:
                depth -= 1
                if depth == 0 { return }
            }
        }
        throw XMLScanError.malformed("unexpected end of document inside an element")
    }

    /// Skips to the end of the element whose start tag was just returned.
    mutating func skipElement() throws {
        var depth = 1
        while let event = try next() {
            switch event {
            case .start(_, _, let selfClosing): if !selfClosing { depth += 1 }
            case .end:
                depth -= 1
                if depth == 0 { return }
            case .text: continue
            }
        }
        throw XMLScanError.malformed("unexpected end of document inside an element")
    }
}

/// Decodes OOXML's `_xHHHH_` escapes (control characters in strings, e.g. `_x000D_`).
enum OOXMLEscapes {
    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 7 else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x5F, i + 6 < bytes.count, bytes[i + 1] == 0x78, bytes[i + 6] == 0x5F {
                var value: UInt32 = 0
                var ok = true
                for k in (i + 2)...(i + 5) {
                    let b = bytes[k]
                    switch b {
                    case 0x30...0x39: value = value << 4 | UInt32(b - 0x30)
                    case 0x41...0x46: value = value << 4 | UInt32(b - 0x41 + 10)
                    case 0x61...0x66: value = value << 4 | UInt32(b - 0x61 + 10)
                    default: ok = false
                    }
                }
                if ok {
                    TextDecoding.appendUTF8(value, to: &out)
                    i += 7
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// True when the bytes may hold an `_xHHHH_` escape.
    @inline(__always)
    static func mayContain(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 7 else { return false }
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x5F, bytes[i + 1] == 0x78 { return true }
            i += 1
        }
        return false
    }
}
