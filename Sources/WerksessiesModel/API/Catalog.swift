/// A trekker (leading partner organisation) of a werksessie.
public struct Trekker: Sendable, Hashable, Codable {
    /// Short name as used in file names and reports, e.g. `BNSP`.
    public var id: String
    /// Full name, e.g. "Beroepsvereniging Nederlandse Stedenbouwkundigen en Planologen".
    public var name: String
    public var abbreviation: String?
    /// Discipline family of the organisation (its comfort zone).
    public var family: String
    /// True for an "i.s.m." (in samenwerking met) partner.
    public var inCooperation: Bool

    public init(id: String, name: String, abbreviation: String? = nil, family: String, inCooperation: Bool = false) {
        self.id = id
        self.name = name
        self.abbreviation = abbreviation
        self.family = family
        self.inCooperation = inCooperation
    }
}

/// One steekwoord of a session: the text as in the seed and the canonical keyword id.
public struct SessionKeyword: Sendable, Hashable, Codable {
    public var id: String
    public var label: String

    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// An eligibility rule: a participant may join the session only if the rule holds. Rules are data.
public struct EligibilityRule: Sendable, Hashable, Codable {
    /// The kinds of rules the catalog can state.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The participant answered yes to the mandate question.
        case requiresMandate = "requires_mandate"
        /// The participant's discipline family is one of `values`.
        case familyIn = "family_in"
        /// The participant's discipline family is none of `values`.
        case familyNotIn = "family_not_in"
    }

    public var kind: Kind
    public var values: [String]
    /// Human text, e.g. "Mandaat vereist".
    public var label: String

    public init(kind: Kind, values: [String] = [], label: String) {
        self.kind = kind
        self.values = values
        self.label = label
    }
}

/// A werksessie from the catalog.
public struct Session: Sendable, Hashable, Codable, Identifiable {
    /// Session number, 1-based as in the seed ("Werksessie #3").
    public var id: Int
    public var title: String
    public var trekkers: [Trekker]
    public var toelichting: String
    public var keywords: [SessionKeyword]
    public var specialMoment: String?
    public var capacity: Int
    public var minimum: Int
    public var eligibility: [EligibilityRule]

    public init(
        id: Int, title: String, trekkers: [Trekker], toelichting: String, keywords: [SessionKeyword],
        specialMoment: String? = nil, capacity: Int, minimum: Int = 0, eligibility: [EligibilityRule] = []
    ) {
        self.id = id
        self.title = title
        self.trekkers = trekkers
        self.toelichting = toelichting
        self.keywords = keywords
        self.specialMoment = specialMoment
        self.capacity = capacity
        self.minimum = minimum
        self.eligibility = eligibility
    }

    /// The families of the session's trekkers: participants of these families are in their comfort zone.
    public var homeFamilies: Set<String> { Set(trekkers.map(\.family)) }

    /// The canonical keyword ids of the session.
    public var keywordIDs: [String] { keywords.map(\.id) }
}

/// The event's sessions.
public struct Catalog: Sendable, Hashable, Codable {
    public var event: String
    public var sessions: [Session]

    public init(event: String, sessions: [Session]) {
        self.event = event
        self.sessions = sessions
    }

    /// All trekker organisations, by id, each once, in catalog order.
    public var organisations: [Trekker] {
        var seen = Set<String>()
        var out: [Trekker] = []
        for session in sessions {
            for trekker in session.trekkers where seen.insert(trekker.id).inserted {
                out.append(trekker)
            }
        }
        return out
    }

    /// Sessions a trekker organisation leads or co-leads.
    public func sessions(of organisationID: String) -> [Session] {
        sessions.filter { $0.trekkers.contains { $0.id == organisationID } }
    }
}
