import XCTest
import WerksessiesModel
@testable import Assign
import TestSupport

/// Random assignment problems for the exactness and behaviour tests.
enum Problems {
    /// Participant number `n` (as `Fixture.participant(_:family:…)`) with its own discipline.
    static func participant(
        _ n: Int, family: String?, discipline: String?, interests: [String], mandate: Bool = false,
        pinned: Int? = nil, previous: Int? = nil
    ) -> Participant {
        var p = Fixture.participant(n, family: family, interests: interests, mandate: mandate, pinned: pinned, previous: previous)
        p.discipline = discipline
        return p
    }
    /// A random small instance (for exhaustive enumeration).
    static func randomSmall(_ rng: inout SplitMix64) -> AssignmentProblem {
        let families = ["design", "policy", "nature"]
        let keywords = (0..<8).map { "k\($0)" }
        let sessionCount = Int.random(in: 2...4, using: &rng)
        var sessions: [Session] = []
        for s in 0..<sessionCount {
            var kws = Set<String>()
            for _ in 0..<Int.random(in: 1...4, using: &rng) { kws.insert(keywords.randomElement(using: &rng)!) }
            var rules: [EligibilityRule] = []
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: rules = [Fixture.mandate]
            case 1: rules = [EligibilityRule(kind: .familyIn, values: [families.randomElement(using: &rng)!], label: "familie")]
            case 2: rules = [EligibilityRule(kind: .familyNotIn, values: [families.randomElement(using: &rng)!], label: "niet familie")]
            default: break
            }
            let minimum = Int.random(in: 0..<6, using: &rng) == 0 ? Int.random(in: 1...3, using: &rng) : 0
            sessions.append(Fixture.session(
                s + 1, capacity: Int.random(in: 0...4, using: &rng), minimum: minimum, keywords: kws.sorted(),
                homes: [families.randomElement(using: &rng)!], rules: rules))
        }
        sessions.shuffle(using: &rng)
        let n = Int.random(in: 0...7, using: &rng)
        var people: [Participant] = []
        for i in 0..<n {
            var ints = Set<String>()
            for _ in 0..<Int.random(in: 0...4, using: &rng) { ints.insert(keywords.randomElement(using: &rng)!) }
            let family: String? = Int.random(in: 0..<4, using: &rng) == 0 ? nil : families.randomElement(using: &rng)
            // Two disciplines per family (so both levels of the diversity cost bite), now and then none.
            let discipline: String? = family.flatMap { f in
                Int.random(in: 0..<8, using: &rng) == 0 ? nil : "\(f)-\(Int.random(in: 0..<2, using: &rng))"
            }
            let pinned: Int? = Int.random(in: 0..<6, using: &rng) == 0 ? Int.random(in: 1...sessionCount, using: &rng) : nil
            let previous: Int? = Int.random(in: 0..<3, using: &rng) == 0 ? Int.random(in: 1...sessionCount, using: &rng) : nil
            people.append(participant(
                i, family: family, discipline: discipline, interests: ints.sorted(), mandate: Bool.random(using: &rng),
                pinned: pinned, previous: previous))
        }
        let weights = Weights(
            interest: Int.random(in: 0...150, using: &rng), interestDecayPercent: Int.random(in: 0...100, using: &rng),
            challenge: Int.random(in: 0...60, using: &rng), diversity: Int.random(in: 0...400, using: &rng),
            distance: DisciplineDistance(sameFamily: [0.5, 0.5, 0.25, 0.8, 1, 0].randomElement(using: &rng)!),
            stability: Int.random(in: 0...200, using: &rng), waitlist: Int.random(in: 0...400, using: &rng))
        return AssignmentProblem(participants: people, sessions: sessions, weights: weights)
    }
}

/// An independent implementation of the objective (straight from the formulas, no shared code) and an
/// exhaustive search over all placements.
struct BruteForce {
    let problem: AssignmentProblem

    func keywordWeight(_ k: String) -> Int {
        let n = problem.sessions.filter { Set($0.keywordIDs).contains(k) }.count
        let interest = problem.weights.interest
        return interest > 0 ? max(1, interest / max(1, n)) : 0
    }

    func fit(_ p: Participant, _ s: Session) -> Int {
        let matched = Set(p.interests).intersection(s.keywordIDs)
        let ws = matched.map(keywordWeight).sorted(by: >)
        var scale = 1_000_000
        var total = 0
        for w in ws {
            total += (w * scale + 500_000) / 1_000_000
            scale = (scale * problem.weights.interestDecayPercent + 50) / 100
        }
        return total
    }

    func score(_ p: Participant, _ s: Session) -> Int {
        var total = fit(p, s)
        if let f = p.family, !s.homeFamilies.contains(f) { total += problem.weights.challenge }
        if p.previousSession == s.id { total += problem.weights.stability }
        return total
    }

