import WerksessiesModel

/// The Metrics stage: diversity, keyword coverage and assignment quality, as pure functions.
public enum MetricsCalculator {
    /// All figures of a run. `participants` are all unique registrants; cancelled ones are left out.
    public static func compute(
        catalog: Catalog, participants: [Participant], assignment: Assignment, sameFamilyDistance: Double = 0.5
    ) -> RunMetrics {
        // One pass over the participants, each record read once, into running totals per session and per
        // quality group (at a million participants the passes themselves, i.e. memory, are the cost).
        let placementIndex = assignment.placementIndices(for: participants)
        var position: [Int: Int] = [:]
        for (k, session) in catalog.sessions.enumerated() where position[session.id] == nil { position[session.id] = k }
        var totals = catalog.sessions.map { SessionAccumulator(keywords: $0.keywordIDs) }
        var eventDisciplines = Set<String>()
        var familyOf: [String: String] = [:]
        var groups: [String: QualityAccumulator] = [:]
        var all = QualityAccumulator()
        for (index, participant) in participants.enumerated() {
            let discipline = participant.discipline
            let family = participant.family
            if let discipline, let family, familyOf[discipline] == nil { familyOf[discipline] = family }
            guard !participant.cancelled else { continue }
            let p = placementIndex[index]
            let placement = p >= 0 ? assignment.placements[p] : nil
            all.add(gaveInterests: participant.gaveInterests, placement)
            groups[family ?? "unknown", default: QualityAccumulator()].add(gaveInterests: participant.gaveInterests, placement)
            guard let placement, let session = placement.session, let k = position[session] else { continue }
            if let discipline { eventDisciplines.insert(discipline) }
            totals[k].add(participant, discipline: discipline, family: family, placement: placement)
        }
        let sessions = catalog.sessions.enumerated().map { k, session in
            totals[k].metrics(
                session: session, eventDisciplines: eventDisciplines.count, familyOf: familyOf,
                sameFamilyDistance: sameFamilyDistance)
        }
        var quality = [all.figures(group: "all")]
        for family in groups.keys.sorted() {
            quality.append(groups[family]!.figures(group: family))
        }
        return RunMetrics(sessions: sessions, quality: quality)
    }
}

/// Running totals for the figures of one session.
struct SessionAccumulator {
    var participants = 0
    var disciplineCounts: [String: Int] = [:]
    var familyCounts: [String: Int] = [:]
    var organisationCounts: [String: Int] = [:]
    var unknown = 0
    /// Interested participants per keyword of the session, in catalog order.
    var depth: [Int]
    let keywordPosition: [String: Int]
    var withInterests = 0
    var withMatch = 0
    var matchedTotal = 0
    var outside = 0

    init(keywords: [String]) {
        depth = [Int](repeating: 0, count: keywords.count)
        keywordPosition = Dictionary(keywords.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    mutating func add(_ participant: Participant, discipline: String?, family: String?, placement: Placement) {
        participants += 1
        if let discipline {
            disciplineCounts[discipline, default: 0] += 1
        } else {
            unknown += 1
        }
        if let family { familyCounts[family, default: 0] += 1 }
        let organisation = participant.organisationKey
        if !organisation.isEmpty { organisationCounts[organisation, default: 0] += 1 }
        for interest in participant.interests {
            if let position = keywordPosition[interest] { depth[position] += 1 }
        }
        let matched = placement.matchedKeywords.count
        if participant.gaveInterests {
            withInterests += 1
            if matched > 0 { withMatch += 1 }
        }
        matchedTotal += matched
        if placement.outsideComfortZone { outside += 1 }
    }

    func metrics(session: Session, eventDisciplines: Int, familyOf: [String: String], sameFamilyDistance: Double)
        -> SessionMetrics
    {
        let n = participants
        let keys = disciplineCounts.keys.sorted()
        let counts = keys.map { disciplineCounts[$0]! }
        let families = keys.map { familyOf[$0] ?? $0 }
        let shannon = Diversity.shannon(counts)
        let rao = Diversity.raoStirling(counts, families: families, sameFamilyDistance: sameFamilyDistance)
        return SessionMetrics(
            session: session.id, title: session.title, capacity: session.capacity, participants: n,
            disciplines: keys.count, unknownDiscipline: unknown, shannon: shannon,
            evenness: Diversity.evenness(shannon: shannon, distinct: eventDisciplines),
            giniSimpson: Diversity.giniSimpson(counts), inverseSimpson: Diversity.inverseSimpson(counts),
            raoStirling: rao, raoStirlingEffective: rao < 1 ? 1 / (1 - rao) : 0,
            maxFamilyShare: n == 0 ? 0 : Double(familyCounts.values.max() ?? 0) / Double(n),
            organisations: organisationCounts.count,
            maxOrganisationShare: n == 0 ? 0 : Double(organisationCounts.values.max() ?? 0) / Double(n),
            keywordCoverage: depth.isEmpty ? 0 : Double(depth.filter { $0 > 0 }.count) / Double(depth.count),
            meanMatchedKeywords: n == 0 ? 0 : Double(matchedTotal) / Double(n),
            shareWithMatch: withInterests == 0 ? 0 : Double(withMatch) / Double(withInterests),
            outsideComfortZoneShare: n == 0 ? 0 : Double(outside) / Double(n),
            familyCounts: familyCounts,
            keywordDepth: zip(session.keywords, depth).map {
                KeywordDepth(keyword: $0.0.id, label: $0.0.label, interestedParticipants: $0.1)
            })
    }
}

/// Running totals for the assignment-quality figures of one group.
struct QualityAccumulator {
    var participants = 0
    var assigned = 0
    var waitlisted = 0
    var withInterests = 0
    var withMatch = 0
    var matched = 0
    var outside = 0
    var ranks: [Int] = []

    mutating func add(gaveInterests: Bool, _ placement: Placement?) {
        participants += 1
        guard let placement else { return }
        if gaveInterests {
            withInterests += 1
            if placement.session != nil && !placement.matchedKeywords.isEmpty { withMatch += 1 }
        }
        guard placement.session != nil else {
            waitlisted += 1
            return
        }
        assigned += 1
        matched += placement.matchedKeywords.count
        if placement.outsideComfortZone { outside += 1 }
        if let rank = placement.rank, rank >= 1 {
            if ranks.count < rank { ranks += Array(repeating: 0, count: rank - ranks.count) }
            ranks[rank - 1] += 1
        }
    }

    func figures(group: String) -> QualityFigures {
        QualityFigures(
            group: group, participants: participants, assigned: assigned, waitlisted: waitlisted,
            shareWithMatch: withInterests == 0 ? 0 : Double(withMatch) / Double(withInterests),
            meanMatchedKeywords: assigned == 0 ? 0 : Double(matched) / Double(assigned),
            outsideComfortZoneShare: assigned == 0 ? 0 : Double(outside) / Double(assigned),
            rankProfile: ranks, worstRank: ranks.count)
    }
}
