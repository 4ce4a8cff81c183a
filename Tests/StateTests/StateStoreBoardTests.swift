import Foundation
import GRDB
import TestSupport
import WerksessiesModel
import XCTest

@testable import State

/// What each run's board showed of its trend row and family mix: recorded with the run, read back with the history,
/// and absent (never guessed) for runs of a database made before it was kept.
final class StateStoreBoardTests: XCTestCase {
    var path: String!

    override func setUpWithError() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString).sqlite").path
    }

    override func tearDownWithError() throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static let withheldMean = BoardTrendRow(
        registrants: .value(436), assigned: .value(415), waitlisted: .withheld(marker: "<5"), meanShannon: .withheld(marker: "x"))
    static let shownMean = BoardTrendRow(
        registrants: .value(440), assigned: .value(420), waitlisted: .value(8), meanShannon: .value(2.738180610130076))

    func summary(_ run: String, board: BoardTrendRow?) -> RunSummary {
        RunSummary(runID: run, startedAt: Date(timeIntervalSince1970: 1000), registrants: 436, assigned: 415, waitlisted: 3,
                   meanShannon: 2.5, objective: 1, board: board)
    }

    func record(_ store: StateStore, _ run: String, board: BoardTrendRow?) throws {
        try store.record(RunRecord(summary: summary(run, board: board), manifestJSON: "{}", participants: [], placements: [], newPins: [:]))
    }

    func testTheBoardsTrendRowRoundTripsWithItsMarkers() throws {
        let store = try StateStore(path: path)
        try record(store, "r1", board: Self.withheldMean)
        let pending = store.beginRecord(RunRecord(summary: summary("r2", board: nil), manifestJSON: "", participants: [], placements: [], newPins: [:]))
        try pending.commit(manifestJSON: "{}", meanShannon: 2.7, board: Self.shownMean)
        let history = try store.snapshot().history
        XCTAssertEqual(history.map(\.board), [Self.withheldMean, Self.shownMean])
        XCTAssertEqual(history.map(\.meanShannon), [2.5, 2.7], "the state keeps the exact figure; the board record says what was shown")
        let stored = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT figure, value, marker FROM boardFigure WHERE runId = 'r1' ORDER BY figure")
                .map { row -> String in "\(row[0] as String)=\((row[1] as Double?).map { "\($0)" } ?? "nil")/\(row[2] as String? ?? "nil")" }
        }
        XCTAssertEqual(stored, ["assigned=415.0/nil", "meanShannon=nil/x", "registrants=436.0/nil", "waitlisted=nil/<5"])
    }

    func testAVersion2DatabaseMigratesAndItsRunsHaveNoBoardRecord() throws {
        // A file as the previous schema (v2) wrote it: runs without any record of what their boards showed.
        let v2 = try DatabaseQueue(path: path)
        try StateStore.migrator.migrate(v2, upTo: "v2")
        try v2.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (id, startedAt, registrants, assigned, waitlisted, meanShannon, objective, status, manifest, seq, seenAll)
                    VALUES ('old', ?, 436, 415, 9, 2.738, 1, 'published', '{}', 1, 1)
                    """, arguments: [Date(timeIntervalSince1970: 500)])
            XCTAssertFalse(try db.tableExists("boardFigure"))
        }
        try v2.close()

        let store = try StateStore(path: path)
        let migrated = try store.snapshot().history
        XCTAssertEqual(migrated.map(\.runID), ["old"])
        XCTAssertEqual(migrated.first?.meanShannon, 2.738)
        XCTAssertNil(migrated.first?.board, "what the old board showed is unknown: nothing is guessed")
        try record(store, "new", board: Self.shownMean)
        let history = try store.snapshot().history
        XCTAssertEqual(history.map(\.runID), ["old", "new"])
        XCTAssertEqual(history.map(\.board), [nil, Self.shownMean])
        let applied = try DatabaseQueue(path: path).read { db in try StateStore.migrator.appliedIdentifiers(db) }
        XCTAssertEqual(applied, ["v1", "v2", "v3", "v4"])
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testTheBoardsFamilyMixRoundTripsForTheLatestRun() throws {
        let store = try StateStore(path: path)
        let mix = [
            BoardMixCell(session: 1, column: .family("design"), count: 7, hidden: false),
            BoardMixCell(session: 1, column: .unknown, count: 3, hidden: true),
            BoardMixCell(session: 1, column: .total, count: 10, hidden: false),
        ]
        try store.record(RunRecord(summary: summary("r1", board: nil), manifestJSON: "{}", participants: [], placements: [], newPins: [:]))
        let pending = store.beginRecord(RunRecord(summary: summary("r2", board: nil), manifestJSON: "", participants: [], placements: [], newPins: [:]))
        try pending.commit(manifestJSON: "{}", boardMix: mix)
        let history = try store.snapshot().history
        XCTAssertEqual(history.map(\.boardMix.count), [0, 3], "read for the latest run only")
        XCTAssertEqual(Set(history[1].boardMix), Set(mix))
        XCTAssertEqual(BoardMixCell.Column(key: BoardMixCell.Column.family("a:b").key), .family("a:b"))
        XCTAssertNil(BoardMixCell.Column(key: "something else"))
    }

    func testAFigureMissingFromARecordedRunIsWithheld() throws {
        let store = try StateStore(path: path)
        try record(store, "r1", board: Self.shownMean)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DELETE FROM boardFigure WHERE runId = 'r1' AND figure = 'meanShannon'")
        }
        XCTAssertEqual(try store.snapshot().history.first?.board?.meanShannon, .withheld(marker: "x"))
        XCTAssertEqual(try store.snapshot().history.first?.board?.registrants, .value(440))
    }
}
