import Foundation

/// Interest extraction: multi-select lists and free sentences searched for keyword synonyms.
extension Normaliser {
    /// Characters that separate the items of a multi-select answer.
    static let itemSeparators: Set<Character> = [";", ",", "/", "|", "\n", "\r", "\r\n", "\t", "•", "·"]

    /// Items of at most this many words are list items: they get fuzzy matching and suggestions.
    static let shortItemWords = 4

    /// Words never worth a fuzzy match or a diagnostic of their own.
    static let stopWords: Set<String> = [
        "de", "het", "een", "en", "of", "in", "op", "van", "voor", "met", "aan", "bij", "naar", "over", "om", "te",
        "door", "als", "dat", "die", "dit", "deze", "ik", "wij", "we", "mij", "mijn", "ons", "onze", "is", "zijn",
        "ben", "heb", "hebben", "wordt", "worden", "vooral", "interesse", "interesses", "geinteresseerd", "graag",
        "ook", "zeer", "erg", "heel", "meer", "the", "a", "an", "and", "or", "to", "for", "with", "on", "at",
        "by", "my", "i", "am", "interested", "interest", "interests", "especially", "mainly", "very", "etc",
        "thema", "themas", "onderwerp", "onderwerpen", "topic", "topics", "hoe", "how", "wat", "what",
    ]

    /// Broad single words that count as an interest only as a list item of their own, not inside a
    /// sentence ("groen in de stad" is not about the city of the future).
    static let listOnlyWords: Set<String> = [
        "stad", "steden", "city", "cities", "kwaliteit", "energie", "energy", "kennis", "knowledge", "waarde", "waarden",
        "value", "values", "design", "ontwerp", "ontwerpen", "innovatie", "innovation", "rollen", "roles", "natuur",
        "nature", "sociaal", "sociale", "social", "wonen", "woningen", "housing", "homes", "transport", "verkeer",
        "regels", "steun", "cultuur", "culture", "samenleving", "society", "keten", "ketens", "netwerk", "network",
        "netwerken", "verbinden", "verbinding", "borging", "oproep", "akkoord", "agreement", "manifest", "regulation",
        "effect", "park", "boom", "tree", "trees", "bomen", "film", "dans", "dance", "muziek", "music", "theater",
        "integraal", "circulair", "duurzame", "flexibel", "flexible", "toegankelijkheid", "commit", "subsidie",
        "tender", "competition", "democratie", "stakeholders",
        "generaties", "kijken", "2050", "2100", "mobiliteit", "mobility", "infrastructuur", "infrastructure",
        "fiets", "fietsen", "scenario", "scenarios", "beleving", "ervaring", "sensory", "verbeelding", "perspectieven",
        "veiligheid", "safety", "welzijn", "gezondheid", "health", "tuinen", "gardens", "parken", "parks", "polder",
        "regio", "dorp", "transformatie", "verdichting", "inbreiding", "uitleg",
    ]

    /// What one list item (or sentence) of an interests answer holds.
    struct ItemAnalysis: Sendable {
        /// Keywords found, as positions in id order (`Tables.keywordRank`), sorted.
        var ranks: [Int] = []
        /// A short item that matched nothing, with suggestions.
        var unmapped: InterestExtraction.UnmappedItem?
        /// The diagnostic message for `unmapped`.
        var message: String?
        /// Long free text that matched nothing (reported only when the whole answer gave nothing).
        var unmatchedText: String?
        /// False for empty items, non-answers and items of stop words only.
        var gave = false
    }

    /// Interest extraction with a caller-owned stemmer (not thread-safe).
    func analyseInterests(_ raw: String, stemmer: TokenStemmer) -> InterestExtraction {
        if isWholeNonAnswer(raw) { return InterestExtraction(keywords: [], unmapped: [], gaveInterests: false) }
        return combine(Self.splitItems(raw).map { analyseItem($0, stemmer: stemmer) })
    }

    /// True when the whole answer is a non-answer that item splitting would break ("n/a").
    func isWholeNonAnswer(_ raw: String) -> Bool {
        raw.utf8.count <= 24 && isNonAnswer(TokenFolding.tokens(raw))
    }

