/// A discipline family (design, policy, culture, nature, energy, market, knowledge, society …).
public struct DisciplineFamily: Sendable, Hashable, Codable {
    public var id: String
    public var label: String

    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// A canonical discipline with its family and Dutch and English synonyms.
public struct Discipline: Sendable, Hashable, Codable {
    public var id: String
    public var label: String
    public var family: String
    public var synonyms: [String]

    public init(id: String, label: String, family: String, synonyms: [String]) {
        self.id = id
        self.label = label
        self.family = family
        self.synonyms = synonyms
    }
}

/// A canonical interest keyword (a steekwoord) with synonyms.
public struct Keyword: Sendable, Hashable, Codable {
    public var id: String
    public var label: String
    public var synonyms: [String]

    public init(id: String, label: String, synonyms: [String]) {
        self.id = id
        self.label = label
        self.synonyms = synonyms
    }
}

/// The vocabulary: discipline families, disciplines and interest keywords.
public struct Taxonomy: Sendable, Hashable, Codable {
    public var families: [DisciplineFamily]
    public var disciplines: [Discipline]
    public var keywords: [Keyword]
    /// Raw values that mean "no answer" ("n.v.t.", "-", "zie LinkedIn" …), folded.
    public var nonAnswers: [String]

    public init(families: [DisciplineFamily], disciplines: [Discipline], keywords: [Keyword], nonAnswers: [String] = []) {
        self.families = families
        self.disciplines = disciplines
        self.keywords = keywords
        self.nonAnswers = nonAnswers
    }

    /// The family of a canonical discipline id.
    public func family(ofDiscipline id: String) -> String? {
        disciplines.first { $0.id == id }?.family
    }
}
