import Foundation
import XCTest
import WerksessiesModel
@testable import Assign

final class AssignLPTests: XCTestCase {
    func testLPStructure() throws {
        let sessions = [
            Fixtures.session(1, capacity: 2, keywords: ["a"], homes: ["design"]),
            Fixtures.session(8, capacity: 2, minimum: 1, keywords: ["b"], homes: ["policy"], rules: [Fixtures.mandate]),
        ]
        let people = [
            Fixtures.participant(1, family: "design", interests: ["a"], mandate: true),
            Fixtures.participant(2, family: "design", interests: ["b"]),
            Fixtures.participant(3, family: nil, interests: [], pinned: 1),
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

    /// Writes the LP of a medium random instance and, with `ASSIGN_LP_CHECK=1`, solves it with HiGHS
    /// through scripts/check_lp.py (needs `pip install highspy`).
    func testLPOptimumMatchesHiGHS() throws {
        for (n, seed) in [(300, UInt64(1)), (400, UInt64(2)), (250, UInt64(3))] {
            let problem = Fixtures.medium(participants: n, seed: seed)
            let assignment = try Assigner.solve(problem)
            let lp = Assigner.lpModel(problem)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("assign-\(n)-\(seed).lp").path
            try lp.write(toFile: path, atomically: true, encoding: .utf8)
            guard ProcessInfo.processInfo.environment["ASSIGN_LP_CHECK"] != nil else { continue }
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("scripts/check_lp.py").path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            let python = ProcessInfo.processInfo.environment["ASSIGN_LP_PYTHON"] ?? "python3"
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
}
