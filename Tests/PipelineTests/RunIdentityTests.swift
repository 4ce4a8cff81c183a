import Configuration
import Foundation
import GRDB
import Publishing
import XCTest

@testable import Pipeline
@testable import State

/// Run identity and "the previous run" from the state's sequence, never the clock; pruning only of
/// recorded runs; a publish stopped after its state commit completed by the next start.
extension NightlyOperationsTests {
    var outFolder: URL { nights.dir.appendingPathComponent("out") }

    func store() throws -> StateStore {
        try StateStore(path: outFolder.appendingPathComponent("state.sqlite").path)
    }

    func testAClockAYearAheadNeverBecomesThePreviousRunForever() throws {
        try nights.writeCatalog(capacityOne: 3)
        try nights.writeInput(Nights.night1)
        let ahead = try nights.run(night: 365)
        let first = try nights.run(night: 1)
        XCTAssertEqual(try store().snapshot().previousRunID, first.runID)
        let second = try nights.run(night: 2)
        XCTAssertEqual(try store().snapshot().previousRunID, second.runID)
        XCTAssertEqual(try store().runIDs(status: .published), [ahead.runID, first.runID, second.runID])
        // Names sort in run order whatever the clock did.
        XCTAssertEqual([ahead.runID, first.runID, second.runID].sorted(), [ahead.runID, first.runID, second.runID])
        XCTAssertTrue(second.runID.hasPrefix("000003-"), second.runID)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: outFolder.appendingPathComponent("latest").path), "runs/\(second.runID)")
    }

    func testPruningKeepsTonightsRunAndNeverTouchesFoldersItDidNotRecord() throws {
        try nights.writeCatalog(capacityOne: 3)
        try nights.writeInput(Nights.night1)
        try "keep_runs: 2\n".appendLine(to: nights.dir.appendingPathComponent("nightly.yml"))
        let runs = outFolder.appendingPathComponent("runs")
        for foreign in ["notities", "20190101T000000Z", "000001-20000101T000000Z"] {
            try FileManager.default.createDirectory(at: runs.appendingPathComponent(foreign), withIntermediateDirectories: true)
        }
        let first = try nights.run(night: 30)
        let second = try nights.run(night: 20)
        let third = try nights.run(night: 10)  // the clock runs backwards: tonight's run is still kept
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: runs.path))
        XCTAssertEqual(names, ["notities", "20190101T000000Z", "000001-20000101T000000Z", second.runID, third.runID], "\(names)")
        XCTAssertFalse(names.contains(first.runID))
        XCTAssertNotEqual(first.runID, "000001-20000101T000000Z")
    }

    func testAPublishStoppedAfterItsStateCommitIsCompletedByTheNextStart() throws {
        try nights.writeCatalog(capacityOne: 3)
        try nights.writeInput(Nights.night1)
        let first = try nights.run(night: 1)
        // `latest` cannot be switched (a folder is in the way): the state holds the run as "publishing".
        let latest = outFolder.appendingPathComponent("latest")
        try FileManager.default.removeItem(at: latest)
        try FileManager.default.createDirectory(at: latest.appendingPathComponent("in-the-way"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try nights.run(night: 2)) { error in
            XCTAssertEqual((error as? PublishingError)?.kind, .publish, "\(error)")
        }
        let stopped = try XCTUnwrap(try store().runIDs(status: .publishing).first)
        XCTAssertEqual(try store().snapshot().previousRunID, first.runID, "not published yet")
        XCTAssertTrue(FileManager.default.fileExists(atPath: outFolder.appendingPathComponent("runs/\(stopped)/run.json").path))
        // As a crash would have left it: `latest` still at the first run.
        try FileManager.default.removeItem(at: latest)
        try FileManager.default.createSymbolicLink(atPath: latest.path, withDestinationPath: "runs/\(first.runID)")
        let third = try nights.run(night: 3)
        XCTAssertEqual(try store().runIDs(status: .published), [first.runID, stopped, third.runID])
        XCTAssertEqual(try store().runIDs(status: .publishing), [])
        XCTAssertEqual(try changes(third), [], "night 3 builds on the completed night 2")
    }

    func testAFailedStateCommitPublishesNothing() throws {
        try nights.writeCatalog(capacityOne: 3)
        try nights.writeInput(Nights.night1)
        let first = try nights.run(night: 1)
        // The state database cannot take the night: a trigger refuses the run's insert.
        let database = try store()
        try database.queue.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON run BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        }
        XCTAssertThrowsError(try nights.run(night: 2)) { error in
            XCTAssertTrue(error is StateError, "\(error)")
        }
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: outFolder.appendingPathComponent("latest").path), "runs/\(first.runID)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outFolder.appendingPathComponent("runs").path), [first.runID])
        XCTAssertEqual(try store().runIDs(status: .published), [first.runID])
    }
}

extension String {
    func appendLine(to url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        try (text + "\n" + self).write(to: url, atomically: true, encoding: .utf8)
    }
}
