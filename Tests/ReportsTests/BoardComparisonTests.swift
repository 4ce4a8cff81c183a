import Foundation
import TestSupport
import WerksessiesModel
import XCTest

@testable import Reports

final class BoardComparisonTests: XCTestCase {
    static let comparison = BaselineComparison(
        assignment: AssignmentFigures(
            shareWithMatch: 0.96, meanGiniSimpson: 0.93, lowestGiniSimpson: 0.91, outsideComfortZoneShare: 0.66,
            meanRaoStirling: 0.88, waitlisted: 3),
        lotteryMean: AssignmentFigures(
            shareWithMatch: 0.3, meanGiniSimpson: 0.92, lowestGiniSimpson: 0.89, outsideComfortZoneShare: 0.53,
            meanRaoStirling: 0.86, waitlisted: 12.5),
        lotteryWorst: AssignmentFigures(
            shareWithMatch: 0.25, meanGiniSimpson: 0.91, lowestGiniSimpson: 0.85, outsideComfortZoneShare: 0.45,
            meanRaoStirling: 0.85, waitlisted: 20),
        firstComeFirstServed: AssignmentFigures(
            shareWithMatch: 0.75, meanGiniSimpson: 0.9, lowestGiniSimpson: 0.8, outsideComfortZoneShare: 0.5,
            meanRaoStirling: 0.84, waitlisted: 22),
        interestOnly: AssignmentFigures(
            shareWithMatch: 0.962, meanGiniSimpson: 0.92, lowestGiniSimpson: 0.9, outsideComfortZoneShare: 0.55,
            meanRaoStirling: 0.87, waitlisted: 3),
        lotteryDraws: 20, lotterySeed: 7, ineligibleAssigned: 0)

    /// The comparison is the board's second sheet, in Dutch, with the figures and a yes/no per row.
    func testComparisonSheetReadsBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("comparison-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var bundle = ReportFixture.bundle()
        bundle.manifest.baselines = Self.comparison
        _ = try Reports.writeAll(bundle, to: directory)
        let board = try WorkbookReadBack(directory.appendingPathComponent("board.xlsx"))
        // Right after the overview, whose figures it compares.
        let index = try XCTUnwrap(board.sheetNames.firstIndex(of: "Vergelijking met loting"))
        XCTAssertEqual(board.sheetNames[index - 1], "Overzicht")
        let rows = board.rows(sheet: index)
        XCTAssertEqual(rows[0], [
            "Kengetal", "Deze indeling", "Loting (gemiddeld, 20×)", "Loting (slechtste)", "Wie het eerst komt",
            "Alleen op interesse", "Beter dan loting?", "Wat het zegt",
        ])
        XCTAssertEqual(rows[1][0], "Ingedeeld op een eigen interesse")
        XCTAssertEqual(Double(rows[1][1]), 0.96)
        XCTAssertEqual(rows[1][6], "ja")
        XCTAssertEqual(rows[6][0], "Op de wachtlijst")
        XCTAssertEqual(rows[6][1], "<5", "a small count is hidden")
        XCTAssertEqual(Double(rows[6][2]), 12.5)
        XCTAssertEqual(rows[6][6], "ja", "fewer waitlisted than the lottery")
        XCTAssertEqual(rows.count, 9, "six figures (an Excel table), the note and what the markers mean")
        XCTAssertTrue(rows[7].first?.hasPrefix("Alle kolommen gaan over dezelfde deelnemers") == true)
        XCTAssertTrue(rows[8].first?.hasPrefix("<5: een aantal kleiner dan 5. x: verborgen") == true)
    }

    /// Without baselines (an older manifest) the sheet is left out.
    func testNoComparisonWithoutBaselines() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("comparison-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Reports.writeAll(ReportFixture.bundle(), to: directory)
        let board = try WorkbookReadBack(directory.appendingPathComponent("board.xlsx"))
        XCTAssertFalse(board.sheetNames.contains("Vergelijking met loting"))
    }
}