    func eligible(_ p: Participant, _ s: Session) -> Bool {
        s.eligibility.allSatisfy { rule in
            switch rule.kind {
            case .requiresMandate: return p.mandate
            case .familyIn: return p.family.map { rule.values.contains($0) } ?? false
            case .familyNotIn: return !(p.family.map { rule.values.contains($0) } ?? false)
            }
        }
    }

    /// Σ_{k=1..n} Q · round(diversity · share · (2k − 1) · M / (C² · Q)) with `share` in thousandths, halves up
    /// (M the mean capacity C̄, weighed by √(C̄ / 50) above 50 seats; Q = round(M / C̄) the cost's unit).
    func levelCost(_ capacity: Int, _ n: Int, share: Int) -> Int {
        let mean = meanCapacity
        let weighed = mean <= 50 ? mean : Int((Double(mean) * (Double(mean) / 50).squareRoot()).rounded())
        let quantum = max(1, (weighed + mean / 2) / mean)
        let numerator = problem.weights.diversity * share * weighed
        let denominator = 1000 * max(1, capacity) * max(1, capacity) * quantum
        return (0..<n).reduce(0) { total, k in total + quantum * ((2 * numerator * (2 * k + 1) + denominator) / (2 * denominator)) }
    }

    /// The mean of the sessions' capacities (raised to their pins), rounded half up, at least 1.
    var meanCapacity: Int {
        let capacities = problem.sessions.map { s in
            max(max(0, s.capacity), problem.participants.filter { $0.pinnedSession == s.id }.count)
        }
        return capacities.isEmpty ? 1 : max(1, (capacities.reduce(0, +) + capacities.count / 2) / capacities.count)
    }

    /// The seat cost of a participant with an unknown discipline: round(2 · diversity · (1 − RS)) over all
    /// participants with a discipline (a discipline without a family is its own family).
    var unknownSeatCost: Int {
        guard problem.weights.diversity > 0 else { return 0 }
        var disciplines: [String: Int] = [:]
        var families: [String: Int] = [:]
        for p in problem.participants {
            guard let d = p.discipline else { continue }
            disciplines[d + "/" + (p.family ?? ""), default: 0] += 1
            families[p.family ?? ("own:" + d), default: 0] += 1
        }
        let total = disciplines.values.reduce(0, +)
        guard total > 0 else { return 0 }
        let square = Double(total) * Double(total)
        let d = Double(problem.weights.distance.sameFamilyPermille) / 1000
        let rs = 1 - d * (Double(disciplines.values.reduce(0) { $0 + $1 * $1 }) / square)
            - (1 - d) * (Double(families.values.reduce(0) { $0 + $1 * $1 }) / square)
        return Int((2 * Double(problem.weights.diversity) * (1 - max(0, rs))).rounded())
    }

    /// The diversity cost of a session from its people per known discipline and per family of those.
    func diversityCost(_ capacity: Int, disciplines: [String: Int], families: [String: Int]) -> Int {
        let d = problem.weights.distance.sameFamilyPermille
        return disciplines.values.reduce(0) { $0 + levelCost(capacity, $1, share: d) }
            + families.values.reduce(0) { $0 + levelCost(capacity, $1, share: 1000 - d) }
    }

    /// Objective of a placement given as a session id (or nil) per participant.
    func objective(_ sessionOf: [Int?]) -> Int {
        let seat = unknownSeatCost
        var total = 0
        var disciplines: [Int: [String: Int]] = [:]
        var families: [Int: [String: Int]] = [:]
        var pinned: [Int: Int] = [:]
        for p in problem.participants { if let pin = p.pinnedSession { pinned[pin, default: 0] += 1 } }
        for (p, sid) in zip(problem.participants, sessionOf) {
            guard let sid, let s = problem.sessions.first(where: { $0.id == sid }) else {
                total -= problem.weights.waitlist
                continue
            }
            total += score(p, s)
            guard let d = p.discipline else {
                total -= seat
                continue
            }
            disciplines[sid, default: [:]][d + "/" + (p.family ?? ""), default: 0] += 1
            if let f = p.family { families[sid, default: [:]][f, default: 0] += 1 }
        }
        for s in problem.sessions {
            let capacity = max(max(0, s.capacity), pinned[s.id] ?? 0)
            total -= diversityCost(capacity, disciplines: disciplines[s.id] ?? [:], families: families[s.id] ?? [:])
        }
        return total
    }

