import Dispatch
import WerksessiesModel

/// The assignment model in index form: sessions sorted by id, families and disciplines numbered, keyword
/// weights, eligibility and challenge tables, the diversity cost per session, and per-participant indices.
///
/// Everything the solver, the LP export and the explanations compute goes through this one type, so
/// they agree on every score.
///
/// Exact formulas (all integers):
/// - keyword weight `w_k = max(1, interest / n_k)` with `n_k` the number of sessions in the problem whose
///   keywords contain `k` (0 when `interest <= 0`);
/// - interest fit of a participant in a session: the matched keywords' weights sorted descending
///   `w_(0) >= w_(1) >= …`, `fit = Σ_i round(w_(i) * scale_i / 10^6)` with `scale_0 = 10^6` and
///   `scale_(i+1) = round(scale_i * decay / 100)` (decay clamped to 0...100; halves round up);
/// - challenge: `+challenge` when the family is known and not one of the session's home families;
/// - stability: `+stability` when the session is the participant's previous session;
/// - diversity: the board's Rao-Stirling (`DiversityCost`): in a session the k-th person of a known
///   discipline costs `round(diversity · d · (2k − 1) · M / C²)` and the k-th person of that discipline's
///   family `round(diversity · (1 − d) · (2k − 1) · M / C²)` more (C the capacity that holds, C̄ the mean of
///   those capacities rounded, M = C̄ up to 50 seats and `round(C̄ · √(C̄ / 50))` above, d the same-family
///   distance), so the total is the quadratic `diversity · M · (d·Σᵢ nᵢ² + (1 − d)·Σ_F N_F²) / C²` up to rounding;
///   people with an unknown discipline cost nothing;
/// - waitlist: `-waitlist` per waitlisted participant.
struct PreparedModel: Sendable {
    let weights: Weights
    let decayPercent: Int
    /// Sessions sorted by id.
    let sessions: [Session]
    let sessionIndexByID: [Int: Int]
    /// Known families, sorted; index `families.count` stands for "unknown family".
    let families: [String]
    let familyIndexByName: [String: Int]
    let keywordIndex: [String: Int]
    /// Keyword id per keyword index.
    let keywordNames: [String]
    let keywordWeight: [Int]
    /// `keywordInSession[k * S + s]`.
    let keywordInSession: [Bool]
    /// Fixed-point decay factors (parts per million) per match position.
    let decayScale: [Int]
    /// `eligibleTable[(s * F + f) * 2 + (mandate ? 1 : 0)]`, `F = families.count + 1`.
    let eligibleTable: [Bool]
    /// `challengeTable[s * F + f]`.
    let challengeTable: [Int]
    /// `outsideTable[s * F + f]`: the family is known and not a home family of the session.
    let outsideTable: [Bool]
    /// Known disciplines (with their family), sorted; index `disciplines.count` stands for "unknown discipline".
    let disciplines: [String]
    /// Family index of each discipline slot (`unknownFamily` for the unknown slot).
    let familyOfDiscipline: [Int32]
    /// The convex diversity cost per session.
    let diversity: [DiversityCost]
    /// What a seat costs a participant with an unknown discipline (`unknownSeatCost(...)`).
    let unknownSeatCost: Int

    let participants: [Participant]
    /// Problem indices sorted by participant id (ties by problem index).
    let order: [Int]
    let familyOf: [Int32]
    /// Discipline slot per participant (`unknownDiscipline` when unknown).
    let disciplineOf: [Int32]
    /// Session index of the pin, -1 when not pinned (or pinned to a session not in the problem).
    let pinOf: [Int32]
    /// Session index of the previous session, -1 when none.
    let previousOf: [Int32]
    let mandateOf: [Bool]
    /// Distinct keyword indices of participant i: `interestList[interestStart[i]..<interestStart[i + 1]]`.
    let interestStart: [Int32]
    let interestList: [Int32]

    var sessionCount: Int { sessions.count }
    /// Number of family slots including the "unknown" slot.
    var familySlots: Int { families.count + 1 }
    var unknownFamily: Int { families.count }
    /// Number of discipline slots including the "unknown" slot.
    var disciplineSlots: Int { disciplines.count + 1 }
    var unknownDiscipline: Int { disciplines.count }

