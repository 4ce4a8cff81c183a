import Foundation
import TestSupport
import WerksessiesModel
import XCTest

@testable import State
import GRDB

/// Opens a plain GRDB queue (to plant foreign files).
enum DatabaseQueueFactory {
    static func make(path: String) throws -> DatabaseQueue { try DatabaseQueue(path: path) }
}

final class StateStoreTests: XCTestCase {
    var path: String!

    override func setUpWithError() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString).sqlite").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: path)
    }

    func record(_ store: StateStore, run: String, at seconds: Double, sessions: [String: Int?], pins: [String: Int] = [:]) throws {
        try store.record(
            RunRecord(
                summary: RunSummary(
                    runID: run, startedAt: Date(timeIntervalSince1970: seconds), registrants: sessions.count,
                    assigned: sessions.values.compactMap { $0 }.count, waitlisted: sessions.values.filter { $0 == nil }.count,
                    meanShannon: 0.5, objective: 42),
                manifestJSON: "{}", participants: sessions.keys.sorted().map { Fixture.storedParticipant($0) },
                placements: sessions.keys.sorted().map {
                    Placement(
                        participantID: $0, session: sessions[$0]!, matchedKeywords: [], outsideComfortZone: false,
                        score: 0, rank: 1, reason: .bestFit, explanation: "")
                }, newPins: pins))
    }

    func testEmptyDatabaseHasNoHistory() throws {
        let snapshot = try StateStore(path: path).snapshot()
        XCTAssertNil(snapshot.previousRunID)
        XCTAssertTrue(snapshot.previousSessions.isEmpty)
        XCTAssertTrue(snapshot.registrants.isEmpty)
    }

    func testRecordedRunsAreReadBackInOrderWithPinsAndRegistrants() throws {
        let store = try StateStore(path: path)
        try record(store, run: "r1", at: 100, sessions: ["a": 1, "b": 2, "c": nil])
        try record(store, run: "r2", at: 200, sessions: ["a": 3, "b": 2, "c": 1], pins: ["b": 2])
        let snapshot = try StateStore(path: path).snapshot()
        XCTAssertEqual(snapshot.previousRunID, "r2")
        XCTAssertEqual(snapshot.history.map(\.runID), ["r1", "r2"])
        XCTAssertEqual(snapshot.previousSessions["a"], .some(3))
        XCTAssertEqual(snapshot.previousSessions["c"], .some(1))
        XCTAssertEqual(snapshot.pins, ["b": 2])
        XCTAssertEqual(snapshot.registrants["a"]?.interests, ["kunst"])
        XCTAssertEqual(snapshot.previousRegistrants, 3)

        // As it was before r2 (what `explain` recomputes against).
        let before = try store.snapshot(excluding: "r2")
        XCTAssertEqual(before.previousRunID, "r1")
        XCTAssertEqual(before.previousSessions["a"], .some(1))
        XCTAssertEqual(before.previousSessions["c"], .some(nil))
        XCTAssertTrue(before.pins.isEmpty)
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testManualPinAndUnpin() throws {
        let store = try StateStore(path: path)
        try store.setPin(participantID: "x", session: 4, note: "manual")
        XCTAssertEqual(try store.snapshot().pins, ["x": 4])
        try store.setPin(participantID: "x", session: nil, note: "")
        XCTAssertEqual(try store.snapshot().pins, [:])
    }

    func testPruneKeepsRunHistoryButDropsOldAssignments() throws {
        let store = try StateStore(path: path)
        try record(store, run: "r1", at: 100, sessions: ["a": 1])
        try record(store, run: "r2", at: 200, sessions: ["a": 2])
        try store.pruneAssignments(keeping: ["r2"])
        let snapshot = try store.snapshot()
        XCTAssertEqual(snapshot.history.count, 2)
        XCTAssertEqual(try store.snapshot(excluding: "r2").previousSessions, [:])
        XCTAssertEqual(snapshot.previousSessions["a"], .some(2))
    }

    func testForeignOrGarbageFilesAreRefusedWithTheirPath() throws {
        // A SQLite file of another program (or an older schema) with the same table names.
        let foreign = try DatabaseQueueFactory.make(path: path)
        try foreign.write { db in
            try db.execute(sql: "CREATE TABLE registrant (participantId TEXT PRIMARY KEY, data BLOB)")
        }
        XCTAssertThrowsError(try StateStore(path: path)) { error in
            XCTAssertTrue(error is StateError && "\(error)".contains(path), "\(error)")
        }
        // Our own schema with a column gone (another version): refused by the schema check, not trapped on.
        let other = path + ".other"
        defer { try? FileManager.default.removeItem(atPath: other) }
        _ = try StateStore(path: other)
        try DatabaseQueueFactory.make(path: other).write { db in
            try db.execute(sql: "ALTER TABLE registrant DROP COLUMN interests")
        }
        XCTAssertThrowsError(try StateStore(path: other)) { error in
            XCTAssertTrue("\(error)".contains("registrant lacks interests"), "\(error)")
        }
        let garbage = path + ".garbage"
        defer { try? FileManager.default.removeItem(atPath: garbage) }
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: garbage))
        XCTAssertThrowsError(try StateStore(path: garbage)) { error in
            XCTAssertTrue("\(error)".contains(garbage), "\(error)")
        }
    }

    func testUnopenableDatabaseNamesThePath() {
        XCTAssertThrowsError(try StateStore(path: "/proc/definitely/not/here.sqlite")) { error in
            XCTAssertTrue("\(error)".contains("/proc/definitely/not/here.sqlite"), "\(error)")
        }
    }
}
