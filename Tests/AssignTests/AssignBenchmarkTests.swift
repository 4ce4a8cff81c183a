import Foundation
import XCTest
import WerksessiesModel
@testable import Assign
import TestSupport

/// Benchmark, not a timed test: runs only with `ASSIGN_BENCH=1` (use `swift test -c release`).
final class AssignBenchmarkTests: XCTestCase {
    func testBenchmark() throws {
        guard let spec = ProcessInfo.processInfo.environment["ASSIGN_BENCH"] else {
            throw XCTSkip("set ASSIGN_BENCH=1 (or a comma-separated list of sizes) to run the benchmark")
        }
        let sizes = spec == "1" ? [10_000, 100_000, 1_000_000] : spec.split(separator: ",").compactMap { Int($0) }
        for n in sizes {
            let problem = Problems.synthetic(participants: n, seed: 42)
            let start = DispatchTime.now().uptimeNanoseconds
            if ProcessInfo.processInfo.environment["ASSIGN_BENCH_PHASES"] != nil {
                func t() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
                let solver = Solver(problem)
                let t1 = t()
                let classes = solver.buildClasses()
                let t2 = t()
                let sessionOf = solver.model.order.map { _ in 0 }
                _ = PlacementBuilder(model: solver.model, sessionOf: sessionOf, capacity: solver.model.effectiveCapacities()).placements()
                let t3 = t()
                print("phases: model \(t1) classes \(t2 - t1) (\(classes.count)) placements \(t3 - t2)")
            }
            let solution = try Solver(problem).solve()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let waitlisted = solution.assignment.placements.filter { $0.session == nil }.count
            print(String(
                format: "assign benchmark: %8d participants  %7.3f s  classes %6d  augmentations %7d  searches %6d  waitlisted %d  objective %d",
                n, seconds, solution.classCount, solution.augmentations, solution.searches, waitlisted, solution.assignment.objective))
            print("  phases: " + solution.timings.map { String(format: "%@ %.3f s", $0.phase, $0.seconds) }.joined(separator: ", "))
            // The second night: everyone has a previous session (stability), 2% cancelled, 5% new.
            var night2 = problem
            night2.participants = zip(problem.participants, solution.assignment.placements).enumerated().compactMap { k, pair in
                var p = pair.0
                p.previousSession = pair.1.session
                return k % 50 == 7 ? nil : p
            }
            let extra = Problems.synthetic(participants: n / 20, seed: 43).participants.map { p in
                var p = p
                p.id += "n"
                return p
            }
            night2.participants += extra
            let start2 = DispatchTime.now().uptimeNanoseconds
            let second = try Solver(night2).solve()
            let seconds2 = Double(DispatchTime.now().uptimeNanoseconds - start2) / 1e9
            let moved = second.assignment.placements.filter { $0.session != nil && $0.reason != .stability }.count
            print(String(
                format: "  second night: %8d participants  %7.3f s  classes %6d  augmentations %7d  not kept/new %d",
                night2.participants.count, seconds2, second.classCount, second.augmentations, moved))
            print("  phases: " + second.timings.map { String(format: "%@ %.3f s", $0.phase, $0.seconds) }.joined(separator: ", "))
        }
    }
}