    /// The items of a multi-select answer: split on ; , / | tab, line breaks and bullets.
    static func splitItems(_ raw: String) -> [Substring] {
        var items: [Substring] = []
        let utf8 = raw.utf8
        let hasSeparator = utf8.contains {
            $0 == 0x3B || $0 == 0x2C || $0 == 0x2F || $0 == 0x7C || $0 < 0x0E || $0 == 0xC2 || $0 == 0xE2
        }
        if !hasSeparator { return raw.isEmpty ? [] : [raw[...]] }
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            var width = 0
            switch byte {
            case 0x3B, 0x2C, 0x2F, 0x7C, 0x0A, 0x0D, 0x09: width = 1  // ; , / | \n \r \t
            case 0xC2:  // · (C2 B7)
                let next = utf8.index(after: index)
                if next != utf8.endIndex, utf8[next] == 0xB7 { width = 2 }
            case 0xE2:  // • (E2 80 A2)
                let second = utf8.index(after: index)
                if second != utf8.endIndex, utf8[second] == 0x80 {
                    let third = utf8.index(after: second)
                    if third != utf8.endIndex, utf8[third] == 0xA2 { width = 3 }
                }
            default: break
            }
            if width > 0 {
                if start != index { items.append(raw[start..<index]) }
                index = utf8.index(index, offsetBy: width)
                start = index
            } else {
                index = utf8.index(after: index)
            }
        }
        if start != utf8.endIndex { items.append(raw[start..<utf8.endIndex]) }
        return items
    }

    /// Reads one item.
    func analyseItem(_ piece: Substring, stemmer: TokenStemmer) -> ItemAnalysis {
        let text = String(piece).trimmingWhitespace
        let tokens = TokenFolding.tokens(text)
        var analysis = ItemAnalysis()
        if tokens.isEmpty || isNonAnswer(tokens) || tokens.allSatisfy({ Self.stopWords.contains($0) }) { return analysis }
        analysis.gave = true
        let short = tokens.count <= Self.shortItemWords
        let hits = scanKeywords(tokens, short: short, stemmer: stemmer)
        if !hits.isEmpty {
            let rank = tables.keywordRank
            analysis.ranks = hits.map { rank[$0] }.sorted()
        } else if short {
            let suggestions = keywords.suggestions(for: [tokens.joined()] + tokens, count: 3)
            let item = InterestExtraction.UnmappedItem(text: text, suggestions: suggestions.map { keywords.entries[$0].id })
            analysis.unmapped = item
            analysis.message = interestMessage(item)
        } else {
            analysis.unmatchedText = text
        }
        return analysis
    }

    /// The answer from its items: keyword ids sorted, each once.
    func combine(_ items: [ItemAnalysis]) -> InterestExtraction {
        var entries: [Int] = []
        var unmapped: [InterestExtraction.UnmappedItem] = []
        var unmatched: [String] = []
        var gave = false
        for item in items {
            entries.append(contentsOf: item.ranks)
            if let item = item.unmapped { unmapped.append(item) }
            if let text = item.unmatchedText { unmatched.append(text) }
            gave = gave || item.gave
        }
        if items.count > 1, entries.count > 1 {
            entries.sort()
            var unique = 1
            for index in 1..<entries.count where entries[index] != entries[unique - 1] {
                entries[unique] = entries[index]
                unique += 1
            }
            entries.removeLast(entries.count - unique)
        }
        // Long free text that matched nothing is reported once, and only when the whole answer gave nothing.
        if entries.isEmpty, !unmatched.isEmpty {
            unmapped.append(.init(text: unmatched.joined(separator: "; "), suggestions: []))
        }
        let ids = tables.keywordIDByRank
        return InterestExtraction(keywords: entries.map { ids[$0] }, unmapped: unmapped, gaveInterests: gave)
    }

    /// Keyword entries in one item: greedy longest token n-grams (exact, then stemmed), then compound
    /// heads and fuzzy matches for the words left over.
    func scanKeywords(_ tokens: [String], short: Bool, stemmer: TokenStemmer) -> Set<Int> {
        var found = Set<Int>()
        var leftover: [Range<Int>] = []
        var start = 0
        var runStart: Int?
        while start < tokens.count {
            var matched = 0
            if !Self.stopWords.contains(tokens[start]) || tokens.count - start > 1 {
                for size in stride(from: min(keywords.maxTokens, tokens.count - start), through: 1, by: -1) {
                    if let hit = keywords.lookup(tokens[start..<(start + size)], stemmer: stemmer) {
                        if size == 1, !short, Self.listOnlyWords.contains(tokens[start]) { break }
                        found.insert(hit.entry)
                        matched = size
                        break
                    }
                }
            }
            if matched > 0 {
                if let begin = runStart { leftover.append(begin..<start) }
                runStart = nil
                start += matched
            } else {
                if runStart == nil { runStart = start }
                start += 1
            }
        }
        if let begin = runStart { leftover.append(begin..<tokens.count) }

        for run in leftover {
            let words = Array(tokens[run])
            if short {
                // List items: compound heads, then the run and its word groups within the typo threshold.
                for word in words where !Self.stopWords.contains(word) {
                    if let hit = keywords.compoundHead(of: word, stemmer: stemmer) { found.insert(hit.entry) }
                }
                if let entry = fuzzyKeyword(words, minimumLength: 5) { found.insert(entry) }
            } else {
                // Free text: only long single words, one at a time.
                for word in words where word.count >= 8 && !Self.stopWords.contains(word) && !Self.listOnlyWords.contains(word) {
                    if let hit = keywords.fuzzy(word), hit.entries.count == 1 { found.insert(hit.entries[0]) }
                }
            }
        }
        return found
    }

    /// A keyword within the typo threshold of a run of words (whole run, then groups of 3, 2, 1 words).
    func fuzzyKeyword(_ words: [String], minimumLength: Int) -> Int? {
        let content = words.filter { !Self.stopWords.contains($0) }
        if content.isEmpty { return nil }
        var queries = [content.joined()]
        for size in stride(from: min(3, content.count - 1), through: 1, by: -1) where content.count > 1 {
            for start in 0...(content.count - size) { queries.append(content[start..<(start + size)].joined()) }
        }
        for query in queries where query.count >= minimumLength {
            if let hit = keywords.fuzzy(query), hit.entries.count == 1 { return hit.entries[0] }
        }
        return nil
    }
}
