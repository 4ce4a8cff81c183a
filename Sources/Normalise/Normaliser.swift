import WerksessiesModel

/// The Normalise stage: maps free-text disciplines and interests onto the taxonomy.
///
/// Matching runs in tiers — exact (folded, with and without spaces), Snowball-stemmed (Dutch and
/// English), role phrase without filler words, token n-grams, compound heads, and only then fuzzy
/// (optimal string alignment within a length-dependent threshold). A fuzzy tie between different
/// disciplines is never guessed. The value type is `Sendable`; libstemmer instances are created per call.
public struct Normaliser: Sendable {
    /// The vocabulary that values are mapped onto.
    public let taxonomy: Taxonomy
    /// The sessions (their keywords complete the taxonomy's).
    public let catalog: Catalog
    /// The lookup tables, shared by copies (a class, so that copying a normaliser is cheap).
    let tables: Tables

    /// Immutable lookup tables built once from the taxonomy and catalog.
    final class Tables: Sendable {
        let disciplines: VocabularyIndex
        let keywords: VocabularyIndex
        /// Folded non-answers, with and without spaces.
        let nonAnswers: Set<String>
        /// Position of each keyword entry in id order (for sorted output without string comparisons).
        let keywordRank: [Int]
        /// Keyword ids in id order: `keywordIDByRank[keywordRank[entry]] == keywords.entries[entry].id`.
        let keywordIDByRank: [String]
        /// Keys of generic role and organisation words: a match on them yields to any more specific one.
        let weakDisciplineKeys: Set<String>
        /// Discipline labels by id.
        let disciplineLabel: [String: String]

        init(
            disciplines: VocabularyIndex, keywords: VocabularyIndex, nonAnswers: Set<String>, keywordRank: [Int],
            keywordIDByRank: [String], weakDisciplineKeys: Set<String>, disciplineLabel: [String: String]
        ) {
            self.disciplines = disciplines
            self.keywords = keywords
            self.nonAnswers = nonAnswers
            self.keywordRank = keywordRank
            self.keywordIDByRank = keywordIDByRank
            self.weakDisciplineKeys = weakDisciplineKeys
            self.disciplineLabel = disciplineLabel
        }
    }

    var disciplines: VocabularyIndex { tables.disciplines }
    var keywords: VocabularyIndex { tables.keywords }
    var nonAnswers: Set<String> { tables.nonAnswers }
    var weakDisciplineKeys: Set<String> { tables.weakDisciplineKeys }

