import Dispatch
import WerksessiesModel

/// Other ways to place the same participants, for the board's comparison: a lottery, first come first
/// served and the interest-only optimum, on the same capacities (raised to the pins), eligibility and pins,
/// and the board's figures of each placement (`figures`) with the definitions Metrics reports
/// (`DisciplineDistance`). Pure and deterministic: the lottery's draws come from seeded generators.
struct Baselines {
    let model: PreparedModel
    let capacity: [Int]
    /// A participant and the group of sessions open to them (`openSessions`), shuffled together by the lottery.
    struct Drawn {
        var index: Int32
        var group: Int32
    }

    /// The unpinned participants in id order (the lottery's order before it is shuffled).
    let unpinned: [Drawn]
    /// The sessions open to each group (family slot · 2 + mandate), ascending:
    /// `openList[openStart[g]..<openStart[g + 1]]`.
    let openStart: [Int]
    let openList: [Int]
    /// `matchTable[i * S + s]`: one of participant i's interests is a keyword of session s (`matches`).
    let matchTable: [Bool]

    init(model: PreparedModel) {
        self.model = model
        capacity = model.effectiveCapacities()
        let S = model.sessionCount
        let group = { (i: Int) in Int(model.familyOf[i]) * 2 + (model.mandateOf[i] ? 1 : 0) }
        unpinned = model.order.filter { model.pinOf[$0] < 0 }.map { Drawn(index: Int32($0), group: Int32(group($0))) }
        var start = [0]
        var list: [Int] = []
        for g in 0..<(model.familySlots * 2) {
            list += (0..<S).filter { model.eligibleTable[($0 * model.familySlots + g / 2) * 2 + g % 2] }
            start.append(list.count)
        }
        openStart = start
        openList = list
        var table = [Bool](repeating: false, count: model.participants.count * S)
        for i in model.participants.indices {
            for j in Int(model.interestStart[i])..<Int(model.interestStart[i + 1]) {
                let k = Int(model.interestList[j])
                for s in 0..<S where model.keywordInSession[k * S + s] { table[i * S + s] = true }
            }
        }
        matchTable = table
    }

    /// The positions in `openList` of the sessions open to a group, ascending.
    @inline(__always) func openSessions(group g: Int) -> Range<Int> {
        openStart[g]..<openStart[g + 1]
    }

    /// The positions in `openList` of the sessions open to participant i (by the rules), ascending.
    @inline(__always) func openSessions(_ i: Int) -> Range<Int> {
        openSessions(group: Int(model.familyOf[i]) * 2 + (model.mandateOf[i] ? 1 : 0))
    }

    /// The pinned participants in their sessions; everybody else on the waitlist.
    func pinnedStart() -> (sessionOf: [Int], count: [Int]) {
        var sessionOf = [Int](repeating: -1, count: model.participants.count)
        var count = [Int](repeating: 0, count: model.sessionCount)
        for (i, p) in model.pinOf.enumerated() where p >= 0 {
            sessionOf[i] = Int(p)
            count[Int(p)] += 1
        }
        return (sessionOf, count)
    }

