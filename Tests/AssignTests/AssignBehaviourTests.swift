import XCTest
import WerksessiesModel
@testable import Assign
import TestSupport

final class AssignBehaviourTests: XCTestCase {
    private let weights = Weights()

    // MARK: Degenerate cases

    func testZeroParticipants() throws {
        let problem = AssignmentProblem(
            participants: [], sessions: [Fixture.session(1, capacity: 10, keywords: ["a"], homes: ["design"])], weights: weights)
        let assignment = try Assigner.solve(problem)
        XCTAssertTrue(assignment.placements.isEmpty)
        XCTAssertEqual(assignment.objective, 0)
    }

    func testZeroSessions() throws {
        let people = (0..<3).map { Fixture.participant($0, family: "design", interests: ["a"]) }
        let assignment = try Assigner.solve(AssignmentProblem(participants: people, sessions: [], weights: weights))
        XCTAssertEqual(assignment.placements.map(\.session), [nil, nil, nil])
        XCTAssertEqual(assignment.objective, -3 * weights.waitlist)
        XCTAssertTrue(assignment.placements.allSatisfy { $0.reason == .waitlisted })
    }

    func testMoreParticipantsThanSeats() throws {
        let sessions = [
            Fixture.session(1, capacity: 3, keywords: ["a"], homes: ["design"]),
            Fixture.session(2, capacity: 2, keywords: ["b"], homes: ["policy"]),
        ]
        let people = (0..<12).map { Fixture.participant($0, family: $0 % 2 == 0 ? "design" : "nature", interests: ["a"]) }
        let assignment = try Assigner.solve(AssignmentProblem(participants: people, sessions: sessions, weights: weights))
        XCTAssertEqual(assignment.placements.filter { $0.session == 1 }.count, 3)
        XCTAssertEqual(assignment.placements.filter { $0.session == 2 }.count, 2)
        XCTAssertEqual(assignment.placements.filter { $0.session == nil }.count, 7)
        let waitlisted = assignment.placements.first { $0.session == nil }!
        XCTAssertEqual(waitlisted.reason, .waitlisted)
        XCTAssertTrue(waitlisted.explanation.hasPrefix("Wachtlijst"), waitlisted.explanation)
        XCTAssertEqual(assignment.objective, BruteForce(problem: AssignmentProblem(participants: people, sessions: sessions, weights: weights))
            .objective(assignment.placements.map(\.session)))
    }

    func testNobodyEligibleForASession() throws {
        let sessions = [
            Fixture.session(1, capacity: 5, keywords: ["a"], homes: ["design"]),
            Fixture.session(8, capacity: 5, keywords: ["b"], homes: ["policy"], rules: [Fixture.mandate]),
        ]
        let people = (0..<4).map { Fixture.participant($0, family: "nature", interests: ["b"]) }
        let assignment = try Assigner.solve(AssignmentProblem(participants: people, sessions: sessions, weights: weights))
        XCTAssertTrue(assignment.placements.allSatisfy { $0.session == 1 })
        for placement in assignment.placements {
            XCTAssertEqual(placement.reason, .eligibility)
            XCTAssertEqual(placement.rank, 1, "session 8 is not eligible, so session 1 is the best eligible one")
            XCTAssertTrue(placement.explanation.contains("Sessie 8 (hogere score) staat niet open: Mandaat vereist"), placement.explanation)
        }
    }

    func testEveryonePinned() throws {
        let sessions = [
            Fixture.session(1, capacity: 2, keywords: ["a"], homes: ["design"]),
            Fixture.session(2, capacity: 2, keywords: ["b"], homes: ["policy"]),
        ]
        let people = (0..<4).map { Fixture.participant($0, family: "design", interests: ["b"], pinned: 1 + $0 % 2) }
        let problem = AssignmentProblem(participants: people, sessions: sessions, weights: weights)
        let assignment = try Assigner.solve(problem)
        XCTAssertEqual(assignment.placements.map(\.session), [1, 2, 1, 2])
        XCTAssertTrue(assignment.placements.allSatisfy { $0.reason == .pinned })
        XCTAssertEqual(assignment.objective, BruteForce(problem: problem).optimum())
    }