    /// A normaliser for a taxonomy; keywords of the catalog's sessions missing from the taxonomy are
    /// added with their label as the only synonym.
    public init(taxonomy: Taxonomy, catalog: Catalog) {
        self.taxonomy = taxonomy
        self.catalog = catalog
        let stemmer = TokenStemmer()
        let disciplines = VocabularyIndex(
            entries: taxonomy.disciplines.map {
                (VocabularyEntry(id: $0.id, label: $0.label, family: $0.family), $0.synonyms)
            },
            stemmer: stemmer)
        var keywordEntries = taxonomy.keywords.map {
            (entry: VocabularyEntry(id: $0.id, label: $0.label, family: nil), synonyms: $0.synonyms)
        }
        var known = Set(taxonomy.keywords.map(\.id))
        for session in catalog.sessions {
            for keyword in session.keywords where known.insert(keyword.id).inserted {
                keywordEntries.append((VocabularyEntry(id: keyword.id, label: keyword.label, family: nil), [keyword.label]))
            }
        }
        let keywords = VocabularyIndex(entries: keywordEntries, stemmer: stemmer)
        var rank = [Int](repeating: 0, count: keywordEntries.count)
        let order = keywordEntries.indices.sorted { keywordEntries[$0].entry.id < keywordEntries[$1].entry.id }
        for (position, entry) in order.enumerated() {
            rank[entry] = position
        }
        var answers = Set<String>()
        for value in taxonomy.nonAnswers + Self.builtInNonAnswers {
            let tokens = TokenFolding.tokens(value)
            answers.insert(tokens.joined(separator: " "))
            answers.insert(tokens.joined())
        }
        tables = Tables(
            disciplines: disciplines, keywords: keywords, nonAnswers: answers, keywordRank: rank,
            keywordIDByRank: order.map { keywordEntries[$0].entry.id },
            weakDisciplineKeys: Set(Self.genericWords.map { TokenFolding.tokens($0).joined() }),
            disciplineLabel: Dictionary(taxonomy.disciplines.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Non-answers that hold whatever the taxonomy says (the empty string covers "-", "?", "…").
    static let builtInNonAnswers = ["", "n.v.t.", "nvt", "n/a", "geen", "none", "onbekend", "unknown"]

    /// Generic role and organisation words: they map (to "consultant", "manager", "beleidsadviseur" …)
    /// only when nothing more specific is in the value.
    static let genericWords = [
        "adviseur", "advisor", "adviser", "advies", "consultant", "consultancy", "manager", "management", "directeur",
        "director", "hoofd", "coordinator", "teamleider", "medewerker", "gemeente", "provincie", "ministerie",
        "overheid", "rijksoverheid", "government", "bzk", "ministerie van bzk", "waterschap", "staatsbosbeheer",
        "natuurmonumenten", "pbl", "tno", "rce", "neprom", "ggd", "omgevingsdienst", "universiteit", "university",
        "hogeschool", "museum", "planbureau", "adviesbureau", "ingenieursbureau", "architectenbureau",
        "onderzoeksbureau", "corporatie", "woningcorporatie", "bedrijfsleven", "business", "eigenaar", "owner",
        "bestuur", "directie", "kennisinstelling",
    ]

    /// Generic role words (a subset of `genericWords`): "X adviseur" with an unknown X is not a consultant.
    static let genericRoleWords: Set<String> = [
        "adviseur", "advisor", "adviser", "consultant", "manager", "directeur", "director", "hoofd", "coordinator",
        "teamleider", "medewerker", "eigenaar", "owner",
    ]

    /// Maps one free-text discipline onto a canonical discipline (or says why it cannot).
    public func matchDiscipline(_ raw: String) -> DisciplineMatch {
        matchDiscipline(raw, stemmer: TokenStemmer())
    }

    /// The canonical keyword ids (sorted) found in a free-text interests answer.
    public func extractInterests(_ raw: String) -> [String] {
        analyseInterests(raw).keywords
    }

    /// Reads a free-text interests answer: keyword ids, items that matched nothing (with suggestions).
    public func analyseInterests(_ raw: String) -> InterestExtraction {
        analyseInterests(raw, stemmer: TokenStemmer())
    }

    /// An organisation name folded for counting ("Gemeente Amsterdam" = "gemeente amsterdam ").
    public func foldOrganisation(_ name: String) -> String {
        TokenFolding.foldOrganisation(name)
    }

    /// The (at most) `count` disciplines nearest to a value, as ids, best first.
    public func suggestDisciplines(_ raw: String, count: Int = 3) -> [String] {
        let tokens = TokenFolding.tokens(raw)
        return disciplines.suggestions(for: [tokens.joined()] + tokens, count: count).map { disciplines.entries[$0].id }
    }

    /// The (at most) `count` keywords nearest to a value, as ids, best first.
    public func suggestKeywords(_ raw: String, count: Int = 3) -> [String] {
        let tokens = TokenFolding.tokens(raw)
        return keywords.suggestions(for: [tokens.joined()] + tokens, count: count).map { keywords.entries[$0].id }
    }

    /// Keys that two disciplines (or two keywords) both claim after folding or stemming, for review:
    /// (key, discipline or keyword kept, the other one).
    public var vocabularyConflicts: [(key: String, kept: String, other: String)] {
        disciplines.conflicts.map { ($0.key, disciplines.entries[$0.kept].id, disciplines.entries[$0.other].id) }
            + keywords.conflicts.map { ($0.key, keywords.entries[$0.kept].id, keywords.entries[$0.other].id) }
    }

    /// True when folded tokens say "no answer".
    func isNonAnswer(_ tokens: [String]) -> Bool {
        tables.nonAnswers.contains(tokens.joined(separator: " ")) || tables.nonAnswers.contains(tokens.joined())
    }

    /// Human labels of discipline ids, lower case ("stedenbouwkundige, planoloog, landschapsarchitect").
    func disciplineLabels(_ ids: [String]) -> String {
        ids.map { id in (tables.disciplineLabel[id] ?? id).lowercased() }.joined(separator: ", ")
    }

    /// Human labels of keyword ids, as in the taxonomy.
    func keywordLabels(_ ids: [String]) -> String {
        ids.map { id in keywords.entries.first { $0.id == id }?.label ?? id }.joined(separator: ", ")
    }
}
