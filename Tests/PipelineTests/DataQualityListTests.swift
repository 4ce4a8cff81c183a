import Foundation
import TestSupport
import XCTest

@testable import Pipeline

/// data_quality.csv and .xlsx as a list to act on: whom a row is about, the file's own header, advice.
final class DataQualityListTests: XCTestCase {
    var nights: Nights!

    override func setUpWithError() throws {
        nights = try Nights()
    }

    override func tearDownWithError() throws {
        nights.remove()
    }

    static let rows = Nights.night1 + [
        "f@x.nl;Fleur;Org F;kok;kunst;weet ik niet;ja;2020-09-01 10:05;",
        "g@x.nl;Andr? M\u{FFFD}ller;=HYPERLINK(\"x\");architect;kunst;nee;ja;2020-09-01 10:06;",
    ]

    func testAdviceParticipantAndTheFilesOwnHeader() throws {
        try nights.writeInput(Self.rows)
        let outcome = try nights.run(night: 1)
        let quality = try nights.rows(of: outcome, "data_quality.csv")
        let kok = try XCTUnwrap(quality.first { $0["code"] == "unmapped_discipline" })
        XCTAssertEqual(kok["column"], "Discipline")
        XCTAssertEqual(kok["email"], "f@x.nl")
        XCTAssertEqual(kok["participant_id"], "P" + String(kok["participant_id"]!.dropFirst()))
        XCTAssertEqual(kok["participant_id"]?.count, 17)
        XCTAssertTrue(
            kok["advice"]!.hasPrefix("Voeg 'kok' toe aan taxonomy.yml (discipline) of corrigeer met: werksessies correct f@x.nl discipline "),
            kok["advice"]!)
        let mandate = try XCTUnwrap(quality.first { $0["code"] == "unclear_mandate" })
        XCTAssertEqual(mandate["column"], "Mandaat")
        XCTAssertEqual(mandate["email"], "f@x.nl")
        XCTAssertTrue(mandate["advice"]!.contains("sessie 3"), mandate["advice"]!)
        XCTAssertTrue(mandate["advice"]!.contains("werksessies correct f@x.nl mandate ja|nee"), mandate["advice"]!)
        let lost = quality.filter { $0["code"] == "lost_character" }
        XCTAssertEqual(lost.map { $0["column"] }, ["Naam"])
        XCTAssertEqual(lost.first?["severity"], "warning")
        XCTAssertEqual(lost.first?["email"], "g@x.nl")
        let formula = try XCTUnwrap(quality.first { $0["code"] == "formula_value" })
        XCTAssertEqual(formula["column"], "Organisatie")
        XCTAssertEqual(formula["severity"], "info")
        XCTAssertTrue(quality.allSatisfy { !($0["advice"] ?? "").isEmpty })

        // The same list as a workbook: one sheet, an Excel table with filters, rows sorted by advice.
        let book = try WorkbookReadBack(path: outcome.runFolder + "/data_quality.xlsx")
        XCTAssertEqual(book.sheetNames, ["Datakwaliteit"])
        let rows = book.rows(sheet: 0)
        XCTAssertEqual(rows[0].prefix(4), ["Advies", "Ernst", "Code", "E-mail"])
        XCTAssertEqual(rows.count, quality.count + 1)
        let advice = rows.dropFirst().map { $0[0] }
        XCTAssertEqual(advice, advice.sorted())
        // An Excel table over the header and every row, with its own filter.
        let table = book.text("xl/tables/table1.xml")
        XCTAssertTrue(table.contains("ref=\"A1:K\(rows.count)\""), table)
        XCTAssertTrue(table.contains("<autoFilter ref=\"A1:K\(rows.count)\""), table)
        XCTAssertTrue(table.contains("TableStyleMedium2"), table)
        XCTAssertTrue(rows.contains { $0.count > 3 && $0[2] == "unclear_mandate" && $0[3] == "f@x.nl" })
    }

    func testEnglishMessagesAndAdvice() throws {
        try nights.writeCatalog(extra: "reports: {language: en}")
        try nights.writeInput(Self.rows)
        let quality = try nights.rows(of: try nights.run(night: 1), "data_quality.csv")
        let kok = try XCTUnwrap(quality.first { $0["code"] == "unmapped_discipline" })
        XCTAssertEqual(kok["message"], "discipline not recognised")
        XCTAssertTrue(kok["advice"]!.hasPrefix("Add 'kok' to taxonomy.yml (discipline)"), kok["advice"]!)
        let mandate = try XCTUnwrap(quality.first { $0["code"] == "unclear_mandate" })
        XCTAssertTrue(mandate["advice"]!.hasPrefix("Ask whether the participant has a mandate"), mandate["advice"]!)
    }

    func testACorrectionSilencesTheProblemItFixes() throws {
        try nights.writeInput(Self.rows)
        let run = try nights.pipeline(night: 1)
        _ = try run.correct(email: "g@x.nl", field: "name", value: "André Müller", note: "")
        _ = try run.correct(email: "f@x.nl", field: "mandate", value: "nee", note: "")
        let quality = try nights.rows(of: try nights.run(night: 1), "data_quality.csv")
        XCTAssertFalse(quality.contains { $0["code"] == "lost_character" })
        XCTAssertEqual(quality.filter { $0["code"] == "corrected" }.map { $0["email"] }, ["g@x.nl", "f@x.nl"])
    }
}
