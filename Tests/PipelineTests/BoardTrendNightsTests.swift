import Foundation
import GRDB
import TestSupport
import WerksessiesModel
import XCTest

@testable import Pipeline
@testable import State

/// The cross-night leak: a figure an earlier night's board withheld must not come back on a later night's trend.
final class BoardTrendNightsTests: XCTestCase {
    var nights: Nights!

    override func setUpWithError() throws {
        nights = try Nights()
        try nights.writeInput(Nights.night1)
    }

    override func tearDownWithError() throws {
        nights.remove()
    }

    var statePath: String { nights.dir.appendingPathComponent("out/state.sqlite").path }

    /// The Trend sheet's rows of a run's board, by run id: registrants, assigned, waitlisted, mean Shannon.
    func trend(_ outcome: RunOutcome) throws -> [String: [String]] {
        let board = try WorkbookReadBack(path: outcome.runFolder + "/board.xlsx")
        let rows = board.rows(sheet: try XCTUnwrap(board.sheetNames.firstIndex(of: "Trend")))
        return Dictionary(rows.dropFirst().filter { $0.count >= 6 }.map { ($0[0], Array($0[2...5])) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every number the board holds: its cells and its charts' caches.
    func numbers(_ outcome: RunOutcome) throws -> [Double] {
        let board = try WorkbookReadBack(path: outcome.runFolder + "/board.xlsx")
        let cells = board.sheetNames.indices.flatMap { board.rows(sheet: $0).joined() }.compactMap(Double.init)
        let cached = board.chartParts.flatMap { part in
            board.text(part).components(separatedBy: "<c:v>").dropFirst().compactMap { Double($0.prefix { $0 != "<" }) }
        }
        return cells + cached
    }

    /// The exact mean Shannon the state keeps for a run.
    func storedMean(_ runID: String) throws -> Double {
        try XCTUnwrap(try DatabaseQueue(path: statePath).read { db in
            try Double.fetchOne(db, sql: "SELECT meanShannon FROM run WHERE id = ?", arguments: [runID])
        })
    }

    func testAMeanWithheldOnNightOneIsNotShownOnNightTwo() throws {
        let first = try nights.run(night: 1)
        XCTAssertEqual(try trend(first)[first.runID]?[3], "x", "night 1 withholds its mean (a session has a hidden count)")
        let secret = try storedMean(first.runID)
        XCTAssertGreaterThan(secret, 0.1, "a mean worth hiding")
        XCTAssertEqual(try StateStore(path: statePath).snapshot().history.last?.board?.meanShannon, .withheld(marker: "x"))

        let second = try nights.run(night: 2)
        let rows = try trend(second)
        XCTAssertEqual(rows[first.runID], ["5", "5", "0", "x"], "night 1's row as night 1's board showed it")
        XCTAssertEqual(rows[second.runID]?[3], "x")
        XCTAssertFalse(try numbers(second).contains { abs($0 - secret) < 1e-9 }, "night 1's mean is nowhere on night 2's board")
    }

    func testRunsOfAStateFromBeforeTheRecordShowNoFigures() throws {
        let first = try nights.run(night: 1)
        // As a database of the previous schema has it: runs, but nothing of what their boards showed.
        try DatabaseQueue(path: statePath).write { db in try db.execute(sql: "DELETE FROM boardFigure") }
        let secret = try storedMean(first.runID)
        let second = try nights.run(night: 2)
        XCTAssertEqual(try trend(second)[first.runID], ["x", "x", "x", "x"])
        XCTAssertEqual(try trend(second)[second.runID]?.prefix(3), ["5", "5", "0"], "tonight's own counts are shown")
        XCTAssertFalse(try numbers(second).contains { abs($0 - secret) < 1e-9 })
        // Tonight's row is recorded: a third night shows it as night 2 showed it.
        let third = try nights.run(night: 3)
        XCTAssertEqual(try trend(third)[second.runID], try trend(second)[second.runID])
    }
}
