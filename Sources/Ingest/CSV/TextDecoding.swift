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

    /// True when `bytes[from..<to]` is valid UTF-8; a sequence cut off by `to` counts as valid when `allowTruncatedEnd`.
    static func isValidUTF8(_ bytes: [UInt8], from: Int = 0, to: Int? = nil, allowTruncatedEnd: Bool = false) -> Bool {
        let end = to ?? bytes.count
        var i = from
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let need: Int
            let minimum: UInt32
            if b & 0xE0 == 0xC0 { need = 1; minimum = 0x80 }
            else if b & 0xF0 == 0xE0 { need = 2; minimum = 0x800 }
            else if b & 0xF8 == 0xF0 { need = 3; minimum = 0x10000 }
            else { return false }
            if i + need >= end {
                // The sequence runs past the end: acceptable only as a chunk boundary.
                guard allowTruncatedEnd else { return false }
                var j = i + 1
                while j < end {
                    if bytes[j] & 0xC0 != 0x80 { return false }
                    j += 1
                }
                return true
            }
            var value = UInt32(b) & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07)
            for j in 1...need {
                let c = bytes[i + j]
                if c & 0xC0 != 0x80 { return false }
                value = value << 6 | UInt32(c & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return false }
            i += need + 1
        }
        return true
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