    /// One lottery draw: the unpinned participants in a random order, each in a random session that is open
    /// to them and has room (the waitlist when none has).
    func lottery(seed: UInt64) -> [Int] {
        var (sessionOf, count) = pinnedStart()
        var rng = SplitMix64(seed: seed)
        var order = unpinned
        if order.count > 1 {
            for k in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(k, rng.below(k + 1)) }
        }
        var open: [Int] = []
        for drawn in order {
            let i = Int(drawn.index)
            open.removeAll(keepingCapacity: true)
            for j in openSessions(group: Int(drawn.group)) where count[openList[j]] < capacity[openList[j]] {
                open.append(openList[j])
            }
            guard !open.isEmpty else { continue }
            let s = open[rng.below(open.count)]
            sessionOf[i] = s
            count[s] += 1
        }
        return sessionOf
    }

    /// First come first served: in registration order (the problem's order) each unpinned participant takes
    /// the first session (by id) open to them with room that holds one of their interests, else the first
    /// open session with room, else the waitlist.
    func firstComeFirstServed() -> [Int] {
        var (sessionOf, count) = pinnedStart()
        for i in model.participants.indices where model.pinOf[i] < 0 {
            var chosen = -1
            var fallback = -1
            for j in openSessions(i) where count[openList[j]] < capacity[openList[j]] {
                let s = openList[j]
                if fallback < 0 { fallback = s }
                if matches(i, s) {
                    chosen = s
                    break
                }
            }
            let s = chosen >= 0 ? chosen : fallback
            guard s >= 0 else { continue }
            sessionOf[i] = s
            count[s] += 1
        }
        return sessionOf
    }

    /// True when one of participant i's interests is a keyword of session s.
    @inline(__always) func matches(_ i: Int, _ s: Int) -> Bool {
        matchTable[i * model.sessionCount + s]
    }

    /// The board's figures of a placement (`sessionOf[i]` a session index or -1): as Metrics reports them
    /// per session (Gini-Simpson and Rao-Stirling over the known disciplines; a discipline without a family
    /// is its own family) and for the event (match share among those who gave interests, outside share among
    /// the assigned), diversity averaged over the sessions that hold participants.
    func figures(_ sessionOf: [Int]) -> AssignmentFigures {
        let (S, D, F) = (model.sessionCount, model.disciplineSlots, model.familySlots)
        var perDiscipline = [Int](repeating: 0, count: S * D)
        var people = [Int](repeating: 0, count: S)
        var (withInterests, withMatch, outside, waitlisted) = (0, 0, 0, 0)
        for (i, s) in sessionOf.enumerated() {
            let gave = model.participants[i].gaveInterests
            if gave { withInterests += 1 }
            guard s >= 0 else {
                waitlisted += 1
                continue
            }
            people[s] += 1
            if gave && matches(i, s) { withMatch += 1 }
            if model.outsideTable[s * F + Int(model.familyOf[i])] { outside += 1 }
            perDiscipline[s * D + Int(model.disciplineOf[i])] += 1
        }
        var gini: [Double] = []
        var rao: [Double] = []
        for s in 0..<S where people[s] > 0 {
            let counts = Array(perDiscipline[(s * D)..<(s * D + D - 1)])
            var perFamily = [Int](repeating: 0, count: F + D)
            for (d, n) in counts.enumerated() where n > 0 {
                let f = Int(model.familyOfDiscipline[d])
                perFamily[f < model.unknownFamily ? f : F + d] += n
            }
            gini.append(DisciplineDistance.giniSimpson(counts))
            rao.append(model.weights.distance.raoStirling(disciplineCounts: counts, familyCounts: perFamily))
        }
        let assigned = sessionOf.count - waitlisted
        return AssignmentFigures(
            shareWithMatch: withInterests == 0 ? 0 : Double(withMatch) / Double(withInterests),
            meanGiniSimpson: gini.isEmpty ? 0 : gini.reduce(0, +) / Double(gini.count),
            lowestGiniSimpson: gini.min() ?? 0,
            outsideComfortZoneShare: assigned == 0 ? 0 : Double(outside) / Double(assigned),
            meanRaoStirling: rao.isEmpty ? 0 : rao.reduce(0, +) / Double(rao.count), waitlisted: Double(waitlisted))
    }

    /// Session index per participant of a solved assignment (placements in problem order, as the solver returns them).
    func sessionOf(_ assignment: Assignment) -> [Int] {
        var byID: [String: Int] = [:]
        if assignment.placements.count != model.participants.count
            || zip(assignment.placements, model.participants).contains(where: { $0.participantID != $1.id })
        {
            for placement in assignment.placements { byID[placement.participantID] = placement.session.flatMap { model.sessionIndexByID[$0] } ?? -1 }
            return model.participants.map { byID[$0.id] ?? -1 }
        }
        return assignment.placements.map { $0.session.flatMap { model.sessionIndexByID[$0] } ?? -1 }
    }

    /// Participants of a placement in a session whose rules they do not meet without being pinned there.
    func ineligibleCount(_ sessionOf: [Int]) -> Int {
        sessionOf.indices.filter {
            sessionOf[$0] >= 0 && model.pinOf[$0] < 0 && !model.isEligible(participant: $0, session: sessionOf[$0])
        }.count
    }

    /// The mean and, per figure, the least favourable value of the draws' figures.
    static func meanAndWorst(_ draws: [AssignmentFigures]) -> (mean: AssignmentFigures, worst: AssignmentFigures) {
        func mean(_ value: (AssignmentFigures) -> Double) -> Double {
            draws.isEmpty ? 0 : draws.map(value).reduce(0, +) / Double(draws.count)
        }
        func lowest(_ value: (AssignmentFigures) -> Double) -> Double { draws.map(value).min() ?? 0 }
        return (
            AssignmentFigures(
                shareWithMatch: mean(\.shareWithMatch), meanGiniSimpson: mean(\.meanGiniSimpson),
                lowestGiniSimpson: mean(\.lowestGiniSimpson), outsideComfortZoneShare: mean(\.outsideComfortZoneShare),
                meanRaoStirling: mean(\.meanRaoStirling), waitlisted: mean(\.waitlisted)),
            AssignmentFigures(
                shareWithMatch: lowest(\.shareWithMatch), meanGiniSimpson: lowest(\.meanGiniSimpson),
                lowestGiniSimpson: lowest(\.lowestGiniSimpson), outsideComfortZoneShare: lowest(\.outsideComfortZoneShare),
                meanRaoStirling: lowest(\.meanRaoStirling), waitlisted: draws.map(\.waitlisted).max() ?? 0)
        )
    }
}

