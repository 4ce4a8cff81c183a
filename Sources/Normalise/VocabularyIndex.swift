/// One canonical entry of a vocabulary (a discipline or an interest keyword).
struct VocabularyEntry: Sendable, Hashable {
    var id: String
    var label: String
    /// Discipline family; `nil` for keywords.
    var family: String?
}

/// How a phrase was found in a vocabulary.
enum LookupTier: Int, Sendable, Comparable {
    case exact = 0
    case stemmed = 1

    static func < (a: LookupTier, b: LookupTier) -> Bool { a.rawValue < b.rawValue }
}

/// A hit of a token phrase in a vocabulary.
struct VocabularyHit: Sendable, Hashable {
    var entry: Int
    var tier: LookupTier
    /// The key that matched (folded, spaces removed).
    var key: String
}

/// A fuzzy hit: the best distance and every entry at that distance.
struct FuzzyHit: Sendable, Hashable {
    var distance: Int
    var entries: [Int]
    var key: String
}

/// Lookup tables of one vocabulary: folded synonyms with and without spaces, their Snowball stems,
/// and the material for fuzzy matching and suggestions.
struct VocabularyIndex: Sendable {
    var entries: [VocabularyEntry]
    /// Folded synonym with spaces removed → entry.
    var exact: [String: Int] = [:]
    /// Stem keys (per-token stems joined, and the stem of the joined phrase; Dutch and English) → entry.
    var stemmed: [String: Int] = [:]
    /// Single-token exact keys of at least `compoundMinimum` letters, for compound heads ("gemeentearchitect").
    var compoundHeads: [(key: String, entry: Int)] = []
    /// Exact keys for fuzzy matching, as scalars, by their first letter (a typo must keep it).
    var fuzzyKeys: [UInt32: [(key: [UInt32], text: String, entry: Int)]] = [:]
    /// Entry of every exact key, and its number of distinct trigrams, for suggestions.
    var trigramKeys: [(count: Int, entry: Int)] = []
    /// Trigram → the keys (positions in `trigramKeys`) that contain it.
    var trigramPostings: [UInt64: [Int32]] = [:]
    /// Compound heads by their last three letters.
    var compoundHeadsBySuffix: [Substring: [(key: String, entry: Int)]] = [:]
    /// The longest synonym in tokens.
    var maxTokens = 1
    /// Keys claimed by two entries (the first one keeps it): (key, kept entry, other entry).
    var conflicts: [(key: String, kept: Int, other: Int)] = []

    static let compoundMinimum = 5
    static let minimumStemLength = 4

    /// Builds the index of `entries`, each with its synonyms (the label and id are added as synonyms).
    init(entries: [(entry: VocabularyEntry, synonyms: [String])], stemmer: TokenStemmer) {
        self.entries = entries.map(\.entry)
        var phrases: [(tokens: [String], entry: Int)] = []
        for (index, item) in entries.enumerated() {
            var seen = Set<String>()
            let all = item.synonyms + [item.entry.label, item.entry.id.replacingOccurrences(of: "-", with: " ")]
            for synonym in all {
                let tokens = TokenFolding.tokens(synonym)
                if tokens.isEmpty || !seen.insert(tokens.joined(separator: " ")).inserted { continue }
                phrases.append((tokens, index))
                maxTokens = max(maxTokens, tokens.count)
            }
        }
        // Exact keys first, for every entry, so that they win over stems of other entries.
        var exactTexts: [(String, Int)] = []
        for phrase in phrases {
            let key = phrase.tokens.joined()
            if let kept = exact[key] {
                if kept != phrase.entry { conflicts.append((key, kept, phrase.entry)) }
                continue
            }
            exact[key] = phrase.entry
            exactTexts.append((key, phrase.entry))
        }
        for (key, entry) in exactTexts where stemmed[key] == nil {
            stemmed[key] = entry
        }
        for phrase in phrases {
            for key in Self.stemKeys(phrase.tokens, stemmer: stemmer) {
                if let kept = stemmed[key] {
                    if kept != phrase.entry, exact[key] == nil { conflicts.append((key, kept, phrase.entry)) }
                    continue
                }
                stemmed[key] = phrase.entry
            }
        }
        for (key, entry) in exactTexts {
            let scalars = Array(key.unicodeScalars.map(\.value))
            if scalars.count >= Self.compoundMinimum, !key.contains(" ") {
                fuzzyKeys[scalars[0], default: []].append((scalars, key, entry))
            }
            let trigrams = Set(EditDistance.trigrams(scalars))
            for trigram in trigrams { trigramPostings[trigram, default: []].append(Int32(trigramKeys.count)) }
            trigramKeys.append((trigrams.count, entry))
        }
        for phrase in phrases where phrase.tokens.count == 1 && phrase.tokens[0].count >= Self.compoundMinimum {
            compoundHeads.append((phrase.tokens[0], phrase.entry))
        }
        compoundHeads.sort { $0.key.count > $1.key.count }
        for head in compoundHeads { compoundHeadsBySuffix[head.key.suffix(3), default: []].append(head) }
    }

