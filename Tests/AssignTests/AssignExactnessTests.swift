import XCTest
import WerksessiesModel
@testable import Assign
import TestSupport

final class AssignExactnessTests: XCTestCase {
    /// The solver's optimum equals exhaustive enumeration on many small random instances.
    func testMatchesExhaustiveEnumeration() throws {
        try matchExhaustiveEnumeration(admissibleSearch: false)
    }

    /// The same with the depth-first search over the admissible arcs before each new Dijkstra (large problems' default).
    func testMatchesExhaustiveEnumerationWithAdmissibleSearch() throws {
        try matchExhaustiveEnumeration(admissibleSearch: true)
    }

    func matchExhaustiveEnumeration(admissibleSearch: Bool) throws {
        var rng = SplitMix64(seed: 20_240_611)
        var feasible = 0
        var infeasible = 0
        for instance in 0..<300 {
            let problem = Problems.randomSmall(&rng)
            let brute = BruteForce(problem: problem)
            let expected = brute.optimum()
            do {
                let solution = try Solver(problem, admissibleSearch: admissibleSearch).solve()
                guard let expected else {
                    XCTFail("instance \(instance): solver found \(solution.assignment.objective), enumeration found no feasible placement")
                    continue
                }
                feasible += 1
                XCTAssertEqual(solution.assignment.objective, expected, "instance \(instance)")
                let recomputed = brute.objective(solution.assignment.placements.map(\.session))
                XCTAssertEqual(recomputed, expected, "instance \(instance): placements do not realise the objective")
                // Hard constraints of the returned placement.
                for (p, placement) in zip(problem.participants, solution.assignment.placements) {
                    XCTAssertEqual(p.id, placement.participantID)
                    if let pin = p.pinnedSession { XCTAssertEqual(placement.session, pin, "pins never move") }
                    if let sid = placement.session, p.pinnedSession == nil {
                        XCTAssertTrue(brute.eligible(p, problem.sessions.first { $0.id == sid }!), "instance \(instance): eligibility")
                    }
                }
            } catch let error as AssignError {
                XCTAssertNil(expected, "instance \(instance): solver says infeasible (\(error)), enumeration found \(expected ?? 0)")
                XCTAssertEqual(error.code, "minimum_unmet")
                infeasible += 1
            }
        }
        XCTAssertGreaterThan(feasible, 200)
        XCTAssertGreaterThan(infeasible, 0)
    }

    /// The final flow is optimal in the full network (no negative cycle), conserves flow and respects capacities.
    func testFlowInvariantsOnRandomInstances() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<50 {
            var problem = Problems.randomSmall(&rng)
            problem.sessions = problem.sessions.map { var s = $0; s.minimum = 0; return s }
            for admissibleSearch in [false, true] {
                let solver = Solver(problem, admissibleSearch: admissibleSearch)
                let classes = solver.buildClasses()
                _ = classes
                _ = try solver.solve()  // runs checkInvariants() in debug builds
            }
        }
    }
}

// The invariant check exists in debug builds only (as swift-collections' Heap+Invariants).
#if DEBUG
final class AssignInvariantTests: XCTestCase {
    /// `invariantViolations()` is empty for solved networks and catches a broken flow.
    func testInvariantCheckDetectsViolations() throws {
        var rng = SplitMix64(seed: 31)
        var checked = 0
        for _ in 0..<40 {
            let problem = Problems.randomSmall(&rng)
            guard let solution = try? Solver(problem).solve() else { continue }
            XCTAssertEqual(solution.network.invariantViolations(), [])
            guard solution.network.K > 0 else { continue }
            var broken = solution.network
            broken.flow[0] += 1
            XCTAssertFalse(broken.invariantViolations().isEmpty, "an extra unit breaks conservation")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 10)
    }

    /// Moving a person to a worse session keeps the flow feasible but leaves a negative cycle.
    func testInvariantCheckDetectsSuboptimalFlow() throws {
        let sessions = [
            Fixture.session(1, capacity: 2, keywords: ["a"], homes: ["design"]),
            Fixture.session(2, capacity: 2, keywords: ["b"], homes: ["design"]),
        ]
        let people = [Fixture.participant(0, family: "design", interests: ["a"])]
        let solution = try Solver(AssignmentProblem(participants: people, sessions: sessions, weights: Weights())).solve()
        XCTAssertEqual(solution.sessionOf, [0])
        var network = solution.network
        let (D, F) = (network.D, network.F)
        let d = Int(network.discipline[0])
        let f = Int(network.familyOfDiscipline[d])
        network.flow[0] -= 1
        network.flow[1] += 1
        network.addedDiscipline[0 * D + d] -= 1
        network.addedDiscipline[1 * D + d] += 1
        network.addedFamily[0 * F + f] -= 1
        network.addedFamily[1 * F + f] += 1
        network.sessionFlow[0] -= 1
        network.sessionFlow[1] += 1
        XCTAssertEqual(network.invariantViolations(), ["negative-cost cycle in the residual graph: the flow is not optimal"])
    }
}
#endif
