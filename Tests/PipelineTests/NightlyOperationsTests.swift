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
    var nights: Nights!

    override func setUpWithError() throws {
        nights = try Nights()
    }

    override func tearDownWithError() throws {
        nights.remove()
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

    func testThreeNights() throws {
        try nights.writeCatalog(capacityOne: 3)
        try nights.writeInput(Nights.night1)
        let first = try sessions(try nights.run(night: 1))
        XCTAssertEqual(first.count, 5)
        XCTAssertTrue(first.values.allSatisfy { !$0.isEmpty }, "\(first)")

        // Night 2: two newcomers, a cancels, b is confirmed (pinned), session 1 shrinks to 2 seats.
        try nights.writeCatalog(capacityOne: 2)
        try nights.writeInput(
            Nights.night1 + [
                "f@x.nl;Fleur;Org F;kunstenaar;kunst;nee;ja;2020-09-02 09:00;",
                "g@x.nl;Gijs;Org G;onderzoeker;energietransitie;nee;ja;2020-09-02 09:05;",
                "A@X.NL ;Anna;Org A;architect;kunst;nee;ja;2020-09-02 12:00;Geannuleerd",
                "b@x.nl;Bert;Org B;ecoloog;kunst;nee;ja;2020-09-02 12:01;bevestigd",
            ])
        let secondOutcome = try nights.run(night: 2)
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
        let thirdOutcome = try nights.run(night: 3)
        XCTAssertEqual(try sessions(thirdOutcome), second)
        XCTAssertEqual(try changes(thirdOutcome), [])
    }

    func testShrinkGuardStopsAndAllowShrinkKeepsTheMissing() throws {
        try nights.writeCatalog(capacityOne: 3)
        try nights.writeInput(Nights.night1)
        _ = try nights.run(night: 1)
        try nights.writeInput(Array(Nights.night1.prefix(2)))
        XCTAssertThrowsError(try nights.run(night: 2)) { error in
            XCTAssertEqual((error as? RulesError)?.isGuard, true)
            XCTAssertTrue("\(error)".contains("--allow-shrink"), "\(error)")
        }
        let outcome = try nights.run(night: 2, allowShrink: true)
        XCTAssertEqual(outcome.manifest.counts.carriedOver, 3)
        XCTAssertEqual(try sessions(outcome).count, 5)
        let kinds = try changes(outcome).map { $0[2] }
        XCTAssertEqual(kinds, ["disappeared", "disappeared", "disappeared"])
        let c = outcome.manifest.counts
        XCTAssertEqual(c.registrants + c.carriedOver, c.cancelled + c.assigned + c.waitlisted)
    }

    func testLockHeldByAnotherRunStopsTheRunAndAStaleLockFileIsTakenOver() throws {
        try nights.writeCatalog(capacityOne: 3)
        try nights.writeInput(Nights.night1)
        let output = OutputFolder(path: nights.dir.appendingPathComponent("out").path)
        try output.prepare()
        do {
            let held = try output.lock()
            XCTAssertThrowsError(try nights.run(night: 1)) { error in
                XCTAssertEqual((error as? PublishingError)?.kind, .locked)
                XCTAssertTrue("\(error)".contains("pid \(ProcessInfo.processInfo.processIdentifier)"), "\(error)")
            }
            _ = held
        }
        // A lock file left by a dead run (any pid in it) does not block: only a held flock does.
        try "2147483646\n".write(toFile: output.lockPath, atomically: false, encoding: .utf8)
        _ = try nights.run(night: 1)
        XCTAssertNoThrow(try output.lock(), "the lock is released after the run")
    }
}
