import Foundation

/// Folding of headers and answers into lookup keys: case, accents, punctuation and whitespace (Normalise folds
/// free text into vocabulary tokens by other rules: `TokenFolding`).
enum LookupFolding {
    /// Lower-cased, accents removed; hyphens, apostrophes and dots dropped (`E-mail` → `email`, `Thema's` → `themas`);
    /// every other run of punctuation or whitespace becomes one space; trimmed.
    static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var ascii = true
        for b in text.utf8 where b >= 0x80 {
            ascii = false
            break
        }
        var pendingSpace = false
        func emit(_ b: UInt8) {
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(b)
        }
        if ascii {
            for b in text.utf8 {
                switch b {
                case 0x41...0x5A: emit(b + 0x20)
                case 0x61...0x7A, 0x30...0x39: emit(b)
                case 0x2D, 0x27, 0x2E, 0x60: break  // - ' . `
                default: pendingSpace = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var scratch: [UInt8] = []
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x2D, 0x27, 0x2E, 0x60, 0x2019, 0x2018, 0x00AD, 0x2010, 0x2011, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
                continue
            default: break
            }
            if v < 0x80 {
                switch UInt8(v) {
                case 0x41...0x5A: emit(UInt8(v) + 0x20)
                case 0x61...0x7A, 0x30...0x39: emit(UInt8(v))
                default: pendingSpace = true
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                scratch.removeAll(keepingCapacity: true)
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    TextDecoding.appendUTF8(lower.value, to: &scratch)
                }
                if let first = scratch.first {
                    emit(first)
                    out.append(contentsOf: scratch.dropFirst())
                }
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The folded words of a text.
    static func tokens(_ folded: String) -> [Substring] {
        folded.split(separator: " ")
    }

    /// Trims whitespace (also non-breaking and zero-width) from both ends; cheap when there is none.
    @inline(__always)
    static func trim(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.startIndex != utf8.endIndex else { return text }
        let first = utf8[utf8.startIndex], last = utf8[utf8.index(before: utf8.endIndex)]
        if first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return text }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isTrimmable(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isTrimmable(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    @inline(__always)
    static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return true
        default: return scalar.properties.isWhitespace
        }
    }

    /// Zero-width characters that hide in copied e-mail addresses.
    @inline(__always)
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