    func testZeroCapacity() throws {
        let sessions = [
            Fixture.session(1, capacity: 0, keywords: ["a"], homes: ["design"]),
            Fixture.session(2, capacity: 1, keywords: ["b"], homes: ["policy"]),
        ]
        let people = (0..<2).map { Fixture.participant($0, family: "design", interests: ["a"]) }
        let assignment = try Assigner.solve(AssignmentProblem(participants: people, sessions: sessions, weights: weights))
        XCTAssertEqual(assignment.placements.map(\.session), [2, nil])
        XCTAssertEqual(assignment.placements[0].reason, .capacity)
        XCTAssertTrue(assignment.placements[0].explanation.hasPrefix("Sessie 1 (hogere score) was vol"), assignment.placements[0].explanation)
    }

    func testPinsOverCapacityHoldWithDiagnostic() throws {
        let sessions = [Fixture.session(3, capacity: 1, keywords: ["a"], homes: ["design"])]
        let people = (0..<3).map { Fixture.participant($0, family: "design", interests: ["a"], pinned: 3) }
            + [Fixture.participant(9, family: "design", interests: ["a"])]
        var problem = AssignmentProblem(participants: people, sessions: sessions, weights: weights)
        let assignment = try Assigner.solve(problem)
        XCTAssertEqual(assignment.placements.map(\.session), [3, 3, 3, nil])
        let diagnostic = try XCTUnwrap(assignment.diagnostics.first { $0.code == "pins_exceed_capacity" })
        XCTAssertTrue(diagnostic.message.contains("raise the capacity of session 3 from 1 to 3 or unpin 2 participants"), diagnostic.message)

        problem.pinsMayExceedCapacity = false
        XCTAssertThrowsError(try Assigner.solve(problem)) { error in
            let e = error as! AssignError
            XCTAssertEqual(e.code, "pins_exceed_capacity")
            XCTAssertEqual(e.session, 3)
            XCTAssertEqual(e.shortfall, 2)
        }
    }

    // MARK: Infeasibility

    func testMinimumWithTooFewMandatedParticipants() throws {
        let sessions = [
            Fixture.session(1, capacity: 40, keywords: ["a"], homes: ["design"]),
            Fixture.session(8, capacity: 30, minimum: 20, keywords: ["b"], homes: ["policy"], rules: [Fixture.mandate]),
        ]
        let people = (0..<30).map { Fixture.participant($0, family: "design", interests: ["b"], mandate: $0 < 12) }
        XCTAssertThrowsError(try Assigner.solve(AssignmentProblem(participants: people, sessions: sessions, weights: weights))) { error in
            let e = error as! AssignError
            XCTAssertEqual(e.code, "minimum_unmet")
            XCTAssertEqual(e.session, 8)
            XCTAssertEqual(e.shortfall, 8)
            XCTAssertEqual(e.relaxation, "lower the minimum of session 8 from 20 to 12")
            XCTAssertTrue(e.message.contains("only 12 participants are eligible (Mandaat vereist)"), e.message)
            XCTAssertTrue(e.message.contains("short by 8"), e.message)
        }
    }

    func testMinimumAboveCapacity() throws {
        let sessions = [Fixture.session(2, capacity: 5, minimum: 7, keywords: ["a"], homes: ["design"])]
        let people = (0..<10).map { Fixture.participant($0, family: "design", interests: ["a"]) }
        XCTAssertThrowsError(try Assigner.solve(AssignmentProblem(participants: people, sessions: sessions, weights: weights))) { error in
            let e = error as! AssignError
            XCTAssertTrue(e.message.contains("the minimum is above the capacity of 5"), e.message)
            XCTAssertEqual(e.relaxation, "lower the minimum of session 2 from 7 to 5")
        }
    }

