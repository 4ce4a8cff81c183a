import WerksessiesModel

/// Builds the classes and the flow network of a problem, solves it and turns the flow into placements.
struct Solver {
    /// The solved problem, with what the tests and benchmarks look at.
    struct Solution {
        var assignment: Assignment
        /// Session index per participant (problem order), -1 for the waitlist.
        var sessionOf: [Int]
        var classCount: Int
        var augmentations: Int
        /// Dijkstra searches (`MinCostFlow.searches`).
        var searches: Int
        /// Seconds per phase (classes, flow, placements), for the benchmark.
        var timings: [(phase: String, seconds: Double)]
        /// The solved network (for invariant checks in tests).
        var network: MinCostFlow
    }

    /// Participants with identical arcs (discipline, eligibility, score vector), not pinned.
    struct Classes {
        /// Discipline slot per class.
        var discipline: [Int32] = []
        /// `cost[c * (S + 1) + b]`: −score per session (`MinCostFlow.notAllowed` when ineligible), then the waitlist.
        var cost: [Int] = []
        var size: [Int] = []
        /// Class of each participant (problem index), -1 for pinned participants.
        var classOf: [Int32] = []
        var count: Int { size.count }
    }

    let model: PreparedModel
    let problem: AssignmentProblem
    /// Whether the flow looks for shortest paths among the admissible arcs before a new Dijkstra
    /// (`MinCostFlow.admissibleSearch`).
    let admissibleSearch: Bool

    /// Problems of this many participants or more look among the admissible arcs first (`admissibleSearch`).
    static let admissibleSearchFrom = 20_000

    /// - Parameter admissibleSearch: `nil` for the default by size (`admissibleSearchFrom`).
    init(_ problem: AssignmentProblem, admissibleSearch: Bool? = nil) {
        self.problem = problem
        self.model = PreparedModel(problem)
        self.admissibleSearch = admissibleSearch ?? (problem.participants.count >= Solver.admissibleSearchFrom)
    }

    // MARK: Validation

    func validate() throws -> [Diagnostic] {
        let w = problem.weights
        var seen = Set<Int>()
        for s in problem.sessions where !seen.insert(s.id).inserted {
            throw AssignError(message: "session \(s.id) appears twice in the catalog", code: "duplicate_session", session: s.id)
        }
        if w.diversity < 0 || w.diversity > Solver.maximumDiversity {
            throw AssignError(
                message: "diversity weight \(w.diversity) is outside 0...\(Solver.maximumDiversity): the diversity cost must be convex and bounded",
                code: "invalid_weights", relaxation: "set the diversity weight to 0 or more")
        }
        if !(0...100).contains(w.interestDecayPercent) {
            throw AssignError(
                message: "interest decay \(w.interestDecayPercent)% is outside 0...100: the interest fit must be concave",
                code: "invalid_weights")
        }
        var diagnostics: [Diagnostic] = []
        for p in problem.participants {
            if let pin = p.pinnedSession, model.sessionIndexByID[pin] == nil {
                diagnostics.append(Diagnostic(
                    file: "assign", severity: .warning, code: "pin_unknown_session",
                    message: "participant \(p.id) is pinned to session \(pin), which is not in the catalog; the pin is ignored",
                    value: String(pin)))
            }
        }
        for (i, pin) in model.pinOf.enumerated() where pin >= 0 && !model.isEligible(participant: i, session: Int(pin)) {
            let rule = model.failingRule(participant: i, session: Int(pin))
            diagnostics.append(Diagnostic(
                file: "assign", severity: .info, code: "pin_ineligible",
                message: "participant \(model.participants[i].id) is pinned to session \(model.sessions[Int(pin)].id) "
                    + "although \(rule?.label ?? "a rule") does not hold; the pin holds",
                value: String(model.sessions[Int(pin)].id)))
        }
        var pinned = [Int](repeating: 0, count: model.sessionCount)
        for p in model.pinOf where p >= 0 { pinned[Int(p)] += 1 }
        for (s, session) in model.sessions.enumerated() where pinned[s] > max(0, session.capacity) {
            let over = pinned[s] - max(0, session.capacity)
            let relax = "raise the capacity of session \(session.id) from \(session.capacity) to \(pinned[s]) "
                + "or unpin \(over) participant\(over == 1 ? "" : "s")"
            let message = "\(pinned[s]) participants are pinned to session \(session.id), \(over) more than its capacity "
                + "of \(session.capacity); smallest relaxation: \(relax)"
            if !problem.pinsMayExceedCapacity {
                throw AssignError(message: message, code: "pins_exceed_capacity", session: session.id, shortfall: over, relaxation: relax)
            }
            diagnostics.append(Diagnostic(
                file: "assign", severity: .warning, code: "pins_exceed_capacity",
                message: message + " (the pins hold; the session runs over capacity)", value: String(session.id)))
        }
        return diagnostics
    }

