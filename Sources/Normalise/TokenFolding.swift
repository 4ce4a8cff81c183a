import Foundation

/// Folding of free text into vocabulary tokens for matching and counting: NFKC, lower case, no diacritics,
/// punctuation as space.
public enum TokenFolding {
    /// Folds text: Unicode NFKC, lower case, diacritics removed (ĳ → ij, ß → ss, æ → ae …),
    /// apostrophes dropped ("zzp'er" → "zzper"), other punctuation and symbols → space, whitespace collapsed.
    public static func fold(_ text: String) -> String {
        if text.isEmpty { return "" }
        let decomposed = text.precomposedStringWithCompatibilityMapping.lowercased().decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        func emit(_ scalars: String) {
            if pendingSpace, !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(contentsOf: scalars.unicodeScalars)
        }
        for scalar in decomposed.unicodeScalars {
            switch scalar.value {
            case 0x27, 0x2018, 0x2019, 0x201B, 0x60, 0xB4, 0x2BC, 0x2032:
                continue  // apostrophes join: "zzp'er", "programma's"
            case 0x133: emit("ij")
            case 0xDF: emit("ss")
            case 0xE6: emit("ae")
            case 0x153: emit("oe")
            case 0xF8: emit("o")
            case 0x142: emit("l")
            case 0x111, 0xF0: emit("d")
            case 0xFE: emit("th")
            case 0x131: emit("i")
            default:
                let properties = scalar.properties
                switch properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                    continue
                case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .otherLetter, .modifierLetter,
                    .decimalNumber, .letterNumber, .otherNumber:
                    if pendingSpace, !out.isEmpty { out.append(" ") }
                    pendingSpace = false
                    out.append(scalar)
                default:
                    pendingSpace = true
                }
            }
        }
        return String(out)
    }

    /// The folded tokens of a text.
    public static func tokens(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }

    /// An organisation name folded for counting: folded text, common abbreviations written out
    /// ("Gem." → "gemeente", "Prov." → "provincie", "Stg." → "stichting"), legal forms (B.V., N.V.) dropped.
    public static func foldOrganisation(_ name: String) -> String {
        var tokens = Self.tokens(name)
        if tokens.isEmpty { return "" }
        // Legal forms at the end: "b v", "bv", "n v", "nv", "vof", "v o f", "ltd", "gmbh", "inc".
        while tokens.count > 1 {
            let last = tokens[tokens.count - 1]
            if ["bv", "nv", "vof", "ltd", "gmbh", "inc", "llc"].contains(last) {
                tokens.removeLast()
            } else if tokens.count > 2, last == "v", ["b", "n"].contains(tokens[tokens.count - 2]) {
                tokens.removeLast(2)
            } else if tokens.count > 3, last == "f", tokens[tokens.count - 2] == "o", tokens[tokens.count - 3] == "v" {
                tokens.removeLast(3)
            } else {
                break
            }
        }
        let expansions: [String: String] = [
            "gem": "gemeente", "gemeente": "gemeente", "prov": "provincie",
            "stg": "stichting", "min": "ministerie", "univ": "universiteit", "rws": "rijkswaterstaat",
        ]
        // Expand only a leading abbreviation ("Gem. Utrecht"), where the meaning is clear.
        if let expanded = expansions[tokens[0]], tokens.count > 1 { tokens[0] = expanded }
        return tokens.joined(separator: " ")
    }
}
