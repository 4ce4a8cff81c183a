import WerksessiesModel

/// The Metrics stage: diversity, keyword coverage and assignment quality, as pure functions.
public enum MetricsCalculator {
    /// All figures of a run. `participants` are all unique registrants; cancelled ones are left out.
    public static func compute(
        catalog: Catalog, participants: [Participant], assignment: Assignment, sameFamilyDistance: Double = 0.5
    ) -> RunMetrics {
        let byID = assignment.placementsByID()
        let active = participants.filter { !$0.cancelled }
        var members: [Int: [(Participant, Placement)]] = [:]
        for participant in active {
            if let placement = byID[participant.id], let session = placement.session {
                members[session, default: []].append((participant, placement))
            }
        }
        let eventDisciplines = Set(members.values.joined().compactMap { $0.0.discipline }).count
        let familyOf = Dictionary(
            participants.compactMap { p in p.discipline.flatMap { d in p.family.map { (d, $0) } } },
            uniquingKeysWith: { a, _ in a })
        let sessions = catalog.sessions.map { session in
            sessionMetrics(
                session: session, members: members[session.id] ?? [], eventDisciplines: eventDisciplines,
                familyOf: familyOf, sameFamilyDistance: sameFamilyDistance)
        }
        var quality = [qualityFigures(group: "all", members: active, placements: byID)]
        let families = Set(active.map { $0.family ?? "unknown" }).sorted()
        for family in families {
            quality.append(
                qualityFigures(
                    group: family, members: active.filter { ($0.family ?? "unknown") == family }, placements: byID))
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
        let withInterests = members.filter { $0.0.gaveInterests }
        let sessionKeywords = session.keywordIDs
        let depth = sessionKeywords.map { keyword in
            members.reduce(0) { $0 + ($1.0.interests.contains(keyword) ? 1 : 0) }
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
            keywordCoverage: Diversity.coverage(keywords: sessionKeywords, interests: members.map { $0.0.interests }),
            meanMatchedKeywords: n == 0
                ? 0 : Double(members.reduce(0) { $0 + $1.1.matchedKeywords.count }) / Double(n),
            shareWithMatch: withInterests.isEmpty
                ? 0
                : Double(withInterests.filter { !$0.1.matchedKeywords.isEmpty }.count) / Double(withInterests.count),
            outsideComfortZoneShare: n == 0 ? 0 : Double(members.filter { $0.1.outsideComfortZone }.count) / Double(n),
            familyCounts: familyCounts,
            keywordDepth: zip(session.keywords, depth).map {
                KeywordDepth(keyword: $0.0.id, label: $0.0.label, interestedParticipants: $0.1)
            })
    }

    static func qualityFigures(group: String, members: [Participant], placements: [String: Placement]) -> QualityFigures {
        var assigned = 0
        var waitlisted = 0
        var withInterests = 0
        var withMatch = 0
        var matched = 0
        var outside = 0
        var ranks: [Int] = []
        for participant in members {
            guard let placement = placements[participant.id] else { continue }
            if participant.gaveInterests {
                withInterests += 1
                if placement.session != nil && !placement.matchedKeywords.isEmpty { withMatch += 1 }
            }
            guard placement.session != nil else {
                waitlisted += 1
                continue
            }
            assigned += 1
            matched += placement.matchedKeywords.count
            if placement.outsideComfortZone { outside += 1 }
            if let rank = placement.rank, rank >= 1 {
                if ranks.count < rank { ranks += Array(repeating: 0, count: rank - ranks.count) }
                ranks[rank - 1] += 1
            }
        }
        return QualityFigures(
            group: group, participants: members.count, assigned: assigned, waitlisted: waitlisted,
            shareWithMatch: withInterests == 0 ? 0 : Double(withMatch) / Double(withInterests),
            meanMatchedKeywords: assigned == 0 ? 0 : Double(matched) / Double(assigned),
            outsideComfortZoneShare: assigned == 0 ? 0 : Double(outside) / Double(assigned),
            rankProfile: ranks, worstRank: ranks.count)
    }
}
