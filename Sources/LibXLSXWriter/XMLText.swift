/// Text that XML 1.0 can hold: every part of a workbook is XML, and one forbidden character makes Excel refuse the file.
/// The one rule for it: Ingest cleans registration values with it (and reports them), Reports the bundle's texts, and
/// this wrapper every string it passes to libxlsxwriter, as the last line of defence.
///
/// XML 1.0 forbids the C0 controls other than tab, line feed and carriage return, U+FFFE, U+FFFF and the surrogates.
/// A Swift `String` cannot hold a lone surrogate (decoding replaces it with U+FFFD), so the first two are what is left.
public enum XMLText {
    /// True when XML 1.0 allows the character.
    @inline(__always)
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0..<0x20, 0xFFFE, 0xFFFF, 0xD800...0xDFFF: false
        default: true
        }
    }

    /// True when the text holds a character XML 1.0 forbids (a byte scan; no copy for the usual clean text).
    public static func needsCleaning(_ text: String) -> Bool {
        hasForbidden(text.utf8)
    }

    private static func hasForbidden(_ bytes: String.UTF8View) -> Bool {
        // U+FFFE and U+FFFF are EF BF BE and EF BF BF: `pending` counts the bytes of that prefix seen.
        var pending = 0
        for b in bytes {
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D { return true }
            switch (pending, b) {
            case (_, 0xEF): pending = 1
            case (1, 0xBF): pending = 2
            case (2, 0xBE), (2, 0xBF): return true
            default: pending = 0
            }
        }
        return false
    }

    /// The text without the characters XML 1.0 forbids, and those characters as `U+0007`-style names (in order, each once).
    public static func cleaned(_ text: String) -> (text: String, removed: [String]) {
        guard needsCleaning(text) else { return (text, []) }
        var kept = String.UnicodeScalarView()
        var removed: [String] = []
        for scalar in text.unicodeScalars {
            if isAllowed(scalar) {
                kept.append(scalar)
            } else {
                let name = codePointName(scalar.value)
                if !removed.contains(name) { removed.append(name) }
            }
        }
        return (String(kept), removed)
    }

    /// Cleans a text in place; returns the names of the characters removed (empty when it was clean).
    @discardableResult
    public static func clean(_ text: inout String) -> [String] {
        guard needsCleaning(text) else { return [] }
        let (clean, removed) = cleaned(text)
        text = clean
        return removed
    }

    /// `U+0007`.
    public static func codePointName(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