    func testMinimumIsMetWhenPossible() throws {
        // Everyone prefers session 1, but session 8 needs 3 mandated people.
        let sessions = [
            Fixture.session(1, capacity: 10, keywords: ["a"], homes: ["policy"]),
            Fixture.session(8, capacity: 10, minimum: 3, keywords: ["z"], homes: ["policy"], rules: [Fixture.mandate]),
        ]
        let people = (0..<6).map { Fixture.participant($0, family: "design", interests: ["a"], mandate: $0 % 2 == 0) }
        let problem = AssignmentProblem(participants: people, sessions: sessions, weights: weights)
        let assignment = try Assigner.solve(problem)
        XCTAssertEqual(assignment.placements.filter { $0.session == 8 }.count, 3)
        XCTAssertEqual(assignment.objective, BruteForce(problem: problem).optimum())
    }

    func testNegativeDiversityWeightIsRejected() {
        var w = weights
        w.diversity = -5
        XCTAssertThrowsError(try Assigner.solve(AssignmentProblem(participants: [], sessions: [], weights: w))) { error in
            XCTAssertEqual((error as! AssignError).code, "invalid_weights")
        }
    }

    // MARK: Determinism

    func testDeterministicAndIndependentOfInputOrder() throws {
        var problem = Problems.medium(participants: 2_000, seed: 11)
        let first = try Assigner.solve(problem)
        let second = try Assigner.solve(problem)
        XCTAssertEqual(first.placements, second.placements)
        XCTAssertEqual(first.objective, second.objective)

        var rng = SplitMix64(seed: 99)
        problem.participants.shuffle(using: &rng)
        problem.sessions.shuffle(using: &rng)
        let shuffled = try Assigner.solve(problem)
        XCTAssertEqual(shuffled.objective, first.objective)
        XCTAssertEqual(shuffled.placementsByID(), first.placementsByID())
        XCTAssertEqual(shuffled.placements.map(\.participantID), problem.participants.map(\.id), "placements in participant order")
    }

    /// With the search over the admissible arcs (large problems' default) the placements are as deterministic
    /// and as independent of the input order, and the optimum the same.
    func testAdmissibleSearchIsDeterministicAndIndependentOfInputOrder() throws {
        var problem = Problems.medium(participants: 2_000, seed: 11)
        let first = try Solver(problem, admissibleSearch: true).solve()
        let second = try Solver(problem, admissibleSearch: true).solve()
        XCTAssertEqual(first.assignment.placements, second.assignment.placements)
        XCTAssertEqual(first.assignment.objective, try Solver(problem, admissibleSearch: false).solve().assignment.objective)
        XCTAssertLessThanOrEqual(first.searches, try Solver(problem, admissibleSearch: false).solve().searches)

        var rng = SplitMix64(seed: 99)
        problem.participants.shuffle(using: &rng)
        problem.sessions.shuffle(using: &rng)
        let shuffled = try Solver(problem, admissibleSearch: true).solve().assignment
        XCTAssertEqual(shuffled.objective, first.assignment.objective)
        XCTAssertEqual(shuffled.placementsByID(), first.assignment.placementsByID())
    }

    // MARK: Model details

    func testInterestFitIsConcaveAndSharedKeywordsCountLess() throws {
        // "a" is in one session (weight 100), "s" in two (weight 50); decay 50%.
        let sessions = [
            Fixture.session(1, capacity: 5, keywords: ["a", "b", "c", "s"], homes: ["design"]),
            Fixture.session(2, capacity: 5, keywords: ["s"], homes: ["design"]),
        ]
        let p = Fixture.participant(0, family: "design", interests: ["a", "b", "c", "s"])
        let model = PreparedModel(AssignmentProblem(participants: [p], sessions: sessions, weights: weights))
        XCTAssertEqual(model.fit(participant: 0, session: 0), 100 + 50 + 25 + 6)  // 50 * 0.125 = 6.25
        XCTAssertEqual(model.fit(participant: 0, session: 1), 50)
        XCTAssertEqual(model.challenge(participant: 0, session: 0), 0, "design is a home family of both")
    }