    // MARK: Classes

    /// The largest diversity weight (the integer costs stay clear of overflow for sessions of a million).
    static let maximumDiversity = 100_000

    /// Groups the non-pinned participants into classes, numbered in participant-id order (so the numbering
    /// does not depend on the input order). The key is a 64-bit hash of (discipline, cost vector) in an
    /// open-addressing table, verified against the stored vector. The participants are grouped in problem
    /// order, which reads their arrays in memory order, and the classes renumbered afterwards (`numberedByID`).
    func buildClasses() -> Classes {
        let S = model.sessionCount
        let width = S + 1
        let n = model.participants.count
        var classes = Classes()
        classes.classOf = [Int32](repeating: -1, count: n)
        var table = [Int32](repeating: -1, count: 1024)
        var mask = table.count - 1
        var hashes: [UInt64] = []
        var scratch = ScoreScratch(model: model)
        var vector = [Int](repeating: 0, count: width)
        let waitlistCost = model.weights.waitlist

        for i in 0..<n where model.pinOf[i] < 0 {
            // Without a diversity cost the discipline does not matter: one slot, fewer classes.
            let f = model.weights.diversity == 0 ? model.unknownDiscipline : Int(model.disciplineOf[i])
            scratch.load(participant: i)
            let seat = model.seatCost(participant: i)
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(f + 1)
            for s in 0..<S {
                let c = model.isEligible(participant: i, session: s)
                    ? -(scratch.fit(session: s) + model.challenge(participant: i, session: s)
                        + model.stability(participant: i, session: s)) + seat
                    : MinCostFlow.notAllowed
                vector[s] = c
                h = (h ^ UInt64(bitPattern: Int64(c))) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
            }
            vector[S] = waitlistCost
            var slot = Int(truncatingIfNeeded: h) & mask
            var found: Int32 = -1
            while table[slot] >= 0 {
                let c = Int(table[slot])
                if hashes[c] == h && classes.discipline[c] == Int32(f) {
                    var same = true
                    let base = c * width
                    for s in 0..<S where classes.cost[base + s] != vector[s] {
                        same = false
                        break
                    }
                    if same {
                        found = Int32(c)
                        break
                    }
                }
                slot = (slot + 1) & mask
            }
            if found < 0 {
                found = Int32(classes.size.count)
                table[slot] = found
                hashes.append(h)
                classes.discipline.append(Int32(f))
                classes.cost.append(contentsOf: vector)
                classes.size.append(0)
                if classes.size.count * 2 > table.count {
                    table = [Int32](repeating: -1, count: table.count * 2)
                    mask = table.count - 1
                    for (c, hc) in hashes.enumerated() {
                        var sl = Int(truncatingIfNeeded: hc) & mask
                        while table[sl] >= 0 { sl = (sl + 1) & mask }
                        table[sl] = Int32(c)
                    }
                }
            }
            classes.size[Int(found)] += 1
            classes.classOf[i] = found
        }
        return Solver.numberedByID(classes, order: model.order, width: width)
    }

