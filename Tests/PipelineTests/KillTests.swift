import Configuration
import Foundation
import TestSupport
import WerksessiesModel
import XCTest

@testable import Pipeline
@testable import State

/// Interrupts real runs of the command-line program with SIGKILL at seeded random moments and checks that
/// `latest` always points at a complete run, the database stays consistent and the next run succeeds.
final class KillTests: XCTestCase {
    static var binary: URL {
        Bundle.main.bundleURL.appendingPathComponent("werksessies")
    }

    func launch(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = EndToEndTests.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func assertComplete(latest: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        for name in ["assignments.csv", "session_metrics.csv", "keyword_coverage.csv", "data_quality.csv", "changes.csv",
            "board.xlsx", "run.json"]
        {
            XCTAssertTrue(FileManager.default.fileExists(atPath: latest.appendingPathComponent(name).path), name, file: file, line: line)
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: latest.appendingPathComponent("run.json")))
        XCTAssertNotNil((manifest as? [String: Any])?["counts"], file: file, line: line)
    }

    func testKilledRunsNeverBreakLatestOrTheDatabase() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw XCTSkip("the werksessies binary is not built next to the tests")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("werksessies-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("out")
        let state = scratch.appendingPathComponent("state.sqlite")
        let arguments = ["run", "Pipelines/nightly.yml", "--output", output.path, "--state", state.path]
        let first = try launch(arguments)
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)
        let latest = output.appendingPathComponent("latest")
        try assertComplete(latest: latest)

        var rng = SplitMix64(seed: 42)
        for _ in 0..<6 {
            let process = try launch(arguments)
            usleep(UInt32.random(in: 50_000...2_000_000, using: &rng))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try assertComplete(latest: latest)
            let store = try StateStore(path: state.path)
            XCTAssertEqual(try store.integrityCheck(), "ok")
            let snapshot = try store.snapshot()
            if let run = snapshot.previousRunID {
                // The database only ever knows runs that were published completely.
                XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("runs/\(run)/run.json").path), run)
            }
        }
        // The next run succeeds (taking over a stale lock if a killed run left one).
        let last = try launch(arguments)
        last.waitUntilExit()
        XCTAssertEqual(last.terminationStatus, 0)
        try assertComplete(latest: latest)
        let staging = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("runs").path)
            .filter { $0.hasPrefix(".staging") }
        XCTAssertEqual(staging, [], "stale staging folders are cleaned up")
    }
}