    func testDiversityCostSpreadsADiscipline() throws {
        // Two sessions of 10; 10 designers who all prefer session 1 (fit 100 more). With diversity 200 and
        // d = ½ the k-th designer in a session costs 10·(2k − 1) at the discipline and again at the family
        // level, so n in session 1 give 100·n − 20·n² − 20·(10 − n)²: best at n = 6.
        let sessions = [
            Fixture.session(1, capacity: 10, keywords: ["a"], homes: ["policy"]),
            Fixture.session(2, capacity: 10, keywords: ["b"], homes: ["policy"]),
        ]
        let people = (0..<10).map { Fixture.participant($0, family: "design", interests: ["a"]) }
        let w = Weights(challenge: 40, diversity: 200)
        let problem = AssignmentProblem(participants: people, sessions: sessions, weights: w)
        let assignment = try Assigner.solve(problem)
        let inTwo = assignment.placements.filter { $0.session == 2 }
        XCTAssertEqual(inTwo.count, 4)
        XCTAssertTrue(inTwo.allSatisfy { $0.reason == .diversity }, "\(inTwo.map(\.reason))")
        XCTAssertEqual(assignment.objective, 10 * 40 + 6 * 100 - 20 * 36 - 20 * 16)
        XCTAssertEqual(assignment.objective, BruteForce(problem: problem).optimum())
    }

    func testDiversityCostIsTheQuadraticOfRaoStirling() {
        // diversity 300, d = ½, capacity 20 (the mean too): the k-th person costs round(7.5·(2k − 1)) at each level.
        let cost = DiversityCost(weight: 300, distance: DisciplineDistance(sameFamily: 0.5), capacity: 20, meanCapacity: 20)
        XCTAssertEqual((1...5).map { cost.marginal(.discipline, $0) }, [8, 23, 38, 53, 68])
        XCTAssertEqual(cost.total(.discipline, count: 5), 8 + 23 + 38 + 53 + 68)
        XCTAssertEqual(cost.total(.family, count: 0), 0)
        // A full session of 20: 10 of one discipline, 10 of another in the same family.
        let total = 2 * cost.total(.discipline, count: 10) + cost.total(.family, count: 20)
        let rs = DisciplineDistance(sameFamily: 0.5).raoStirling(disciplineCounts: [10, 10], familyCounts: [20])
        XCTAssertEqual(Double(total), 300 * 20 * (1 - rs), accuracy: 20, "C · (1 − RS) up to rounding")
        for c in 0..<200 {
            let last = cost.lastAtOrBelow(.family, c)
            XCTAssertLessThanOrEqual(cost.marginal(.family, max(1, last)), max(c, cost.marginal(.family, 1)))
            XCTAssertGreaterThan(cost.marginal(.family, last + 1), c)
        }
        let free = DiversityCost(weight: 0, distance: DisciplineDistance(), capacity: 5, meanCapacity: 7)
        // Half the mean capacity: a person costs twice as much per share, so every session's RS counts the same.
        let small = DiversityCost(weight: 300, distance: DisciplineDistance(sameFamily: 0.5), capacity: 10, meanCapacity: 20)
        XCTAssertEqual((1...3).map { small.marginal(.family, $0) }, [30, 90, 150])
        XCTAssertEqual(free.marginal(.family, 100), 0)
        XCTAssertEqual(free.lastAtOrBelow(.family, 0), MinCostFlow.infinity)
    }