    /// The classes renumbered in the order of their first member in `order` (problem indices by participant id).
    static func numberedByID(_ grouped: Classes, order: [Int], width: Int) -> Classes {
        let K = grouped.count
        var number = [Int32](repeating: -1, count: K)
        var next: Int32 = 0
        for i in order where next < Int32(K) {
            let c = Int(grouped.classOf[i])
            if c >= 0 && number[c] < 0 {
                number[c] = next
                next += 1
            }
        }
        var classes = Classes()
        classes.discipline = [Int32](repeating: 0, count: K)
        classes.size = [Int](repeating: 0, count: K)
        classes.cost = [Int](repeating: 0, count: K * width)
        for c in 0..<K {
            let k = Int(number[c])
            classes.discipline[k] = grouped.discipline[c]
            classes.size[k] = grouped.size[c]
            for b in 0..<width { classes.cost[k * width + b] = grouped.cost[c * width + b] }
        }
        classes.classOf = grouped.classOf.map { $0 < 0 ? -1 : number[Int($0)] }
        return classes
    }

    // MARK: Solve

    /// Solves the problem; `withPlacements: false` leaves the placements empty (only `sessionOf` and the
    /// objective are wanted, as for the board's baselines).
    func solve(withPlacements: Bool = true) throws -> Solution {
        let clock = ContinuousClock()
        var mark = clock.now
        var timings: [(phase: String, seconds: Double)] = []
        func lap(_ phase: String) {
            let now = clock.now
            let d = now - mark
            timings.append((phase, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18))
            mark = now
        }
        let diagnostics = try validate()
        let S = model.sessionCount
        let n = model.participants.count
        let classes = buildClasses()
        lap("classes")

        let (pinnedDiscipline, pinnedFamily) = pinnedCounts()
        var pinned = [Int](repeating: 0, count: S)
        for p in model.pinOf where p >= 0 { pinned[Int(p)] += 1 }
        let capacity = model.effectiveCapacities()
        let seats = (0..<S).map { capacity[$0] - pinned[$0] }
        let minimumSeats = (0..<S).map { min(seats[$0], max(0, model.sessions[$0].minimum - pinned[$0])) }
        let bigM = minimumSeats.contains { $0 > 0 } ? Solver.bigM(model: model, classes: classes, capacity: capacity) : 0

        let tree = MinCostFlow.Tree(
            families: model.familySlots, familyOfDiscipline: model.familyOfDiscipline, diversity: model.diversity)
        var network = MinCostFlow(
            sessions: S, tree: tree, classDiscipline: classes.discipline, classSize: classes.size, cost: classes.cost,
            pinnedDiscipline: pinnedDiscipline, pinnedFamily: pinnedFamily, seats: seats, minimumSeats: minimumSeats,
            bigM: bigM, admissibleSearch: admissibleSearch)
        network.run()
        lap("flow")
        #if DEBUG
            if classes.count <= 400 { network.checkInvariants() }
        #endif

        // Distribute each class's flow to its members by participant id: lowest session index first. The
        // pinned (no class) keep their pin.
        var sessionOf = [Int](repeating: -1, count: n)
        for (i, pin) in model.pinOf.enumerated() where pin >= 0 { sessionOf[i] = Int(pin) }
        var next = [Int](repeating: 0, count: classes.count)  // states already filled, per class
        var used = [Int](repeating: 0, count: classes.count)  // people given the current state
        for i in model.order {
            let c = Int(classes.classOf[i])
            if c < 0 { continue }
            while network.flow[c * (S + 1) + next[c]] == used[c] {
                next[c] += 1
                used[c] = 0
            }
            used[c] += 1
            sessionOf[i] = next[c] < S ? next[c] : -1
        }

        // Minimums.
        var count = [Int](repeating: 0, count: S)
        for s in sessionOf where s >= 0 { count[s] += 1 }
        var shortfalls: [(session: Int, minimum: Int, reached: Int)] = []
        for (s, session) in model.sessions.enumerated() where count[s] < session.minimum {
            shortfalls.append((s, session.minimum, count[s]))
        }
        if !shortfalls.isEmpty { throw minimumError(shortfalls, capacity: capacity, count: count) }

        let objective = -(network.totalCost + bigM * minimumSeats.reduce(0, +)) + pinnedObjective(pinnedDiscipline: pinnedDiscipline)
        assert(n > 5000 || objective == model.objective(sessionOf: sessionOf), "flow cost and recomputed objective differ")
        lap("distribute")
        let placements = withPlacements
            ? PlacementBuilder(model: model, sessionOf: sessionOf, capacity: capacity).placements() : []
        lap("placements")
        return Solution(
            assignment: Assignment(placements: placements, objective: objective, diagnostics: diagnostics),
            sessionOf: sessionOf, classCount: classes.count, augmentations: network.augmentations,
            searches: network.searches, timings: timings,
            network: network)
    }