    init(_ problem: AssignmentProblem) {
        weights = problem.weights
        decayPercent = min(100, max(0, problem.weights.interestDecayPercent))
        var sorted = problem.sessions
        sorted.sort { $0.id < $1.id }
        sessions = sorted
        var byID: [Int: Int] = [:]
        for (i, s) in sorted.enumerated() where byID[s.id] == nil { byID[s.id] = i }
        sessionIndexByID = byID
        let S = sorted.count

        // Families: of participants, trekkers and rule values, so every table covers them.
        var familySet = Set<String>()
        for p in problem.participants { if let f = p.family { familySet.insert(f) } }
        for s in sorted {
            for t in s.trekkers { familySet.insert(t.family) }
            for r in s.eligibility where r.kind != .requiresMandate { familySet.formUnion(r.values) }
        }
        families = familySet.sorted()
        var fIndex: [String: Int] = [:]
        for (i, f) in families.enumerated() { fIndex[f] = i }
        familyIndexByName = fIndex
        let F = families.count + 1

        // Keywords and their weights.
        var kIndex: [String: Int] = [:]
        var sessionsOfKeyword: [[Int]] = []
        for (s, session) in sorted.enumerated() {
            for k in Set(session.keywordIDs).sorted() {
                let idx: Int
                if let i = kIndex[k] { idx = i } else {
                    idx = sessionsOfKeyword.count
                    kIndex[k] = idx
                    sessionsOfKeyword.append([])
                }
                sessionsOfKeyword[idx].append(s)
            }
        }
        keywordIndex = kIndex
        var names = [String](repeating: "", count: kIndex.count)
        for (k, i) in kIndex { names[i] = k }
        keywordNames = names
        let interest = problem.weights.interest
        keywordWeight = sessionsOfKeyword.map { interest > 0 ? max(1, interest / $0.count) : 0 }
        var inSession = [Bool](repeating: false, count: sessionsOfKeyword.count * S)
        for (k, list) in sessionsOfKeyword.enumerated() { for s in list { inSession[k * S + s] = true } }
        keywordInSession = inSession
        var scales: [Int] = []
        var scale = 1_000_000
        for _ in 0..<max(1, sessionsOfKeyword.count) {
            scales.append(scale)
            scale = (scale * decayPercent + 50) / 100
        }
        decayScale = scales

        // Eligibility and challenge per (session, family[, mandate]).
        var elig = [Bool](repeating: false, count: S * F * 2)
        var chal = [Int](repeating: 0, count: S * F)
        var outside = [Bool](repeating: false, count: S * F)
        for (s, session) in sorted.enumerated() {
            let home = session.homeFamilies
            for f in 0..<F {
                let name: String? = f < F - 1 ? families[f] : nil
                for m in 0..<2 {
                    elig[(s * F + f) * 2 + m] =
                        PreparedModel.failingRule(session.eligibility, family: name, mandate: m == 1) == nil
                }
                if let name, !home.contains(name) {
                    chal[s * F + f] = problem.weights.challenge
                    outside[s * F + f] = true
                }
            }
        }
        eligibleTable = elig
        challengeTable = chal
        outsideTable = outside

        // Participants: three independent parts, side by side in large problems.
        let people = problem.participants
        participants = people
        let indices = IndexedResults<Indices>(count: 1)
        let sortedIDs = IndexedResults<[Int]>(count: 1)
        let slots = IndexedResults<DisciplineSlots>(count: 1)
        let (sessionIndex, keywords, familyIndex) = (byID, kIndex, fIndex)
        let parts: [@Sendable () -> Void] = [
            { indices.set(0, PreparedModel.indices(people, sessionIndexByID: sessionIndex, keywordIndex: keywords)) },
            { sortedIDs.set(0, PreparedModel.sortedByID(people)) },
            { slots.set(0, PreparedModel.disciplineSlots(people, familyIndex: familyIndex, unknownFamily: F - 1)) },
        ]
        if people.count >= 20_000 {
            DispatchQueue.concurrentPerform(iterations: parts.count) { parts[$0]() }
        } else {
            for part in parts { part() }
        }
        let index = indices.value(0)!
        (mandateOf, interestStart, interestList, pinOf, previousOf) =
            (index.mandateOf, index.interestStart, index.interestList, index.pinOf, index.previousOf)
        order = sortedIDs.value(0)!
        (disciplines, familyOfDiscipline, disciplineOf, familyOf) = slots.value(0)!
        let capacities = PreparedModel.effectiveCapacities(sessions: sorted, pinOf: pinOf)
        let meanCapacity = capacities.isEmpty ? 1 : (capacities.reduce(0, +) + capacities.count / 2) / capacities.count
        unknownSeatCost = PreparedModel.unknownSeatCost(
            weights: problem.weights, familyOfDiscipline: familyOfDiscipline, disciplineOf: disciplineOf,
            unknownFamily: F - 1)
        diversity = capacities.map {
            DiversityCost(
                weight: problem.weights.diversity, distance: problem.weights.distance, capacity: $0,
                meanCapacity: meanCapacity)
        }
    }