    func testDiversityWeighedForTheEventSize() {
        // M = C̄ up to 50 seats, C̄ · √(C̄ / 50) above: 200 seats weigh twice 200.
        XCTAssertEqual([1, 50, 51, 200, 5_000, 1_000_000].map(DiversityCost.weighedMean), [1, 50, 52, 400, 50_000, 141_421_356])
        // diversity 300, d = ½, sessions of 200 (M = 400, the unit Q = 2): the k-th person costs
        // 2 · round(300 · 500 · 400 · (2k − 1) / (1000 · 200² · 2)) = 2 · round(0.75 · (2k − 1)).
        let cost = DiversityCost(weight: 300, distance: DisciplineDistance(sameFamily: 0.5), capacity: 200, meanCapacity: 200)
        XCTAssertEqual(cost.quantum, 2)
        XCTAssertEqual((1...4).map { cost.marginal(.discipline, $0) }, [2, 4, 8, 10])
        XCTAssertEqual(cost.lastAtOrBelow(.discipline, 7), 2)
        XCTAssertEqual(cost.lastAtOrBelow(.discipline, 8), 3)
        // The largest numbers the config allows: a million seats, the largest diversity weight (128-bit products).
        let huge = DiversityCost(
            weight: Limits.maxDiversity, distance: DisciplineDistance(sameFamily: 0.5), capacity: Limits.maxCapacity,
            meanCapacity: Limits.maxCapacity)
        let a = Double(Limits.maxDiversity) * 500 * 141_421_356
        XCTAssertEqual(huge.quantum, 141)
        let q = 1000 * Double(Limits.maxCapacity) * Double(Limits.maxCapacity) * 141
        for k in [1, 1_000, 500_000, Limits.maxCapacity] {
            XCTAssertEqual(Double(huge.marginal(.family, k)), 141 * (a * Double(2 * k - 1) / q).rounded(), accuracy: 141)
            let c = huge.marginal(.family, k)
            let last = huge.lastAtOrBelow(.family, c)
            XCTAssertLessThanOrEqual(huge.marginal(.family, last), c)
            XCTAssertGreaterThan(huge.marginal(.family, last + 1), c)
        }
        XCTAssertEqual(huge.lastAtOrBelow(.family, MinCostFlow.infinity), MinCostFlow.infinity)
    }

    func testStabilityAndRank() throws {
        let sessions = [
            Fixture.session(1, capacity: 5, keywords: ["a"], homes: ["policy"]),
            Fixture.session(2, capacity: 5, keywords: ["b"], homes: ["policy"]),
        ]
        let people = [Fixture.participant(0, family: "design", interests: ["a"], previous: 2)]
        let assignment = try Assigner.solve(AssignmentProblem(participants: people, sessions: sessions, weights: weights))
        let placement = assignment.placements[0]
        XCTAssertEqual(placement.session, 2, "stability (default 1000) beats 100 fit")
        XCTAssertEqual(placement.reason, .stability)
        XCTAssertEqual(placement.rank, 1)
        XCTAssertEqual(placement.score, weights.challenge + weights.stability)
        XCTAssertTrue(placement.outsideComfortZone)
        XCTAssertTrue(placement.explanation.hasPrefix("Zelfde sessie als bij de vorige indeling"), placement.explanation)
    }

    func testBestFitLine() throws {
        let sessions = [
            Session(
                id: 3, title: "Nederland duurzaam mooier", trekkers: [Trekker(id: "NVDE", name: "NVDE", family: "energy")],
                toelichting: "", keywords: [SessionKeyword(id: "energietransitie", label: "energietransitie"), SessionKeyword(id: "draagvlak", label: "draagvlak")],
                capacity: 10)
        ]
        let people = [Fixture.participant(0, family: "design", interests: ["draagvlak", "energietransitie", "x"])]
        let assignment = try Assigner.solve(AssignmentProblem(participants: people, sessions: sessions, weights: weights))
        XCTAssertEqual(assignment.placements[0].matchedKeywords, ["draagvlak", "energietransitie"])
        XCTAssertEqual(assignment.placements[0].reason, .bestFit)
        XCTAssertEqual(assignment.placements[0].explanation, "Ingedeeld op interesse: draagvlak, energietransitie; buiten comfortzone")
    }