    /// The best objective over all feasible placements, `nil` when none is feasible.
    func optimum() -> Int? {
        let people = problem.participants
        let sessions = problem.sessions
        var capacity = sessions.map { max(0, $0.capacity) }
        var pinned = [Int](repeating: 0, count: sessions.count)
        for p in people {
            if let pin = p.pinnedSession, let s = sessions.firstIndex(where: { $0.id == pin }) { pinned[s] += 1 }
        }
        for s in sessions.indices { capacity[s] = max(capacity[s], pinned[s]) }
        var count = pinned  // pinned seats are taken from the start
        var choice = [Int?](repeating: nil, count: people.count)
        var best: Int?
        func go(_ i: Int) {
            if i == people.count {
                for (s, session) in sessions.enumerated() where count[s] < session.minimum { return }
                let value = objective(choice)
                if best == nil || value > best! { best = value }
                return
            }
            let p = people[i]
            if let pin = p.pinnedSession, let s = sessions.firstIndex(where: { $0.id == pin }) {
                choice[i] = sessions[s].id
                go(i + 1)
                return
            }
            choice[i] = nil
            go(i + 1)
            for (s, session) in sessions.enumerated() where count[s] < capacity[s] && eligible(p, session) {
                choice[i] = session.id
                count[s] += 1
                go(i + 1)
                count[s] -= 1
            }
            choice[i] = nil
        }
        go(0)
        return best
    }
}

extension Problems {
    /// A synthetic problem like the real event: 8 sessions with 5–9 keywords each (some shared), 9 families
    /// of 5 disciplines each plus 5% unknown, 1–5 interests per person, session 8 requires a mandate (30% have one), total
    /// capacity 110% of the participants.
    static func synthetic(participants n: Int, seed: UInt64) -> AssignmentProblem {
        var rng = SplitMix64(seed: seed)
        let families = ["culture", "design", "energy", "heritage", "knowledge", "market", "nature", "policy", "society"]
        let keywords = (0..<46).map { "kw\($0)" }
        var sessions: [Session] = []
        let total = n + n / 10
        for s in 0..<8 {
            var kws = Set<String>()
            for j in 0..<6 { kws.insert(keywords[(s * 6 + j) % keywords.count]) }
            for _ in 0..<Int.random(in: 0...3, using: &rng) { kws.insert(keywords.randomElement(using: &rng)!) }
            let homes = (0..<Int.random(in: 1...3, using: &rng)).map { _ in families.randomElement(using: &rng)! }
            let capacity = s == 7 ? total / 16 : (total - total / 16) / 7
            sessions.append(Fixture.session(
                s + 1, capacity: capacity, keywords: kws.sorted(), homes: homes, rules: s == 7 ? [Fixture.mandate] : []))
        }
        var people: [Participant] = []
        people.reserveCapacity(n)
        for i in 0..<n {
            var ints: [String] = []
            for _ in 0..<Int.random(in: 1...5, using: &rng) {
                let k = keywords.randomElement(using: &rng)!
                if !ints.contains(k) { ints.append(k) }
            }
            let family: String? = Int.random(in: 0..<20, using: &rng) == 0 ? nil : families.randomElement(using: &rng)
            let discipline = family.map { "\($0)-\(Int.random(in: 0..<5, using: &rng))" }
            let email = "p\(i)@example.org"
            people.append(Participant(
                id: Participant.id(forEmailKey: email), email: email, emailKey: email, name: "", organisation: "",
                organisationKey: "", role: "", discipline: discipline, family: family, interests: ints.sorted(),
                gaveInterests: true, mandate: Int.random(in: 0..<10, using: &rng) < 3, consent: true,
                source: SourceRef(file: "synthetic", row: i + 2)))
        }
        return AssignmentProblem(participants: people, sessions: sessions, weights: Weights())
    }
}

extension Problems {
    /// A medium random instance where every part of the model bites: tight capacities (90% of the people),
    /// a minimum, a family rule, pins (some over capacity), previous sessions, unknown families.
    static func medium(participants n: Int, seed: UInt64) -> AssignmentProblem {
        var problem = synthetic(participants: n, seed: seed)
        var rng = SplitMix64(seed: seed ^ 0xABCDEF)
        let seats = n * 9 / 10
        problem.sessions = problem.sessions.map { s in
            var s = s
            s.capacity = s.id == 8 ? seats / 20 : (seats - seats / 20) / 7
            if s.id == 8 { s.minimum = s.capacity / 2 }
            if s.id == 2 { s.eligibility = [EligibilityRule(kind: .familyNotIn, values: ["market"], label: "Niet voor marktpartijen")] }
            return s
        }
        problem.participants = problem.participants.map { p in
            var p = p
            if Int.random(in: 0..<3, using: &rng) == 0 { p.previousSession = Int.random(in: 1...8, using: &rng) }
            if Int.random(in: 0..<25, using: &rng) == 0 { p.pinnedSession = Int.random(in: 1...3, using: &rng) }
            return p
        }
        problem.weights = Weights(
            interest: 100, interestDecayPercent: 50, challenge: 40, diversity: 150, stability: 150, waitlist: 500)
        return problem
    }
}