    /// The seat cost of a participant with an unknown discipline: the mean marginal diversity cost of a known
    /// participant in a full session of the event's own mix, `round(2 · diversity · (1 − RS))` with RS over all
    /// known participants. They add nothing to a session's diversity, so without it they would be preferred
    /// for every seat when seats run out; with it neither group is. The same in every session, so it never
    /// decides which session anyone gets.
    static func unknownSeatCost(
        weights: Weights, familyOfDiscipline: [Int32], disciplineOf: [Int32], unknownFamily: Int
    ) -> Int {
        let known = familyOfDiscipline.count - 1
        guard weights.diversity > 0, known > 0 else { return 0 }
        var perDiscipline = [Int](repeating: 0, count: known)
        for d in disciplineOf where Int(d) < known { perDiscipline[Int(d)] += 1 }
        // A discipline without a family is its own family (as Metrics counts it).
        var perFamily = [Int](repeating: 0, count: unknownFamily + known)
        for (d, n) in perDiscipline.enumerated() {
            let f = Int(familyOfDiscipline[d])
            perFamily[f < unknownFamily ? f : unknownFamily + d] += n
        }
        let rs = weights.distance.raoStirling(disciplineCounts: perDiscipline, familyCounts: perFamily)
        return Int((2 * Double(weights.diversity) * (1 - rs)).rounded())
    }

    /// What a seat costs participant i on top of the diversity cost: `unknownSeatCost` for an unknown discipline.
    @inline(__always) func seatCost(participant i: Int) -> Int {
        disciplineOf[i] == Int32(unknownDiscipline) ? unknownSeatCost : 0
    }

    /// Per participant: the pinned and previous session indices, the mandate and the distinct keyword indices.
    struct Indices: Sendable {
        var pinOf: [Int32]
        var previousOf: [Int32]
        var mandateOf: [Bool]
        var interestStart: [Int32]
        var interestList: [Int32]
    }

    /// The participants' pins, previous sessions, mandates and keyword indices (unknown sessions and keywords left out).
    static func indices(_ people: [Participant], sessionIndexByID byID: [Int: Int], keywordIndex kIndex: [String: Int])
        -> Indices
    {
        let n = people.count
        var out = Indices(
            pinOf: [Int32](repeating: -1, count: n), previousOf: [Int32](repeating: -1, count: n),
            mandateOf: [Bool](repeating: false, count: n), interestStart: [Int32](repeating: 0, count: n + 1),
            interestList: [])
        out.interestList.reserveCapacity(n * 3)
        for i in 0..<n {
            if let ps = people[i].pinnedSession, let si = byID[ps] { out.pinOf[i] = Int32(si) }
            if let ps = people[i].previousSession, let si = byID[ps] { out.previousOf[i] = Int32(si) }
            out.mandateOf[i] = people[i].mandate
            let first = out.interestList.count
            for k in people[i].interests {
                guard let idx = kIndex[k] else { continue }
                let k32 = Int32(idx)
                if !out.interestList[first...].contains(k32) { out.interestList.append(k32) }
            }
            out.interestStart[i + 1] = Int32(out.interestList.count)
        }
        return out
    }

