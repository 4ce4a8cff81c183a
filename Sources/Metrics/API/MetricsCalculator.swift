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
        var kinds = Kinds()
        var inEvent: [Bool] = []
        var groups: [QualityAccumulator?] = []
        var all = QualityAccumulator()
        for (index, participant) in participants.enumerated() {
            let kind = kinds.kind(discipline: participant.discipline, family: participant.family)
            if kind == inEvent.count { inEvent.append(false) }
            guard !participant.cancelled else { continue }
            let p = placementIndex[index]
            let placement = p >= 0 ? assignment.placements[p] : nil
            all.add(gaveInterests: participant.gaveInterests, placement)
            let group = kinds.groupOf[kind]
            while groups.count <= group { groups.append(nil) }
            if groups[group] == nil { groups[group] = QualityAccumulator() }
            groups[group]!.add(gaveInterests: participant.gaveInterests, placement)
            guard let placement, let session = placement.session, let k = position[session] else { continue }
            inEvent[kind] = true
            totals[k].add(participant, kind: kind, placement: placement)
        }
        let eventDisciplines = Set(kinds.keys.indices.compactMap { inEvent[$0] ? kinds.keys[$0].discipline : nil })
        let sessions = catalog.sessions.enumerated().map { k, session in
            totals[k].metrics(
                session: session, kinds: kinds, eventDisciplines: eventDisciplines.count,
                sameFamilyDistance: sameFamilyDistance)
        }
        var quality = [all.figures(group: "all")]
        for g in kinds.groupNames.indices.sorted(by: { kinds.groupNames[$0] < kinds.groupNames[$1] }) {
            if g < groups.count, let group = groups[g] { quality.append(group.figures(group: kinds.groupNames[g])) }
        }
        return RunMetrics(sessions: sessions, quality: quality)
    }
}

/// The distinct (discipline, family) pairs of the participants, numbered as they come, so that each
/// participant's texts are looked up once: the family of each discipline (the first family seen with it)
/// and the quality group of each pair (its family, "unknown" without one).
struct Kinds {
    struct Key: Hashable {
        var discipline: String?
        var family: String?
    }

    private var index: [Key: Int] = [:]
    private(set) var keys: [Key] = []
    /// Group number of each pair, into `groupNames`.
    private(set) var groupOf: [Int] = []
    private(set) var groupNames: [String] = []
    private var groupIndex: [String: Int] = [:]
    private(set) var familyOf: [String: String] = [:]

    /// The number of the pair (a new pair gets the next number).
    mutating func kind(discipline: String?, family: String?) -> Int {
        let key = Key(discipline: discipline, family: family)
        if let k = index[key] { return k }
        let k = keys.count
        index[key] = k
        keys.append(key)
        if let discipline, let family, familyOf[discipline] == nil { familyOf[discipline] = family }
        let name = family ?? "unknown"
        if let g = groupIndex[name] {
            groupOf.append(g)
        } else {
            groupIndex[name] = groupNames.count
            groupOf.append(groupNames.count)
            groupNames.append(name)
        }
        return k
    }
}

/// Running totals for the figures of one session.
struct SessionAccumulator {
    var participants = 0
    /// People per (discipline, family) pair of `Kinds`.
    var kindCounts: [Int] = []
    var organisationCounts: [String: Int] = [:]
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

    mutating func add(_ participant: Participant, kind: Int, placement: Placement) {
        participants += 1
        while kindCounts.count <= kind { kindCounts.append(0) }
        kindCounts[kind] += 1
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

    func metrics(session: Session, kinds: Kinds, eventDisciplines: Int, sameFamilyDistance: Double) -> SessionMetrics {
        let n = participants
        let familyOf = kinds.familyOf
        var disciplineCounts: [String: Int] = [:]
        var familyCounts: [String: Int] = [:]
        var unknown = 0
        for (kind, count) in kindCounts.enumerated() where count > 0 {
            let key = kinds.keys[kind]
            if let discipline = key.discipline { disciplineCounts[discipline, default: 0] += count } else { unknown += count }
            if let family = key.family { familyCounts[family, default: 0] += count }
        }
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
