/// The outcome of mapping one free-text discipline onto the taxonomy.
public struct DisciplineMatch: Sendable, Hashable {
    /// How the value was mapped (or why not).
    public enum Method: String, Sendable, Hashable, Codable {
        /// The whole value is a synonym (case, accents, punctuation and spaces folded).
        case exact
        /// The whole value matches a synonym after Snowball stemming (plurals, inflections).
        case stemmed
        /// The value without filler words and organisation ("Senior …", "… bij gemeente X") is a synonym.
        case phrase
        /// A part of the value (token n-gram) is a synonym ("adviseur duurzaamheid").
        case ngram
        /// A word ends in a synonym (Dutch compound: "gemeentearchitect").
        case compound
        /// A synonym within the typo threshold (0 edits up to 4 letters, 1 up to 8, 2 beyond).
        case fuzzy
        /// The value says "no answer" ("n.v.t.", "-", "zie LinkedIn").
        case nonAnswer = "non_answer"
        /// Nothing was filled in.
        case empty
        /// Nothing in the taxonomy matches.
        case unmapped
        /// Typo-close to disciplines of different families (or different disciplines): not guessed.
        case ambiguous
    }

    /// Canonical discipline id, `nil` when unknown.
    public var discipline: String?
    /// Family of the discipline, `nil` when unknown.
    public var family: String?
    /// How the value was mapped, or why it was not.
    public var method: Method
    /// The folded synonym (spaces removed) or stem that matched.
    public var matchedKey: String?
    /// Nearest discipline ids (at most three), for unmapped and ambiguous values.
    public var suggestions: [String]

    /// A match result.
    public init(
        discipline: String?, family: String?, method: Method, matchedKey: String? = nil, suggestions: [String] = []
    ) {
        self.discipline = discipline
        self.family = family
        self.method = method
        self.matchedKey = matchedKey
        self.suggestions = suggestions
    }

    /// True when the value mapped onto a canonical discipline.
    public var isKnown: Bool { discipline != nil }
}

/// The outcome of reading one free-text interests answer.
public struct InterestExtraction: Sendable, Hashable {
    /// A list item (or a whole answer) that matched no keyword.
    public struct UnmappedItem: Sendable, Hashable {
        /// The item as typed (trimmed).
        public var text: String
        /// Nearest keyword ids (at most three); empty for long free text.
        public var suggestions: [String]

        /// An unmapped item.
        public init(text: String, suggestions: [String]) {
            self.text = text
            self.suggestions = suggestions
        }
    }

    /// Canonical keyword ids, sorted, each once.
    public var keywords: [String]
    /// Items that matched nothing.
    public var unmapped: [UnmappedItem]
    /// True when anything other than a non-answer was given.
    public var gaveInterests: Bool

    /// An extraction result.
    public init(keywords: [String], unmapped: [UnmappedItem], gaveInterests: Bool) {
        self.keywords = keywords
        self.unmapped = unmapped
        self.gaveInterests = gaveInterests
    }
}