extension Assigner {
    /// The seed of the board's lottery (draw k uses `lotterySeed + k`).
    public static let lotterySeed: UInt64 = 20_201_001

    /// The assignment beside a lottery (the mean and the worst of `draws` seeded draws), first come first
    /// served and the interest-only optimum, on the same participants, capacities, eligibility and pins.
    public static func comparison(
        _ problem: AssignmentProblem, assignment: Assignment, draws: Int = 20, seed: UInt64 = lotterySeed
    ) throws -> BaselineComparison {
        var interestOnly = problem
        interestOnly.weights.challenge = 0
        interestOnly.weights.diversity = 0
        interestOnly.weights.stability = 0
        let solver = Solver(interestOnly)
        // One model for all: only the weights differ, and the baselines read none but the distance.
        let baselines = Baselines(model: solver.model)
        let count = max(0, draws)
        // Job 0 is the interest-only optimum, job 1 the assignment, job 2 first come first served and job
        // 3 + k the draw k with its own seed: they run beside each other, and their figures are read back by
        // job number (the same on any machine).
        let figures = IndexedResults<AssignmentFigures>(count: count + 3)
        let failure = IndexedResults<any Error>(count: 1)
        let ineligible = IndexedResults<Int>(count: 1)
        DispatchQueue.concurrentPerform(iterations: count + 3) { job in
            switch job {
            case 0:
                do {
                    figures.set(0, baselines.figures(try solver.solve(withPlacements: false).sessionOf))
                } catch {
                    failure.set(0, error)
                }
            case 1:
                let placed = baselines.sessionOf(assignment)
                figures.set(1, baselines.figures(placed))
                ineligible.set(0, baselines.ineligibleCount(placed))
            case 2:
                figures.set(2, baselines.figures(baselines.firstComeFirstServed()))
            default:
                figures.set(job, baselines.figures(baselines.lottery(seed: seed &+ UInt64(job - 3))))
            }
        }
        if let error = failure.value(0) { throw error }
        let all = figures.all
        let lottery = Baselines.meanAndWorst(Array(all[3...]))
        return BaselineComparison(
            assignment: all[1], lotteryMean: lottery.mean,
            lotteryWorst: lottery.worst, firstComeFirstServed: all[2],
            interestOnly: all[0], lotteryDraws: max(0, draws), lotterySeed: seed,
            ineligibleAssigned: ineligible.value(0) ?? 0)
    }
}
