import Foundation
import XCTest
import WerksessiesModel
@testable import Assign
import TestSupport

final class AssignLPTests: XCTestCase {
    func testLPStructure() throws {
        let sessions = [
            Fixture.session(1, capacity: 2, keywords: ["a"], homes: ["design"]),
            Fixture.session(8, capacity: 2, minimum: 1, keywords: ["b"], homes: ["policy"], rules: [Fixture.mandate]),
        ]
        let people = [
            Fixture.participant(1, family: "design", interests: ["a"], mandate: true),
            Fixture.participant(2, family: "design", interests: ["b"]),
            Fixture.participant(3, family: nil, interests: [], pinned: 1),
        ]
        let lp = Assigner.lpModel(AssignmentProblem(participants: people, sessions: sessions, weights: Weights()))
        XCTAssertTrue(lp.contains("Maximize"))
        XCTAssertTrue(lp.contains("Subject To"))
        XCTAssertTrue(lp.contains(" one_0:"))
        XCTAssertTrue(lp.contains("x_0_8"), "participant 0 has a mandate")
        XCTAssertFalse(lp.contains("x_1_8"), "participant 1 has no mandate: no variable for session 8")
        XCTAssertTrue(lp.contains(" min_8:"))
        XCTAssertTrue(lp.contains(" pin_2: 1 x_2_1 = 1"))
        XCTAssertFalse(lp.contains("w_2"), "pinned participants have no waitlist variable")
        XCTAssertTrue(lp.contains("Binaries"))
        XCTAssertTrue(lp.hasSuffix("End\n"))
        for line in lp.split(separator: "\n") { XCTAssertLessThan(line.utf8.count, 255) }
    }

    /// Solves the LP of medium random instances with HiGHS through scripts/check_lp.py and compares the
    /// optimum with the solver's. Skips when HiGHS is not installed (`pip install highspy`, a dev tool) or
    /// with `ASSIGN_LP_CHECK=0`.
    func testLPOptimumMatchesHiGHS() throws {
        let environment = ProcessInfo.processInfo.environment
        let python = environment["ASSIGN_LP_PYTHON"] ?? "python3"
        guard environment["ASSIGN_LP_CHECK"] != "0", Self.hasHiGHS(python: python) else {
            throw XCTSkip("HiGHS is not installed (pip install highspy) or ASSIGN_LP_CHECK=0")
        }
        // ASSIGN_LP_CHECK=N (N > 1) checks N more instances with varied weights.
        let extra = Int(environment["ASSIGN_LP_CHECK"] ?? "") ?? 0
        var cases: [(Int, UInt64)] = [(300, 1), (400, 2), (250, 3)]
        for k in 0..<(extra > 1 ? extra : 0) {
            let size: Int = 100 + (37 * k) % 400
            cases.append((size, UInt64(100 + k)))
        }
        for (n, seed) in cases {
            var problem = Problems.medium(participants: n, seed: seed)
            if seed >= 100 {
                var rng = SplitMix64(seed: seed)
                problem.weights = Weights(
                    interest: Int.random(in: 50...150, using: &rng), interestDecayPercent: Int.random(in: 0...100, using: &rng),
                    challenge: Int.random(in: 0...80, using: &rng), diversity: Int.random(in: 0...600, using: &rng),
                    distance: DisciplineDistance(sameFamily: [0.5, 0.3, 0.9].randomElement(using: &rng)!),
                    stability: Int.random(in: 0...200, using: &rng), waitlist: Int.random(in: 100...2_000, using: &rng))
            }
            let assignment = try Assigner.solve(problem)
            for admissibleSearch in [false, true] {
                let other = try Solver(problem, admissibleSearch: admissibleSearch).solve().assignment
                XCTAssertEqual(other.objective, assignment.objective, "\(n) participants, seed \(seed), admissible search \(admissibleSearch)")
            }
            let lp = Assigner.lpModel(problem)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("assign-\(n)-\(seed).lp").path
            try lp.write(toFile: path, atomically: true, encoding: .utf8)
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("scripts/check_lp.py").path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python, script, path, String(assignment.objective)]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            process.waitUntilExit()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            print(output, terminator: "")
            XCTAssertEqual(process.terminationStatus, 0, "HiGHS disagrees on \(path): \(output)")
        }
    }

    /// True when `python` can import highspy.
    static func hasHiGHS(python: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", "import highspy"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
