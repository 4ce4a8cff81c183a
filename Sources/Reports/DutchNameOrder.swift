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
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiLowercased(text) }
        return text.replacingOccurrences(of: "ĳ", with: "ij").replacingOccurrences(of: "Ĳ", with: "IJ")
            .replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'")
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: dutch)
            .lowercased()
    }

    /// The locale of the folding (made once).
    private static let dutch = Locale(identifier: "nl_NL")

    /// An ASCII name in lower case: the same as the folding above, without Foundation (most names on a list).
    private static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
