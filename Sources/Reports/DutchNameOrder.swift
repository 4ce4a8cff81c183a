import Foundation

/// The order of names on Dutch lists: by surname without its infix ("van", "de", "van der", …), then the
/// given names, then the infix; accents folded, the ĳ ligature as "ij", case ignored.
/// "Jan van der Berg" sorts as "berg jan van der", so after "Anna Bakker" and before "Cor de Wit".
enum DutchNameOrder {
    /// Infixes (tussenvoegsels) that stand between given names and surname.
    static let infixes: Set<String> = [
        "van", "de", "der", "den", "het", "'t", "t", "te", "ter", "ten", "in", "op", "aan", "bij", "onder", "voor", "uit",
        "over", "la", "le", "l'", "du", "des", "di", "da", "dos", "del", "della", "'s", "s", "von", "vom", "zum", "zur", "am",
    ]

    /// The key of a person on a list: the name's key, then the id (two people of one name keep a fixed order).
    static func listKey(name: String, id: String) -> String { key(name) + "\u{0}" + id }

    /// The sort key of a full name.
    static func key(_ name: String) -> String {
        let words = fold(name).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count > 1 else { return words.first ?? "" }
        // The infix starts at the first infix word after the first (given) name; without one the surname is the last word.
        var start = words.count - 1
        var end = words.count - 1
        if let first = words.indices.dropFirst().first(where: { infixes.contains(words[$0]) }) {
            var last = first
            while last + 1 < words.count - 1, infixes.contains(words[last + 1]) { last += 1 }
            if last + 1 < words.count {
                start = first
                end = last
            }
        } else {
            start = words.count - 1
            end = start - 1
        }
        let given = words[..<start]
        let infix = start <= end ? words[start...end] : []
        let surname = words[(end + 1)...]
        return (surname + given + infix).joined(separator: " ")
    }

    /// Lower case, accents removed, ĳ as ij, apostrophe variants as one.
    static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: out.append(Unicode.Scalar(scalar.value | 0x20)!)
            case 0..<0x80: out.append(scalar)
            case 0x80...0x17F: out.append(contentsOf: latin[Int(scalar.value - 0x80)].unicodeScalars)
            case 0x2018, 0x2019: out.append("'")
            default: return foundationFold(text)  // other scripts, combining marks: Foundation's folding
            }
        }
        return String(out)
    }

    /// The folding by Foundation, for any text.
    static func foundationFold(_ text: String) -> String {
        text.replacingOccurrences(of: "ĳ", with: "ij").replacingOccurrences(of: "Ĳ", with: "IJ")
            .replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'")
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: dutch)
            .lowercased()
    }

    /// The locale of the folding (made once).
    private static let dutch = Locale(identifier: "nl_NL")

    /// Foundation's folding of each character U+0080…U+017F (Latin-1 and Latin Extended-A: the accents of
    /// names on Dutch lists), made once, so that such names are folded without Foundation.
    private static let latin: [String] = (0x80...0x17F).map { foundationFold(String(Unicode.Scalar($0)!)) }
}