    /// The known disciplines, the family of each discipline slot, and each participant's slot and family.
    typealias DisciplineSlots = (names: [String], family: [Int32], of: [Int32], familyOf: [Int32])

    /// The known disciplines (one slot per discipline and family), the family of each slot, the slot of
    /// each participant (a participant with no discipline gets the unknown slot: no diversity cost) and the
    /// family index of each participant (`unknownFamily` when unknown or not in `familyIndex`). Each
    /// participant's (discipline, family) is looked up once: the distinct pairs are numbered as they come and
    /// renumbered in sorted order afterwards.
    static func disciplineSlots(_ participants: [Participant], familyIndex: [String: Int], unknownFamily: Int)
        -> DisciplineSlots
    {
        struct Key: Hashable {
            var discipline: String?
            var family: String?
        }
        var pairOfKey: [Key: Int32] = [:]
        var keys: [Key] = []
        var pairOf = [Int32](repeating: 0, count: participants.count)
        for (i, p) in participants.enumerated() {
            let key = Key(discipline: p.discipline, family: p.family)
            if let k = pairOfKey[key] {
                pairOf[i] = k
            } else {
                pairOf[i] = Int32(keys.count)
                pairOfKey[key] = Int32(keys.count)
                keys.append(key)
            }
        }
        // One slot per (discipline, family or "") of the pairs with a discipline, in that order.
        let slotKey = { (k: Int) in (keys[k].discipline!, keys[k].family ?? "") }
        let known = keys.indices.filter { keys[$0].discipline != nil }.sorted { slotKey($0) < slotKey($1) }
        var slotOfPair = [Int32](repeating: 0, count: keys.count)
        var names: [String] = []
        var family: [Int32] = []
        for (j, k) in known.enumerated() {
            // A pair without a family and one with the family "" share the slot.
            if j > 0 && slotKey(known[j - 1]) == slotKey(k) {
                slotOfPair[k] = slotOfPair[known[j - 1]]
                continue
            }
            slotOfPair[k] = Int32(names.count)
            names.append(slotKey(k).0)
            family.append(Int32(familyIndex[slotKey(k).1] ?? unknownFamily))
        }
        for k in keys.indices where keys[k].discipline == nil { slotOfPair[k] = Int32(names.count) }
        let familyOfPair = keys.map { Int32($0.family.flatMap { familyIndex[$0] } ?? unknownFamily) }
        return (
            names, family + [Int32(unknownFamily)], pairOf.map { slotOfPair[Int($0)] },
            pairOf.map { familyOfPair[Int($0)] }
        )
    }

    /// Problem indices sorted by participant id (byte order of the UTF-8 id, ties by index): the ids' first
    /// eight bytes are sorted as integers beside their indices, whole ids compared only when those are equal.
    static func sortedByID(_ participants: [Participant]) -> [Int] {
        struct Item {
            var prefix: UInt64
            var index: Int
        }
        let ids = participants.map(\.id)
        var items = ids.indices.map { i -> Item in
            var value: UInt64 = 0
            var taken = 0
            for byte in ids[i].utf8 {
                if taken == 8 { break }
                value = value << 8 | UInt64(byte)
                taken += 1
            }
            return Item(prefix: taken == 0 ? 0 : value << (8 * UInt64(8 - taken)), index: i)
        }
        items.sort { a, b in
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            let order = ByteOrder.compare(ids[a.index], ids[b.index])
            return order != 0 ? order < 0 : a.index < b.index
        }
        return items.map(\.index)
    }

    /// The first rule of `rules` that a participant of this family and mandate does not meet.
    static func failingRule(_ rules: [EligibilityRule], family: String?, mandate: Bool) -> EligibilityRule? {
        for rule in rules {
            switch rule.kind {
            case .requiresMandate:
                if !mandate { return rule }
            case .familyIn:
                guard let family, rule.values.contains(family) else { return rule }
            case .familyNotIn:
                if let family, rule.values.contains(family) { return rule }
            }
        }
        return nil
    }

    // MARK: Scores

