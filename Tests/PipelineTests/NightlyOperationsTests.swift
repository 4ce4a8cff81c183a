import Configuration
import Foundation
import Ingest
import Logging
import Publishing
import Rules
import WerksessiesModel
import XCTest

@testable import Pipeline

/// Nights in a row: stability, pins, cancellations, capacity changes, guards, the lock.
final class NightlyOperationsTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("werksessies-nights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func writeCatalog(capacityOne: Int) throws {
        let yaml = """
            event: "Test"
            organisations:
              - {id: ORG1, name: "Ontwerpers", family: design}
              - {id: ORG2, name: "Energiemensen", family: energy}
              - {id: ORG3, name: "Beleid", family: policy}
            sessions:
              - id: 1
                title: "Kunst"
                capacity: \(capacityOne)
                trekkers: [ORG1]
                toelichting: "t"
                steekwoorden: [{id: kunst, label: kunst}, {id: landschap, label: landschap}]
              - id: 2
                title: "Energie"
                capacity: 3
                trekkers: [ORG2]
                toelichting: "t"
                steekwoorden: [{id: energietransitie, label: Energietransitie}, {id: duurzaamheid, label: duurzaamheid}]
              - id: 3
                title: "Pact"
                capacity: 2
                trekkers: [ORG3]
                toelichting: "t"
                eligibility: [{rule: requires_mandate, label: "Mandaat vereist"}]
                steekwoorden: [{id: samenwerking, label: samenwerking}]
            """
        try yaml.write(to: dir.appendingPathComponent("sessions.yml"), atomically: true, encoding: .utf8)
        let root = EndToEndTests.root
        let config = """
            inputs: [{path: in.csv}]
            catalog: sessions.yml
            taxonomy: \(root.appendingPathComponent("Pipelines/taxonomy.yml").path)
            output: out
            state: out/state.sqlite
            status: {confirmed: ["bevestigd"]}
            """
        try config.write(to: dir.appendingPathComponent("nightly.yml"), atomically: true, encoding: .utf8)
    }

    func writeInput(_ rows: [String]) throws {
        let text = (["E-mailadres;Naam;Organisatie;Discipline;Interessegebieden;Mandaat;Toestemming;Tijdstempel;Status"] + rows)
            .joined(separator: "\r\n")
        try text.write(to: dir.appendingPathComponent("in.csv"), atomically: true, encoding: .utf8)
    }

    func run(night: Int, allowShrink: Bool = false) throws -> RunOutcome {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let config = try PipelineConfig.load(path: dir.appendingPathComponent("nightly.yml").path)
        return try NightlyRun(
            config: config,
            options: RunOptions(allowShrink: allowShrink, now: Date(timeIntervalSince1970: 1_600_000_000 + Double(night) * 86_400)),
            logger: logger
        ).run()
    }

    func sessions(_ outcome: RunOutcome) throws -> [String: String] {
        let rows = try CSVReader.read(path: outcome.runFolder + "/assignments.csv")
        let email = rows[0].firstIndex(of: "email")!
        let session = rows[0].firstIndex(of: "session")!
        let status = rows[0].firstIndex(of: "status")!
        return Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[email].lowercased(), $0[status] == "cancelled" ? "x" : $0[session]) })
    }

    func changes(_ outcome: RunOutcome) throws -> [[String]] {
        Array(try CSVReader.read(path: outcome.runFolder + "/changes.csv").dropFirst())
    }

    static let night1 = [
        "a@x.nl;Anna;Org A;architect;kunst;nee;ja;2020-09-01 10:00;",
        "b@x.nl;Bert;Org B;ecoloog;kunst;nee;ja;2020-09-01 10:01;",
        "c@x.nl;Cees;Org C;beleidsadviseur;energietransitie;ja;ja;2020-09-01 10:02;",
        "d@x.nl;Dora;Org D;architect;samenwerking;ja;nee;2020-09-01 10:03;",
        "e@x.nl;Eva;Org E;energieadviseur;duurzaamheid;nee;ja;2020-09-01 10:04;",
    ]

    func testThreeNights() throws {
        try writeCatalog(capacityOne: 3)
        try writeInput(Self.night1)
        let first = try sessions(try run(night: 1))
        XCTAssertEqual(first.count, 5)
        XCTAssertTrue(first.values.allSatisfy { !$0.isEmpty }, "\(first)")

        // Night 2: two newcomers, a cancels, b is confirmed (pinned), session 1 shrinks to 2 seats.
        try writeCatalog(capacityOne: 2)
        try writeInput(
            Self.night1 + [
                "f@x.nl;Fleur;Org F;kunstenaar;kunst;nee;ja;2020-09-02 09:00;",
                "g@x.nl;Gijs;Org G;onderzoeker;energietransitie;nee;ja;2020-09-02 09:05;",
                "A@X.NL ;Anna;Org A;architect;kunst;nee;ja;2020-09-02 12:00;Geannuleerd",
                "b@x.nl;Bert;Org B;ecoloog;kunst;nee;ja;2020-09-02 12:01;bevestigd",
            ])
        let secondOutcome = try run(night: 2)
        let second = try sessions(secondOutcome)
        XCTAssertEqual(second["a@x.nl"], "x")
        XCTAssertEqual(second["b@x.nl"], first["b@x.nl"], "a pinned participant never moves")
        let counts = secondOutcome.manifest.counts
        XCTAssertEqual(counts.rowsRead, 9)
        XCTAssertEqual(counts.duplicatesMerged, 2)
        XCTAssertEqual(counts.registrants, 7)
        XCTAssertEqual(counts.cancelled, 1)
        let changeRows = try changes(secondOutcome)
        let kinds = Dictionary(uniqueKeysWithValues: changeRows.map { ($0[1].lowercased(), $0[2]) })
        XCTAssertEqual(kinds["a@x.nl"], "cancelled")
        XCTAssertEqual(kinds["f@x.nl"], "new")
        XCTAssertEqual(kinds["g@x.nl"], "new")
        for row in changeRows where row[2] == "moved" {
            // Only a move forced by session 1 shrinking is acceptable, and it carries a reason.
            XCTAssertEqual(row[3], "1", "\(row)")
            XCTAssertFalse(row[5].isEmpty)
        }
        for email in ["c@x.nl", "d@x.nl", "e@x.nl"] where first[email] != "1" {
            XCTAssertEqual(second[email], first[email], "\(email) moved without need")
        }

        // Night 3: the same inputs: nothing changes.
        let thirdOutcome = try run(night: 3)
        XCTAssertEqual(try sessions(thirdOutcome), second)
        XCTAssertEqual(try changes(thirdOutcome), [])
    }

    func testShrinkGuardStopsAndAllowShrinkKeepsTheMissing() throws {
        try writeCatalog(capacityOne: 3)
        try writeInput(Self.night1)
        _ = try run(night: 1)
        try writeInput(Array(Self.night1.prefix(2)))
        XCTAssertThrowsError(try run(night: 2)) { error in
            XCTAssertEqual((error as? RulesError)?.isGuard, true)
            XCTAssertTrue("\(error)".contains("--allow-shrink"), "\(error)")
        }
        let outcome = try run(night: 2, allowShrink: true)
        XCTAssertEqual(outcome.manifest.counts.carriedOver, 3)
        XCTAssertEqual(try sessions(outcome).count, 5)
        let kinds = try changes(outcome).map { $0[2] }
        XCTAssertEqual(kinds, ["disappeared", "disappeared", "disappeared"])
        let c = outcome.manifest.counts
        XCTAssertEqual(c.registrants + c.carriedOver, c.cancelled + c.assigned + c.waitlisted)
    }

    func testLockHeldByAnotherRunStopsTheRunAndAStaleLockFileIsTakenOver() throws {
        try writeCatalog(capacityOne: 3)
        try writeInput(Self.night1)
        let output = OutputFolder(path: dir.appendingPathComponent("out").path)
        try output.prepare()
        do {
            let held = try output.lock()
            XCTAssertThrowsError(try run(night: 1)) { error in
                XCTAssertEqual((error as? PublishingError)?.kind, .locked)
                XCTAssertTrue("\(error)".contains("pid \(ProcessInfo.processInfo.processIdentifier)"), "\(error)")
            }
            _ = held
        }
        // A lock file left by a dead run (any pid in it) does not block: only a held flock does.
        try "2147483646\n".write(toFile: output.lockPath, atomically: false, encoding: .utf8)
        _ = try run(night: 1)
        XCTAssertNoThrow(try output.lock(), "the lock is released after the run")
    }
}