    /// People fixed by pins per (session, discipline slot) and per (session, family slot of that discipline).
    func pinnedCounts() -> (discipline: [Int], family: [Int]) {
        let (D, F) = (model.disciplineSlots, model.familySlots)
        var discipline = [Int](repeating: 0, count: model.sessionCount * D)
        var family = [Int](repeating: 0, count: model.sessionCount * F)
        for (i, p) in model.pinOf.enumerated() where p >= 0 {
            let d = Int(model.disciplineOf[i])
            discipline[Int(p) * D + d] += 1
            family[Int(p) * F + Int(model.familyOfDiscipline[d])] += 1
        }
        return (discipline, family)
    }

    /// The part of the objective fixed by the pins (their scores and the diversity cost of the pinned people alone).
    func pinnedObjective(pinnedDiscipline: [Int]) -> Int {
        var total = 0
        for (i, p) in model.pinOf.enumerated() where p >= 0 {
            total += model.score(participant: i, session: Int(p)) - model.seatCost(participant: i)
        }
        let D = model.disciplineSlots
        for s in 0..<model.sessionCount {
            total -= model.diversityCost(session: s, perDiscipline: pinnedDiscipline[(s * D)..<(s * D + D)])
        }
        return total
    }

    /// A reward per minimum seat larger than any difference in objective between two placements, so the
    /// flow first fills as many minimum seats as possible, then optimises the objective.
    static func bigM(model: PreparedModel, classes: Classes, capacity: [Int]) -> Int {
        let S = model.sessionCount
        var range = 0
        for c in 0..<classes.count {
            var worst = abs(model.weights.waitlist)
            for s in 0..<S where classes.cost[c * (S + 1) + s] != MinCostFlow.notAllowed {
                worst = max(worst, abs(classes.cost[c * (S + 1) + s]))
            }
            range += 2 * worst * classes.size[c]
        }
        for s in 0..<S {
            let cost = model.diversity[s]
            range += (cost.marginal(.discipline, capacity[s]) + cost.marginal(.family, capacity[s])) * capacity[s]
        }
        return range + 1
    }

    func minimumError(_ shortfalls: [(session: Int, minimum: Int, reached: Int)], capacity: [Int], count: [Int]) -> AssignError {
        var parts: [String] = []
        var relaxations: [String] = []
        for short in shortfalls {
            let session = model.sessions[short.session]
            let eligible = model.participants.indices.filter {
                model.pinOf[$0] == Int32(short.session)
                    || (model.pinOf[$0] < 0 && model.isEligible(participant: $0, session: short.session))
            }.count
            var why: String
            if session.minimum > capacity[short.session] {
                why = "the minimum is above the capacity of \(capacity[short.session])"
            } else if eligible < session.minimum {
                let rules = session.eligibility.map(\.label).joined(separator: ", ")
                why = "only \(eligible) participant\(eligible == 1 ? " is" : "s are") eligible"
                    + (rules.isEmpty ? "" : " (\(rules))")
            } else {
                why = "the other sessions' minimums and pins leave at most \(short.reached)"
            }
            let relax = "lower the minimum of session \(session.id) from \(session.minimum) to \(short.reached)"
            relaxations.append(relax)
            parts.append(
                "session \(session.id) cannot reach its minimum of \(session.minimum): \(why); "
                    + "at most \(short.reached) can be placed, short by \(short.minimum - short.reached); "
                    + "smallest relaxation: \(relax)")
        }
        let first = shortfalls[0]
        return AssignError(
            message: parts.joined(separator: "; "), code: "minimum_unmet", session: model.sessions[first.session].id,
            shortfall: shortfalls.reduce(0) { $0 + $1.minimum - $1.reached },
            relaxation: relaxations.joined(separator: " and "))
    }
}