    /// Interest fit of a list of matched keyword weights (any order; sorted here).
    func fit(ofWeights weights: [Int]) -> Int {
        let sortedWeights = weights.sorted(by: >)
        var total = 0
        for (i, w) in sortedWeights.enumerated() {
            let scale = i < decayScale.count ? decayScale[i] : 0
            if scale == 0 { break }
            total += (w * scale + 500_000) / 1_000_000
        }
        return total
    }

    /// Distinct keyword indices of participant i's interests.
    func keywordIndices(participant i: Int) -> [Int] {
        (Int(interestStart[i])..<Int(interestStart[i + 1])).map { Int(interestList[$0]) }
    }

    /// Interest fit of participant `i` in session index `s`.
    func fit(participant i: Int, session s: Int) -> Int {
        let S = sessionCount
        let ws = keywordIndices(participant: i).filter { keywordInSession[$0 * S + s] }.map { keywordWeight[$0] }
        return fit(ofWeights: ws)
    }

    /// The participant's interests that are keywords of session index `s`, sorted.
    func matchedKeywords(participant i: Int, session s: Int) -> [String] {
        let S = sessionCount
        return keywordIndices(participant: i).filter { keywordInSession[$0 * S + s] }.map { keywordNames[$0] }.sorted()
    }

    func challenge(participant i: Int, session s: Int) -> Int {
        challengeTable[s * familySlots + Int(familyOf[i])]
    }

    func stability(participant i: Int, session s: Int) -> Int {
        Int(previousOf[i]) == s ? weights.stability : 0
    }

    /// fit + challenge + stability (whether eligible or not).
    func score(participant i: Int, session s: Int) -> Int {
        fit(participant: i, session: s) + challenge(participant: i, session: s) + stability(participant: i, session: s)
    }

    func isEligible(participant i: Int, session s: Int) -> Bool {
        eligibleTable[(s * familySlots + Int(familyOf[i])) * 2 + (mandateOf[i] ? 1 : 0)]
    }

    /// The first eligibility rule of session `s` that participant `i` does not meet.
    func failingRule(participant i: Int, session s: Int) -> EligibilityRule? {
        let p = participants[i]
        let fam: String? = familyOf[i] < Int32(families.count) ? families[Int(familyOf[i])] : nil
        return PreparedModel.failingRule(sessions[s].eligibility, family: fam, mandate: p.mandate)
    }

    /// Total diversity cost of session `s` holding `perDiscipline[d]` people of each discipline slot.
    func diversityCost(session s: Int, perDiscipline: ArraySlice<Int>) -> Int {
        var perFamily = [Int](repeating: 0, count: familySlots)
        var total = 0
        for (d, n) in zip(0..<unknownDiscipline, perDiscipline) where n > 0 {
            total += diversity[s].total(.discipline, count: n)
            perFamily[Int(familyOfDiscipline[d])] += n
        }
        for f in 0..<unknownFamily where perFamily[f] > 0 { total += diversity[s].total(.family, count: perFamily[f]) }
        return total
    }

    /// Capacity that holds: the session's capacity, raised to the number of pins when they exceed it.
    func effectiveCapacities() -> [Int] {
        PreparedModel.effectiveCapacities(sessions: sessions, pinOf: pinOf)
    }

    static func effectiveCapacities(sessions: [Session], pinOf: [Int32]) -> [Int] {
        var pinned = [Int](repeating: 0, count: sessions.count)
        for p in pinOf where p >= 0 { pinned[Int(p)] += 1 }
        return sessions.indices.map { max(max(0, sessions[$0].capacity), pinned[$0]) }
    }

    /// Objective of a complete placement (`sessionOf[i]` a session index or -1 for the waitlist).
    func objective(sessionOf: [Int]) -> Int {
        let D = disciplineSlots
        var counts = [Int](repeating: 0, count: sessionCount * D)
        var total = 0
        for (i, s) in sessionOf.enumerated() {
            if s < 0 {
                total -= weights.waitlist
            } else {
                total += score(participant: i, session: s) - seatCost(participant: i)
                counts[s * D + Int(disciplineOf[i])] += 1
            }
        }
        for s in 0..<sessionCount { total -= diversityCost(session: s, perDiscipline: counts[(s * D)..<(s * D + D)]) }
        return total
    }
}
