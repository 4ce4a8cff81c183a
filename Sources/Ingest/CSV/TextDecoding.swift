/// The text encodings a CSV export can come in.
enum TextEncoding: String, Sendable, Hashable {
    case utf8 = "UTF-8"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1252 = "Windows-1252"
}

/// Byte-level helpers for detecting and decoding encodings; no per-character `String` work.
enum TextDecoding {
    /// Unicode scalars of Windows-1252 bytes 0x80...0x9F (0 where the code page has no character).
    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Decodes Windows-1252 bytes to a `String`.
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        appendWindows1252AsUTF8(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends Windows-1252 bytes transcoded to UTF-8.
    static func appendWindows1252AsUTF8<Bytes: Sequence<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
            } else {
                let scalar = (0x80...0x9F).contains(byte) ? cp1252High[Int(byte) - 0x80] : UInt32(byte)
                appendUTF8(scalar, to: &out)
            }
        }
    }

    /// Appends the UTF-8 encoding of a scalar value (invalid values become U+FFFD).
    @inline(__always)
    static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        var v = value
        if v > 0x10FFFF || (0xD800...0xDFFF).contains(v) { v = 0xFFFD }
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// The length of the valid UTF-8 sequence that starts at `bytes[i]` (1 for ASCII), `nil` when it is not one;
    /// `0` when a sequence that is valid so far is cut off by `end`.
    @inline(__always)
    static func utf8SequenceLength<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at i: Bytes.Index, end: Bytes.Index) -> Int?
    where Bytes.Index == Int {
        let b = bytes[i]
        if b < 0x80 { return 1 }
        let need: Int
        let minimum: UInt32
        if b & 0xE0 == 0xC0 { need = 1; minimum = 0x80 }
        else if b & 0xF0 == 0xE0 { need = 2; minimum = 0x800 }
        else if b & 0xF8 == 0xF0 { need = 3; minimum = 0x10000 }
        else { return nil }
        if i + need >= end {
            var j = i + 1
            while j < end {
                if bytes[j] & 0xC0 != 0x80 { return nil }
                j += 1
            }
            return 0
        }
        var value = UInt32(b) & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07)
        for j in 1...need {
            let c = bytes[i + j]
            if c & 0xC0 != 0x80 { return nil }
            value = value << 6 | UInt32(c & 0x3F)
        }
        if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return nil }
        return need + 1
    }

    /// True when `bytes[from..<to]` is valid UTF-8; a sequence cut off by `to` counts as valid when `allowTruncatedEnd`.
    static func isValidUTF8(_ bytes: [UInt8], from: Int = 0, to: Int? = nil, allowTruncatedEnd: Bool = false) -> Bool {
        let end = to ?? bytes.count
        var i = from
        while i < end {
            guard let length = utf8SequenceLength(bytes, at: i, end: end) else { return false }
            if length == 0 { return allowTruncatedEnd }
            i += length
        }
        return true
    }

    /// How much of `bytes[from...]` reads as UTF-8: the valid multi-byte sequences and the bytes that fit no sequence
    /// (a sequence cut off at the end counts as neither).
    static func utf8Evidence(_ bytes: [UInt8], from: Int = 0) -> (multiByte: Int, invalid: Int) {
        var multiByte = 0, invalid = 0
        var i = from
        while i < bytes.count {
            switch utf8SequenceLength(bytes, at: i, end: bytes.count) {
            case nil: invalid += 1; i += 1
            case 0?: return (multiByte, invalid)
            case 1?: i += 1
            case let length?: multiByte += 1; i += length
            }
        }
        return (multiByte, invalid)
    }

    /// Appends UTF-8 bytes, reading each byte that fits no valid sequence as Windows-1252; returns the first (up to
    /// eight) such bytes.
    static func appendRepairingUTF8(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) -> [UInt8] {
        var invalid: [UInt8] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let length = utf8SequenceLength(bytes, at: i, end: bytes.endIndex) ?? 0
            if length > 0 {
                out.append(contentsOf: bytes[i..<(i + length)])
                i += length
            } else {
                if invalid.count < 8 { invalid.append(bytes[i]) }
                appendWindows1252AsUTF8(bytes[i...i], to: &out)
                i += 1
            }
        }
        return invalid
    }

    /// True when the bytes look like binary data rather than text (NUL bytes or many control characters).
    static func looksBinary(_ bytes: [UInt8], from: Int = 0, limit: Int = 8192) -> Bool {
        let end = min(bytes.count, from + limit)
        guard from < end else { return false }
        var controls = 0
        for i in from..<end {
            let b = bytes[i]
            if b == 0 { return true }
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { controls += 1 }
        }
        return controls * 20 > (end - from)  // more than 5% control characters
    }
}

/// Transcodes UTF-16 (LE or BE) chunks to UTF-8, carrying an odd byte or a lone high surrogate between chunks.
struct UTF16Transcoder: Sendable {
    let bigEndian: Bool
    private var carry: [UInt8] = []
    private var highSurrogate: UInt32? = nil

    init(bigEndian: Bool) { self.bigEndian = bigEndian }

    /// Transcodes `bytes[from..<to]` and appends the UTF-8 to `out`.
    mutating func transcode(_ bytes: [UInt8], from: Int, to: Int, into out: inout [UInt8]) {
        var i = from
        if !carry.isEmpty, i < to {
            carry.append(bytes[i])
            i += 1
            let unit = bigEndian ? UInt32(carry[0]) << 8 | UInt32(carry[1]) : UInt32(carry[1]) << 8 | UInt32(carry[0])
            carry.removeAll()
            emit(unit, into: &out)
        }
        while i + 1 < to {
            let unit = bigEndian ? UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1]) : UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i])
            emit(unit, into: &out)
            i += 2
        }
        if i < to { carry.append(bytes[i]) }
    }

    /// Flushes a dangling half code unit or surrogate as U+FFFD.
    mutating func finish(into out: inout [UInt8]) {
        if highSurrogate != nil || !carry.isEmpty { TextDecoding.appendUTF8(0xFFFD, to: &out) }
        highSurrogate = nil
        carry.removeAll()
    }

    @inline(__always)
    private mutating func emit(_ unit: UInt32, into out: inout [UInt8]) {
        if let high = highSurrogate {
            highSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                TextDecoding.appendUTF8(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &out)
                return
            }
            TextDecoding.appendUTF8(0xFFFD, to: &out)
        }
        if (0xD800...0xDBFF).contains(unit) {
            highSurrogate = unit
        } else {
            TextDecoding.appendUTF8(unit, to: &out)  // lone low surrogates become U+FFFD
        }
    }
}
