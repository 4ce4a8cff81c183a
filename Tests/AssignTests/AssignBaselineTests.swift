import XCTest
import WerksessiesModel
@testable import Assign
import TestSupport

final class AssignBaselineTests: XCTestCase {
    /// Every lottery draw keeps the pins, the capacities and the rules, and places everyone it can.
    func testLotteryRespectsCapacitiesRulesAndPins() throws {
        let problem = Problems.medium(participants: 600, seed: 5)
        let baselines = Baselines(model: PreparedModel(problem))
        let model = baselines.model
        for draw in 0..<5 {
            let sessionOf = baselines.lottery(seed: UInt64(draw))
            var count = [Int](repeating: 0, count: model.sessionCount)
            for (i, s) in sessionOf.enumerated() {
                if model.pinOf[i] >= 0 { XCTAssertEqual(s, Int(model.pinOf[i]), "pins hold") }
                guard s >= 0 else {
                    // Waitlisted only when every session open to them is full at the end.
                    for t in 0..<model.sessionCount where model.isEligible(participant: i, session: t) {
                        XCTAssertGreaterThanOrEqual(sessionOf.filter { $0 == t }.count, baselines.capacity[t])
                    }
                    continue
                }
                count[s] += 1
                if model.pinOf[i] < 0 { XCTAssertTrue(model.isEligible(participant: i, session: s), "draw \(draw): rules hold") }
            }
            for s in 0..<model.sessionCount { XCTAssertLessThanOrEqual(count[s], baselines.capacity[s]) }
        }
        XCTAssertNotEqual(baselines.lottery(seed: 1), baselines.lottery(seed: 2), "draws differ")
        XCTAssertEqual(baselines.lottery(seed: 3), baselines.lottery(seed: 3), "a seed gives one draw")
    }

    /// First come first served on a hand-built instance: the first session with a matching interest and room.
    func testFirstComeFirstServed() {
        let sessions = [
            Fixture.session(1, capacity: 2, keywords: ["a"], homes: ["design"]),
            Fixture.session(2, capacity: 2, keywords: ["a", "b"], homes: ["policy"]),
            Fixture.session(3, capacity: 1, keywords: ["c"], homes: ["policy"], rules: [Fixture.mandate]),
        ]
        let people = [
            Fixture.participant(0, family: "design", interests: ["a"]),  // 1 (its other seat is pinned)
            Fixture.participant(1, family: "design", interests: ["a"]),  // 1 full: 2
            Fixture.participant(2, family: "policy", interests: ["c"]),  // 3 needs a mandate: first with room, 2
            Fixture.participant(3, family: "policy", interests: ["c"], mandate: true),  // 3
            Fixture.participant(4, family: "policy", interests: ["b"]),  // everything full: waitlist
            Fixture.participant(5, family: "nature", interests: [], pinned: 1),  // pinned
        ]
        let baselines = Baselines(model: PreparedModel(AssignmentProblem(participants: people, sessions: sessions, weights: Weights())))
        XCTAssertEqual(baselines.firstComeFirstServed(), [0, 1, 1, 2, -1, 0])
        let figures = baselines.figures([0, 1, 1, 2, -1, 0])
        XCTAssertEqual(figures.waitlisted, 1)
        XCTAssertEqual(figures.shareWithMatch, 3.0 / 5.0, accuracy: 1e-12, "0, 1 and 3 match; 2 and 4 do not")
        XCTAssertEqual(figures.outsideComfortZoneShare, 2.0 / 5.0, accuracy: 1e-12, "1 (design in 2) and 5 (nature in 1)")
        // Session 1: design, nature (GS ½); session 2: design, policy (½); session 3: policy alone (0).
        XCTAssertEqual(figures.meanGiniSimpson, 1.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(figures.lowestGiniSimpson, 0)
        XCTAssertEqual(figures.meanRaoStirling, 1.0 / 3.0, accuracy: 1e-12, "one discipline per family: RS = GS")
    }

    /// The comparison is deterministic, its interest-only optimum matches at least as many as anything else,
    /// and the assignment breaks no rule.
    func testComparisonIsDeterministicAndConsistent() throws {
        var problem = Problems.synthetic(participants: 3_000, seed: 8)
        problem.weights = Weights(diversity: 2_000)
        let assignment = try Assigner.solve(problem)
        let first = try Assigner.comparison(problem, assignment: assignment)
        XCTAssertEqual(first, try Assigner.comparison(problem, assignment: assignment))
        XCTAssertEqual(first.ineligibleAssigned, 0)
        XCTAssertEqual(first.lotteryDraws, 20)
        for other in [first.assignment, first.lotteryMean, first.firstComeFirstServed] {
            XCTAssertLessThanOrEqual(other.shareWithMatch, first.interestOnly.shareWithMatch + 1e-12)
        }
        XCTAssertLessThanOrEqual(first.lotteryWorst.meanGiniSimpson, first.lotteryMean.meanGiniSimpson)
        XCTAssertGreaterThanOrEqual(first.lotteryWorst.waitlisted, first.lotteryMean.waitlisted)
        XCTAssertGreaterThan(first.assignment.meanRaoStirling, first.lotteryMean.meanRaoStirling, "diversity is optimised")
        XCTAssertGreaterThan(first.assignment.outsideComfortZoneShare, first.lotteryMean.outsideComfortZoneShare)
    }
}
