import Configuration
import Foundation
import Ingest
import Logging
import WerksessiesModel
import XCTest

@testable import Pipeline

/// Runs the whole pipeline on the committed sample exports and checks the published contract.
final class EndToEndTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("werksessies-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func config() throws -> PipelineConfig {
        try PipelineConfig.load(path: Self.root.appendingPathComponent("Pipelines/nightly.yml").path)
    }

    func run(_ options: RunOptions) throws -> RunOutcome {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try NightlyRun(config: try config(), options: options, logger: logger).run()
    }

    func csv(_ url: URL) throws -> [[String]] {
        try CSVReader.read(path: url.path)
    }

    func testSampleDataRunPublishesEveryContractFile() throws {
        let output = scratch.appendingPathComponent("out").path
        let outcome = try run(RunOptions(output: output, state: scratch.appendingPathComponent("state.sqlite").path,
            exportLP: scratch.appendingPathComponent("model.lp").path, now: Date(timeIntervalSince1970: 1_600_000_000)))
        let latest = URL(fileURLWithPath: output).appendingPathComponent("latest")
        for file in [
            "assignments.csv", "session_metrics.csv", "keyword_coverage.csv", "data_quality.csv", "changes.csv",
            "board.xlsx", "run.json",
        ] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: latest.appendingPathComponent(file).path), file)
        }
        let partners = try FileManager.default.contentsOfDirectory(atPath: latest.appendingPathComponent("partners").path)
        XCTAssertEqual(partners.count, try config().catalogOrganisationCount())
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("model.lp").path))

        // Every input row is accounted for.
        let c = outcome.manifest.counts
        XCTAssertGreaterThan(c.rowsRead, 400)
        XCTAssertEqual(c.rowsRead, c.rejected + c.duplicatesMerged + c.registrants)
        XCTAssertEqual(c.registrants, c.cancelled + c.assigned + c.waitlisted)
        let assignments = try csv(latest.appendingPathComponent("assignments.csv"))
        XCTAssertEqual(assignments.first?.count, 13)
        XCTAssertEqual(assignments.count - 1, c.registrants)
        let statusColumn = assignments[0].firstIndex(of: "status")!
        let statuses = assignments.dropFirst().map { $0[statusColumn] }
        XCTAssertEqual(statuses.filter { $0 == "assigned" }.count, c.assigned)
        XCTAssertEqual(statuses.filter { $0 == "cancelled" }.count, c.cancelled)
        XCTAssertEqual(statuses.filter { $0 == "waitlisted" }.count, c.waitlisted)

        // Session 8 only with a mandate.
        let sessionColumn = assignments[0].firstIndex(of: "session")!
        let mandateColumn = assignments[0].firstIndex(of: "mandate")!
        for row in assignments.dropFirst() where row[sessionColumn] == "8" {
            XCTAssertEqual(row[mandateColumn], "true", "session 8 without mandate: \(row)")
        }
        let metrics = try csv(latest.appendingPathComponent("session_metrics.csv"))
        XCTAssertEqual(metrics.count, 9)
        XCTAssertEqual(Array(metrics[0].prefix(15)), [
            "session", "title", "capacity", "participants", "disciplines", "shannon", "evenness", "gini_simpson",
            "rao_stirling", "max_family_share", "organisations", "keyword_coverage", "mean_matched_keywords",
            "share_with_match", "outside_comfort_zone_share",
        ])
        let coverage = try csv(latest.appendingPathComponent("keyword_coverage.csv"))
        XCTAssertEqual(coverage.count - 1, 7 + 9 + 6 + 6 + 7 + 2 + 6 + 11)
    }

    func testSameInputGivesByteIdenticalCSVs() throws {
        let first = try run(RunOptions(output: scratch.appendingPathComponent("a").path,
            state: scratch.appendingPathComponent("a.sqlite").path, now: Date(timeIntervalSince1970: 1_600_000_000)))
        let second = try run(RunOptions(output: scratch.appendingPathComponent("b").path,
            state: scratch.appendingPathComponent("b.sqlite").path, now: Date(timeIntervalSince1970: 1_600_086_400)))
        for file in ["assignments.csv", "session_metrics.csv", "keyword_coverage.csv", "data_quality.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: first.runFolder).appendingPathComponent(file))
            let b = try Data(contentsOf: URL(fileURLWithPath: second.runFolder).appendingPathComponent(file))
            XCTAssertEqual(a, b, file)
        }
        XCTAssertEqual(first.manifest.objective, second.manifest.objective)
    }

    func testBadInputFileStopsTheRunAndPublishesNothing() throws {
        let output = scratch.appendingPathComponent("out").path
        let state = scratch.appendingPathComponent("state.sqlite").path
        _ = try run(RunOptions(output: output, state: state, now: Date(timeIntervalSince1970: 1_600_000_000)))
        let before = try FileManager.default.destinationOfSymbolicLink(atPath: output + "/latest")
        let bad = scratch.appendingPathComponent("kapot.xlsx")
        try Data("dit is geen spreadsheet".utf8 + [0, 1, 2, 255]).write(to: bad)
        XCTAssertThrowsError(
            try run(RunOptions(inputs: [bad.path], output: output, state: state, allowShrink: true,
                now: Date(timeIntervalSince1970: 1_600_086_400)))
        ) { error in
            XCTAssertTrue(error is IngestError, "\(error)")
            XCTAssertTrue("\(error)".contains("kapot.xlsx"), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: output + "/latest"), before)
        let runs = try FileManager.default.contentsOfDirectory(atPath: output + "/runs")
        XCTAssertEqual(runs.count, 1, "\(runs)")
    }
}

extension EndToEndTests {
    func testHeaderOnlyExportStopsTheRunNamingTheFile() throws {
        let file = scratch.appendingPathComponent("leeg.csv")
        try "E-mailadres;Naam;Discipline\r\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(
            try run(RunOptions(inputs: [file.path], output: scratch.appendingPathComponent("out").path,
                state: scratch.appendingPathComponent("s.sqlite").path))
        ) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .input)
            XCTAssertTrue("\(error)".contains("leeg.csv"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("out/latest").path))
    }
}

extension EndToEndTests {
    /// Issue 8's acceptance: a second night with 10% more registrants moves nobody who was assigned.
    func testSecondNightWithTenPercentMoreRegistrantsMovesNobody() throws {
        let output = scratch.appendingPathComponent("out").path
        let state = scratch.appendingPathComponent("state.sqlite").path
        let main = EndToEndTests.root.appendingPathComponent("SampleData/registraties.xlsx").path
        let late = EndToEndTests.root.appendingPathComponent("SampleData/late-registraties.csv").path
        let first = try run(RunOptions(inputs: [main], output: output, state: state, now: Date(timeIntervalSince1970: 1_600_000_000)))
        let second = try run(RunOptions(inputs: [main, late], output: output, state: state, now: Date(timeIntervalSince1970: 1_600_086_400)))
        XCTAssertGreaterThanOrEqual(second.manifest.counts.registrants * 10, first.manifest.counts.registrants * 11 - 10)
        let changes = try csv(URL(fileURLWithPath: second.runFolder).appendingPathComponent("changes.csv")).dropFirst()
        XCTAssertEqual(changes.filter { $0[2] == "moved" || $0[2] == "waitlisted" }, [])
        XCTAssertGreaterThan(changes.filter { $0[2] == "new" }.count, 30)
    }
}

extension PipelineConfig {
    func catalogOrganisationCount() throws -> Int {
        try CatalogFiles.loadCatalog(path: catalogPath).organisations.count
    }
}
