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

    /// Interest extraction with a caller-owned stemmer (not thread-safe).
    func analyseInterests(_ raw: String, stemmer: TokenStemmer) -> InterestExtraction {
        let wholeTokens = TextFolding.tokens(raw)
        if wholeTokens.isEmpty || isNonAnswer(wholeTokens) {
            return InterestExtraction(keywords: [], unmapped: [], gaveInterests: false)
        }
        var found = Set<Int>()
        var unmapped: [InterestExtraction.UnmappedItem] = []
        var longUnmapped: [String] = []
        var gave = false
        for piece in raw.split(whereSeparator: { Self.itemSeparators.contains($0) }) {
            let text = piece.trimmingCharacters(in: .whitespacesAndNewlines)
            let tokens = TextFolding.tokens(text)
            if tokens.isEmpty || isNonAnswer(tokens) || tokens.allSatisfy({ Self.stopWords.contains($0) }) { continue }
            gave = true
            let short = tokens.count <= Self.shortItemWords
            let hits = scanKeywords(tokens, short: short, stemmer: stemmer)
            if !hits.isEmpty {
                found.formUnion(hits)
            } else if short {
                let suggestions = keywords.suggestions(for: [tokens.joined()] + tokens, count: 3)
                unmapped.append(.init(text: text, suggestions: suggestions.map { keywords.entries[$0].id }))
            } else {
                longUnmapped.append(text)
            }
        }
        // Long free text that matched nothing is reported once, and only when the whole answer gave nothing.
        if found.isEmpty, !longUnmapped.isEmpty {
            unmapped.append(.init(text: longUnmapped.joined(separator: "; "), suggestions: []))
        }
        let ids = Set(found.map { keywords.entries[$0].id }).sorted()
        return InterestExtraction(keywords: ids, unmapped: unmapped, gaveInterests: gave)
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
