import WerksessiesModel

/// The Metrics stage: diversity, keyword coverage and assignment quality, as pure functions.
public enum MetricsCalculator {
    /// All figures of a run. `participants` are all unique registrants; cancelled ones are left out.
    public static func compute(
        catalog: Catalog, participants: [Participant], assignment: Assignment, sameFamilyDistance: Double = 0.5
    ) -> RunMetrics {
        // One pass over the participants: placements by index, members per session by index
        // (no copies of the participant records, no per-family re-filtering).
        let placementIndex = assignment.placementIndices(for: participants)
        var sessionMembers: [Int: [Int]] = [:]
        var activeIndices: [Int] = []
        var eventDisciplines = Set<String>()
        var familyOf: [String: String] = [:]
        for (index, participant) in participants.enumerated() {
            if let discipline = participant.discipline, let family = participant.family, familyOf[discipline] == nil {
                familyOf[discipline] = family
            }
            guard !participant.cancelled else { continue }
            activeIndices.append(index)
            let p = placementIndex[index]
            guard p >= 0 else { continue }
            if let session = assignment.placements[p].session {
                sessionMembers[session, default: []].append(index)
                if let discipline = participant.discipline { eventDisciplines.insert(discipline) }
            }
        }
        let sessions = catalog.sessions.map { session in
            sessionMetrics(
                session: session,
                members: (sessionMembers[session.id] ?? []).map { (participants[$0], assignment.placements[placementIndex[$0]]) },
                eventDisciplines: eventDisciplines.count, familyOf: familyOf, sameFamilyDistance: sameFamilyDistance)
        }
        var groups: [String: QualityAccumulator] = [:]
        var all = QualityAccumulator()
        for index in activeIndices {
            let placement = placementIndex[index] >= 0 ? assignment.placements[placementIndex[index]] : nil
            let participant = participants[index]
            all.add(participant, placement)
            groups[participant.family ?? "unknown", default: QualityAccumulator()].add(participant, placement)
        }
        var quality = [all.figures(group: "all")]
        for family in groups.keys.sorted() {
            quality.append(groups[family]!.figures(group: family))
        }
        return RunMetrics(sessions: sessions, quality: quality)
    }

    static func sessionMetrics(
        session: Session, members: [(Participant, Placement)], eventDisciplines: Int,
        familyOf: [String: String], sameFamilyDistance: Double
    ) -> SessionMetrics {
        let n = members.count
        var disciplineCounts: [String: Int] = [:]
        var familyCounts: [String: Int] = [:]
        var organisationCounts: [String: Int] = [:]
        var unknown = 0
        for (participant, _) in members {
            if let discipline = participant.discipline {
                disciplineCounts[discipline, default: 0] += 1
            } else {
                unknown += 1
            }
            if let family = participant.family { familyCounts[family, default: 0] += 1 }
            if !participant.organisationKey.isEmpty { organisationCounts[participant.organisationKey, default: 0] += 1 }
        }
        let keys = disciplineCounts.keys.sorted()
        let counts = keys.map { disciplineCounts[$0]! }
        let families = keys.map { familyOf[$0] ?? $0 }
        let shannon = Diversity.shannon(counts)
        let rao = Diversity.raoStirling(counts, families: families, sameFamilyDistance: sameFamilyDistance)
        let sessionKeywords = session.keywordIDs
        let keywordPosition = Dictionary(sessionKeywords.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var depth = [Int](repeating: 0, count: sessionKeywords.count)
        var withInterests = 0
        var withMatch = 0
        var matchedTotal = 0
        var outside = 0
        for (participant, placement) in members {
            for interest in participant.interests {
                if let position = keywordPosition[interest] { depth[position] += 1 }
            }
            if participant.gaveInterests {
                withInterests += 1
                if !placement.matchedKeywords.isEmpty { withMatch += 1 }
            }
            matchedTotal += placement.matchedKeywords.count
            if placement.outsideComfortZone { outside += 1 }
        }
        return SessionMetrics(
            session: session.id, title: session.title, capacity: session.capacity, participants: n,
            disciplines: keys.count, unknownDiscipline: unknown, shannon: shannon,
            evenness: Diversity.evenness(shannon: shannon, distinct: eventDisciplines),
            giniSimpson: Diversity.giniSimpson(counts), inverseSimpson: Diversity.inverseSimpson(counts),
            raoStirling: rao, raoStirlingEffective: rao < 1 ? 1 / (1 - rao) : 0,
            maxFamilyShare: n == 0 ? 0 : Double(familyCounts.values.max() ?? 0) / Double(n),
            organisations: organisationCounts.count,
            maxOrganisationShare: n == 0 ? 0 : Double(organisationCounts.values.max() ?? 0) / Double(n),
            keywordCoverage: sessionKeywords.isEmpty
                ? 0 : Double(depth.filter { $0 > 0 }.count) / Double(sessionKeywords.count),
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

    mutating func add(_ participant: Participant, _ placement: Placement?) {
        participants += 1
        guard let placement else { return }
        if participant.gaveInterests {
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
