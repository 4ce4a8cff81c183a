/// Discipline matching: whole value, role phrase, n-grams, compound heads, fuzzy.
extension Normaliser {
    /// Words that say nothing about the discipline ("Senior", "freelance", "ik ben", titles).
    static let fillerWords: Set<String> = [
        "senior", "sr", "junior", "jr", "medior", "freelance", "freelancer", "freelancend", "zelfstandig",
        "zelfstandige", "zzp", "zzper", "zzpr", "ervaren", "experienced", "lead", "leading", "principal",
        "assistent", "assistant", "adjunct", "associate", "tweede", "eerste", "allround", "ir", "ing", "dr", "drs",
        "mr", "msc", "bsc", "ma", "ba", "mba", "mphil", "oud", "voormalig", "voormalige", "former", "ex", "gepensioneerd",
        "retired", "ik", "ben", "i", "am", "im", "a", "an", "de", "het", "een", "the", "als", "as", "werkzaam",
        "working", "werk", "werkend", "work", "mijn", "my", "functie", "function", "beroep", "profession",
        "discipline", "vakgebied", "job", "title", "in", "op", "met", "with", "en", "and", "of", "or", "nl",
        "interim", "strategisch", "strategic", "hoofd", "head", "eigen", "own", "parttime", "fulltime", "deeltijd",
        "tijdelijk", "temporary", "dhr", "mevr", "mw", "etc",
    ]

    /// Words after which an organisation or place follows ("… bij gemeente Utrecht", "… at Arcadis").
    static let organisationMarkers: Set<String> = [
        "bij", "at", "for", "voor", "van", "namens", "gemeente", "provincie", "ministerie", "rijkswaterstaat",
        "waterschap", "hoogheemraadschap",
    ]

    /// The value without organisation and filler words ("Senior beleidsadviseur RO gemeente Utrecht" →
    /// "beleidsadviseur ro"); empty when nothing but filler is left.
    static func rolePhrase(_ tokens: [String]) -> [String] {
        var cut = tokens
        if let marker = tokens.indices.first(where: { organisationMarkers.contains(tokens[$0]) }),
            tokens[..<marker].contains(where: { !fillerWords.contains($0) })
        {
            cut = Array(tokens[..<marker])
        }
        return cut.filter { !fillerWords.contains($0) }
    }

    /// Discipline matching with a caller-owned stemmer (not thread-safe).
    func matchDiscipline(_ raw: String, stemmer: TokenStemmer) -> DisciplineMatch {
        let tokens = TokenFolding.tokens(raw)
        if tokens.isEmpty { return DisciplineMatch(discipline: nil, family: nil, method: .empty) }
        if isNonAnswer(tokens) { return DisciplineMatch(discipline: nil, family: nil, method: .nonAnswer) }

        // 1. The whole value.
        if let hit = disciplines.lookup(tokens[...], stemmer: stemmer) {
            return known(hit, method: hit.tier == .exact ? .exact : .stemmed)
        }
        // 2. The role phrase (fillers and organisation removed).
        let role = Self.rolePhrase(tokens)
        if role.isEmpty || isNonAnswer(role) {
            return DisciplineMatch(discipline: nil, family: nil, method: .nonAnswer)
        }
        if role != tokens, let hit = disciplines.lookup(role[...], stemmer: stemmer) {
            return known(hit, method: .phrase)
        }
        let candidates = role == tokens ? [tokens] : [role, tokens]
        // 3. Token n-grams: specific before generic, then earliest, then longest.
        for phrase in candidates {
            if let hit = bestNgram(phrase, stemmer: stemmer) { return known(hit, method: .ngram) }
        }
        // 4. Fuzzy on the whole value and the role phrase ("lanschapsarchitect").
        var ambiguity: [Int] = []
        var seen = Set<String>()
        for query in [tokens.joined(), role.joined()] where seen.insert(query).inserted {
            guard let hit = disciplines.fuzzy(query) else { continue }
            if hit.entries.count == 1 {
                return known(VocabularyHit(entry: hit.entries[0], tier: .stemmed, key: hit.key), method: .fuzzy)
            }
            if ambiguity.isEmpty { ambiguity = hit.entries }
        }
        // 5. Compound heads ("gemeentearchitect", "architectuurstudent").
        for phrase in candidates where ambiguity.isEmpty {
            var weakHit: VocabularyHit?
            for token in phrase {
                guard let hit = disciplines.compoundHead(of: token, stemmer: stemmer) else { continue }
                if !weakDisciplineKeys.contains(hit.key) { return known(hit, method: .compound) }
                if weakHit == nil { weakHit = hit }
            }
            if let weakHit { return known(weakHit, method: .compound) }
        }
        // 6. Fuzzy on words and word groups of the role phrase.
        var queries: [String] = []
        for size in stride(from: min(3, role.count), through: 1, by: -1) where role.count > 1 {
            for start in 0...(role.count - size) {
                queries.append(role[start..<(start + size)].joined())
            }
        }
        var weakFuzzy: (FuzzyHit, Int)?
        for query in queries where seen.insert(query).inserted && disciplines.exact[query] == nil {
            guard let hit = disciplines.fuzzy(query) else { continue }
            if hit.entries.count == 1 {
                let entry = hit.entries[0]
                if weakDisciplineKeys.contains(hit.key) {
                    if weakFuzzy == nil { weakFuzzy = (hit, entry) }
                    continue
                }
                return known(VocabularyHit(entry: entry, tier: .stemmed, key: hit.key), method: .fuzzy)
            }
            if ambiguity.isEmpty { ambiguity = hit.entries }
        }
        if let (hit, entry) = weakFuzzy, ambiguity.isEmpty {
            return known(VocabularyHit(entry: entry, tier: .stemmed, key: hit.key), method: .fuzzy)
        }
        // 7. Unmapped: the nearest entries as suggestions (fuzzy-tied ones first).
        var suggestions = Array(ambiguity.prefix(3))
        suggestions += disciplines.suggestions(
            for: [tokens.joined(), role.joined()] + role, count: 3 - suggestions.count, excluding: Set(suggestions))
        return DisciplineMatch(
            discipline: nil, family: nil, method: ambiguity.isEmpty ? .unmapped : .ambiguous,
            suggestions: suggestions.map { disciplines.entries[$0].id })
    }

    /// The best token n-gram of a phrase: a specific word before a generic one, then the earliest, then the longest.
    func bestNgram(_ tokens: [String], stemmer: TokenStemmer) -> VocabularyHit? {
        var weak: VocabularyHit?
        for start in tokens.indices {
            for size in stride(from: min(disciplines.maxTokens, tokens.count - start), through: 1, by: -1) {
                if start == 0 && size == tokens.count { continue }  // the whole phrase was tried already
                guard let hit = disciplines.lookup(tokens[start..<(start + size)], stemmer: stemmer) else { continue }
                if !weakDisciplineKeys.contains(hit.key) { return hit }
                // A generic role word after an unknown qualifier ("HR adviseur") is not that role.
                let qualified = start > 0 && !Self.fillerWords.contains(tokens[start - 1])
                    && Self.genericRoleWords.contains(hit.key)
                if weak == nil, !qualified { weak = hit }
                break
            }
        }
        return weak
    }

    /// A known discipline from a hit.
    func known(_ hit: VocabularyHit, method: DisciplineMatch.Method) -> DisciplineMatch {
        let entry = disciplines.entries[hit.entry]
        return DisciplineMatch(discipline: entry.id, family: entry.family, method: method, matchedKey: hit.key)
    }
}
