/// Diversity, coverage and quality figures of one session (defined in `Diversity`; explained on the board's Leeswijzer).
public struct SessionMetrics: Sendable, Hashable, Codable {
    public var session: Int
    public var title: String
    public var capacity: Int
    public var participants: Int
    /// Distinct known disciplines (variety).
    public var disciplines: Int
    /// Participants with an unknown discipline (left out of diversity figures).
    public var unknownDiscipline: Int
    public var shannon: Double
    public var evenness: Double
    public var giniSimpson: Double
    public var inverseSimpson: Double
    public var raoStirling: Double
    /// 1 / (1 − Rao-Stirling).
    public var raoStirlingEffective: Double
    public var maxFamilyShare: Double
    public var organisations: Int
    public var maxOrganisationShare: Double
    public var keywordCoverage: Double
    public var meanMatchedKeywords: Double
    public var shareWithMatch: Double
    public var outsideComfortZoneShare: Double
    /// Participants per discipline family, family id → count.
    public var familyCounts: [String: Int]
    /// Interested participants per session keyword, in keyword order.
    public var keywordDepth: [KeywordDepth]

    public init(
        session: Int, title: String, capacity: Int, participants: Int, disciplines: Int,
        unknownDiscipline: Int, shannon: Double, evenness: Double, giniSimpson: Double,
        inverseSimpson: Double, raoStirling: Double, raoStirlingEffective: Double,
        maxFamilyShare: Double, organisations: Int, maxOrganisationShare: Double,
        keywordCoverage: Double, meanMatchedKeywords: Double, shareWithMatch: Double,
        outsideComfortZoneShare: Double, familyCounts: [String: Int], keywordDepth: [KeywordDepth]
    ) {
        self.session = session
        self.title = title
        self.capacity = capacity
        self.participants = participants
        self.disciplines = disciplines
        self.unknownDiscipline = unknownDiscipline
        self.shannon = shannon
        self.evenness = evenness
        self.giniSimpson = giniSimpson
        self.inverseSimpson = inverseSimpson
        self.raoStirling = raoStirling
        self.raoStirlingEffective = raoStirlingEffective
        self.maxFamilyShare = maxFamilyShare
        self.organisations = organisations
        self.maxOrganisationShare = maxOrganisationShare
        self.keywordCoverage = keywordCoverage
        self.meanMatchedKeywords = meanMatchedKeywords
        self.shareWithMatch = shareWithMatch
        self.outsideComfortZoneShare = outsideComfortZoneShare
        self.familyCounts = familyCounts
        self.keywordDepth = keywordDepth
    }
}

/// How many of a session's participants hold one of its keywords.
public struct KeywordDepth: Sendable, Hashable, Codable {
    public var keyword: String
    public var label: String
    public var interestedParticipants: Int

    public init(keyword: String, label: String, interestedParticipants: Int) {
        self.keyword = keyword
        self.label = label
        self.interestedParticipants = interestedParticipants
    }
}

/// Assignment quality for a group of participants (the event, or one family).
public struct QualityFigures: Sendable, Hashable, Codable {
    /// Group label: "all" or a family id.
    public var group: String
    public var participants: Int
    public var assigned: Int
    public var waitlisted: Int
    public var shareWithMatch: Double
    public var meanMatchedKeywords: Double
    public var outsideComfortZoneShare: Double
    /// rankProfile[0] = got their best-scoring session, [1] = second best, …
    public var rankProfile: [Int]
    /// The worst rank anyone got (1 = everybody got their best).
    public var worstRank: Int

    public init(
        group: String, participants: Int, assigned: Int, waitlisted: Int, shareWithMatch: Double,
        meanMatchedKeywords: Double, outsideComfortZoneShare: Double, rankProfile: [Int], worstRank: Int
    ) {
        self.group = group
        self.participants = participants
        self.assigned = assigned
        self.waitlisted = waitlisted
        self.shareWithMatch = shareWithMatch
        self.meanMatchedKeywords = meanMatchedKeywords
        self.outsideComfortZoneShare = outsideComfortZoneShare
        self.rankProfile = rankProfile
        self.worstRank = worstRank
    }
}

/// All figures of a run.
public struct RunMetrics: Sendable, Hashable, Codable {
    public var sessions: [SessionMetrics]
    /// Event totals first ("all"), then one entry per family.
    public var quality: [QualityFigures]

    public init(sessions: [SessionMetrics], quality: [QualityFigures]) {
        self.sessions = sessions
        self.quality = quality
    }
}