    // MARK: Explain

    func testExplain() throws {
        let sessions = [
            Fixture.session(1, capacity: 1, keywords: ["a"], homes: ["design"]),
            Fixture.session(2, capacity: 5, keywords: ["b"], homes: ["policy"]),
            Fixture.session(8, capacity: 5, keywords: ["b"], homes: ["policy"], rules: [Fixture.mandate]),
        ]
        let people = [
            Fixture.participant(0, family: "design", interests: ["a"]),
            Fixture.participant(1, family: "design", interests: ["a"]),
        ]
        // Without a diversity cost, so that only the capacity keeps participant 1 out of session 1.
        let problem = AssignmentProblem(participants: people, sessions: sessions, weights: Weights(diversity: 0))
        let assignment = try Assigner.solve(problem)
        let explanation = try XCTUnwrap(Assigner.explain(participantID: "P000001", problem: problem, assignment: assignment))
        XCTAssertEqual(explanation.session, 2)
        XCTAssertEqual(explanation.reason, .capacity)
        XCTAssertEqual(explanation.sessions.map(\.session), [1, 2, 8])
        XCTAssertEqual(explanation.sessions[0].fit, 100)
        XCTAssertFalse(explanation.sessions[2].eligible)
        XCTAssertEqual(explanation.sessions[2].ineligibleBecause, "Mandaat vereist")
        XCTAssertTrue(explanation.description.contains("not eligible: Mandaat vereist"), explanation.description)
        XCTAssertTrue(explanation.reasonLine.contains("Sessie 1 (hogere score) was vol"), explanation.reasonLine)
        // By e-mail too, case-folded.
        XCTAssertEqual(Assigner.explain(participantID: " P1@Example.org ", problem: problem, assignment: assignment)?.participantID, "P000001")
        XCTAssertNil(Assigner.explain(participantID: "nobody@example.org", problem: problem, assignment: assignment))
    }
}

final class PlacementSplitTests: XCTestCase {
    /// Large problems build their placements in parallel parts: the same placements and lines as one pass.
    func testParallelPlacementsEqualOnePass() throws {
        var rng = SplitMix64(seed: 77)
        let families = ["design", "policy", "nature", "economy"]
        let keywords = (0..<12).map { "k\($0)" }
        let sessions = (1...5).map { s in
            Fixture.session(
                s, capacity: 12_000, keywords: Array(keywords.shuffled(using: &rng).prefix(4)).sorted(),
                homes: [families[s % families.count]], rules: s == 5 ? [Fixture.mandate] : [])
        }
        let people = (0..<45_000).map { i in
            Fixture.participant(
                i, family: Int.random(in: 0..<10, using: &rng) == 0 ? nil : families.randomElement(using: &rng),
                interests: Array(keywords.shuffled(using: &rng).prefix(Int.random(in: 0...4, using: &rng))),
                mandate: Bool.random(using: &rng), previous: Int.random(in: 0..<5, using: &rng) == 0 ? 2 : nil)
        }
        let problem = AssignmentProblem(participants: people, sessions: sessions, weights: Weights())
        let solution = try Solver(problem).solve()
        let model = PreparedModel(problem)
        let sessionOf = solution.sessionOf
        let builder = PlacementBuilder(model: model, sessionOf: sessionOf, capacity: sessions.map(\.capacity))
        let split = builder.placements()
        let whole = builder.placements(parallel: false)
        XCTAssertEqual(split.count, people.count)
        XCTAssertEqual(split, whole)
        XCTAssertGreaterThan(Set(split.map(\.explanation)).count, 5, "the lines differ between participants")
    }
}