    /// The stem keys of a token phrase: per-token stems joined, and the stem of the joined phrase
    /// (so that "stads randen" meets "stadsranden"), for Dutch and for English.
    static func stemKeys(_ tokens: [String], stemmer: TokenStemmer) -> [String] {
        let stems = tokens.map { stemmer.stems($0) }
        let joined = tokens.joined()
        let joinedStems = stemmer.stems(joined)
        var keys = [
            stems.map(\.dutch).joined(), joinedStems.dutch, stems.map(\.english).joined(), joinedStems.english,
        ]
        // Dutch compounds: the last part carries the inflection ("nieuwe woontypologieën").
        if tokens.count > 1 {
            keys.append(tokens.dropLast().joined() + stems[stems.count - 1].dutch)
        }
        // Stems shorter than four letters collide with short words ("dans" → "dan"): not used.
        var seen = Set<String>()
        return keys.filter { $0.count >= Self.minimumStemLength && seen.insert($0).inserted }
    }

    /// Looks up a token phrase: exact (spaces removed), then stemmed.
    func lookup(_ tokens: ArraySlice<String>, stemmer: TokenStemmer) -> VocabularyHit? {
        let key = tokens.joined()
        if let entry = exact[key] { return VocabularyHit(entry: entry, tier: .exact, key: key) }
        if key.count < Self.minimumStemLength { return nil }
        for stemKey in Self.stemKeys(Array(tokens), stemmer: stemmer) {
            if let entry = stemmed[stemKey] { return VocabularyHit(entry: entry, tier: .stemmed, key: stemKey) }
        }
        return nil
    }

    /// The compound head of a single token ("gemeentearchitect" → architect): the longest single-word
    /// synonym of at least five letters that ends the token, leaving at least three letters in front.
    func compoundHead(of token: String, stemmer: TokenStemmer) -> VocabularyHit? {
        let candidates = [token, stemmer.stems(token).dutch]
        for candidate in candidates where candidate.count >= Self.compoundMinimum + 3 {
            for head in compoundHeadsBySuffix[candidate.suffix(3)] ?? []
            where head.key.count + 3 <= candidate.count && candidate.hasSuffix(head.key) {
                return VocabularyHit(entry: head.entry, tier: .stemmed, key: head.key)
            }
        }
        return nil
    }

    /// The entries nearest to `text` by edit distance, within the length-dependent threshold and with the
    /// same first letter.
    func fuzzy(_ text: String) -> FuzzyHit? {
        let query = Array(text.unicodeScalars.map(\.value))
        if query.isEmpty { return nil }
        let allowed = EditDistance.maxEdits(forLength: query.count)
        if allowed == 0 { return nil }
        var best = allowed + 1
        var bestEntries: [Int] = []
        var bestKey = ""
        for candidate in fuzzyKeys[query[0]] ?? [] {
            let limit = min(best, EditDistance.maxEdits(forLength: min(query.count, candidate.key.count)))
            // Typos rarely hit the first letter; requiring it keeps "hr adviseur" from "pr adviseur".
            if limit == 0 || abs(candidate.key.count - query.count) > limit || candidate.key[0] != query[0] { continue }
            let distance = EditDistance.osa(query, candidate.key, limit: limit)
            if distance > limit { continue }
            if distance < best {
                best = distance
                bestEntries = [candidate.entry]
                bestKey = candidate.text
            } else if distance == best, !bestEntries.contains(candidate.entry) {
                bestEntries.append(candidate.entry)
            }
        }
        if bestEntries.isEmpty { return nil }
        return FuzzyHit(distance: best, entries: bestEntries, key: bestKey)
    }

    /// The `count` entries most similar to any of `texts` (Dice coefficient of character trigrams, at
    /// least two shared), best first.
    func suggestions(for texts: [String], count: Int, excluding excluded: Set<Int> = []) -> [Int] {
        if count <= 0 { return [] }
        var score = [Double](repeating: 0, count: entries.count)
        var shared = [Int32](repeating: 0, count: trigramKeys.count)
        for text in texts where text.count >= 3 {
            let query = Set(EditDistance.trigrams(Array(text.unicodeScalars.map(\.value))))
            var touched: [Int32] = []
            for trigram in query {
                for key in trigramPostings[trigram] ?? [] {
                    if shared[Int(key)] == 0 { touched.append(key) }
                    shared[Int(key)] += 1
                }
            }
            for key in touched {
                let common = Int(shared[Int(key)])
                shared[Int(key)] = 0
                if common < 2 { continue }
                let similarity = 2 * Double(common) / Double(query.count + trigramKeys[Int(key)].count)
                let entry = trigramKeys[Int(key)].entry
                if similarity > score[entry] { score[entry] = similarity }
            }
        }
        let ranked = score.indices
            .filter { score[$0] > 0.2 && !excluded.contains($0) }
            .sorted { score[$0] != score[$1] ? score[$0] > score[$1] : $0 < $1 }
        return Array(ranked.prefix(count))
    }
}
