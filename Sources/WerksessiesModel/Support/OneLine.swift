/// Text from the input made safe for a one-line message: line breaks, tabs and other control characters are
/// written as escapes (`\n`, `\r`, `\t`, `\u{1B}`), so that whatever a file holds, an error stays one line.
public enum OneLine {
    /// `text` with every control character (C0, DEL, C1, U+2028/U+2029) escaped; unchanged when it has none.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
            case "\t": out.append(contentsOf: #"\t"#.unicodeScalars)
            case _ where needsEscape(scalar):
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
