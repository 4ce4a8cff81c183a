import Foundation
import TestSupport
import WerksessiesModel
import XCTest

@testable import Reports

/// The trend sheet shows each earlier run as its own board showed it: a figure withheld that night stays withheld,
/// a run whose board was not recorded shows none of its figures, and tonight's row is what the state records.
final class BoardTrendTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("trend-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Three earlier runs: one shown whole, one whose board withheld its mean (and showed "<5" for its waitlisted),
    /// one from before the record. Their exact figures (the state keeps them) are distinctive, to be searched for.
    static let history: [RunSummary] = {
        let started = ReportFixture.started
        return [
            RunSummary(runID: "r1", startedAt: started.addingTimeInterval(-3 * 86_400), registrants: 12, assigned: 12, waitlisted: 0,
                       meanShannon: 1.0512, objective: 1,
                       board: BoardTrendRow(registrants: .value(12), assigned: .value(12), waitlisted: .value(0), meanShannon: .value(1.0512))),
            RunSummary(runID: "r2", startedAt: started.addingTimeInterval(-2 * 86_400), registrants: 17, assigned: 14, waitlisted: 3,
                       meanShannon: 1.1234, objective: 1,
                       board: BoardTrendRow(registrants: .value(17), assigned: .value(14), waitlisted: .withheld(marker: "<5"),
                                            meanShannon: .withheld(marker: "x"))),
            RunSummary(runID: "r3", startedAt: started.addingTimeInterval(-86_400), registrants: 19, assigned: 18, waitlisted: 1,
                       meanShannon: 1.3456, objective: 1, board: nil),
        ]
    }()

    func testEarlierRunsShowExactlyWhatTheirOwnBoardShowed() throws {
        let written = try Reports.write(ReportFixture.bundle(history: Self.history), to: directory)
        let board = try WorkbookReadBack(directory.appendingPathComponent("board.xlsx"))
        let trend = board.rows(sheet: try XCTUnwrap(board.sheetNames.firstIndex(of: "Trend")))
        let rows = Dictionary(trend.dropFirst().filter { $0.count >= 6 }.map { ($0[0], Array($0[2...5])) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(rows["r1"], ["12", "12", "0", "1.0512"])
        XCTAssertEqual(rows["r2"], ["17", "14", "<5", "x"], "what r2's board withheld stays withheld, with its marker")
        XCTAssertEqual(rows["r3"], ["x", "x", "x", "x"], "a run without a record shows none of its figures")
        XCTAssertTrue(trend.joined().joined().contains(ReportLabel.trendUnrecordedNote.text(.nl)), "the note says why")
        // Neither withheld figure is anywhere in the workbook (cells, chart data, chart caches).
        for (part, data) in board.allBytes {
            let text = String(decoding: data, as: UTF8.self)
            for secret in ["1.1234", "1.3456"] { XCTAssertFalse(text.contains(secret), "\(part) holds \(secret)") }
        }
        // Tonight's row is what the state records: the fixture withholds tonight's mean (a session has a hidden count).
        let tonight = try XCTUnwrap(rows["20240601-020000"])
        XCTAssertEqual(tonight, ["20", "18", "1", "x"])
        XCTAssertEqual(written.boardTrend, BoardTrendRow(registrants: .value(20), assigned: .value(18), waitlisted: .value(1), meanShannon: .withheld(marker: "x")))
    }

    func testWithEveryRunRecordedThereIsNoUnrecordedNote() throws {
        _ = try Reports.write(ReportFixture.bundle(history: Array(Self.history.prefix(2))), to: directory)
        let board = try WorkbookReadBack(directory.appendingPathComponent("board.xlsx"))
        let trend = board.rows(sheet: try XCTUnwrap(board.sheetNames.firstIndex(of: "Trend")))
        XCTAssertFalse(trend.joined().joined().contains(ReportLabel.trendUnrecordedNote.text(.nl)))
    }
}
