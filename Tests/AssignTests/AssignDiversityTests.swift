import XCTest
import WerksessiesModel
@testable import Assign
import TestSupport

final class AssignDiversityTests: XCTestCase {
    /// Full sessions of equal capacity C and weights that are multiples of 2C (so no rounding): the cost is
    /// then `diversity · C · Σ_s (1 − RS_s)`, and for two optima x (weight w) and x' (weight w' > w)
    /// `(w' − w)(cost(x) − cost(x')) ≥ 0` — raising the weight never lowers the optimum's mean Rao-Stirling.
    func testRaisingTheDiversityWeightNeverLowersMeanRaoStirling() throws {
        var rng = SplitMix64(seed: 17)
        let distance = DisciplineDistance(sameFamily: 0.5)
        for instance in 0..<12 {
            let problem = Self.fullSessions(&rng)
            for admissibleSearch in [false, true] {
                var previous = -1.0
                for weight in [0, 20, 40, 80, 160, 320, 640, 1280] {
                    var p = problem
                    p.weights.diversity = weight
                    let assignment = try Solver(p, admissibleSearch: admissibleSearch).solve().assignment
                    let rs = Self.meanRaoStirling(p, assignment, distance: distance)
                    XCTAssertGreaterThanOrEqual(rs, previous - 1e-12, "instance \(instance), weight \(weight), admissible search \(admissibleSearch)")
                    previous = rs
                }
            }
        }
    }

    /// Four sessions of 10 seats for 40–60 people of 6 disciplines in 3 families, everyone eligible.
    static func fullSessions(_ rng: inout SplitMix64) -> AssignmentProblem {
        let keywords = (0..<10).map { "k\($0)" }
        let sessions = (1...4).map { s in
            Fixture.session(
                s, capacity: 10, keywords: (0..<3).map { _ in keywords.randomElement(using: &rng)! },
                homes: [["design", "policy", "nature"].randomElement(using: &rng)!])
        }
        let people = (0..<Int.random(in: 40...60, using: &rng)).map { i in
            let family = ["design", "design", "design", "policy", "nature"].randomElement(using: &rng)!
            return Problems.participant(
                i, family: family, discipline: "\(family)-\(Int.random(in: 0..<2, using: &rng))",
                interests: (0..<Int.random(in: 1...3, using: &rng)).map { _ in keywords.randomElement(using: &rng)! })
        }
        return AssignmentProblem(participants: people, sessions: sessions, weights: Weights(stability: 0, waitlist: 10_000))
    }

    static func meanRaoStirling(_ problem: AssignmentProblem, _ assignment: Assignment, distance: DisciplineDistance) -> Double {
        let familyOf = Dictionary(problem.participants.map { ($0.id, ($0.discipline!, $0.family!)) }, uniquingKeysWith: { a, _ in a })
        var total = 0.0
        for session in problem.sessions {
            var disciplines: [String: Int] = [:]
            var families: [String: Int] = [:]
            for placement in assignment.placements where placement.session == session.id {
                let (d, f) = familyOf[placement.participantID]!
                disciplines[d, default: 0] += 1
                families[f, default: 0] += 1
            }
            XCTAssertEqual(disciplines.values.reduce(0, +), session.capacity, "sessions are full")
            total += distance.raoStirling(disciplineCounts: Array(disciplines.values), familyCounts: Array(families.values))
        }
        return total / Double(problem.sessions.count)
    }
}
