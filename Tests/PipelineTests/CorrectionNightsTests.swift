import Configuration
import Foundation
import Ingest
import Logging
import WerksessiesModel
import XCTest

@testable import Pipeline

/// Nights with a hand-kept corrections file: a fix made once holds while the export is regenerated.
final class CorrectionNightsTests: XCTestCase {
    var nights: Nights!

    override func setUpWithError() throws {
        nights = try Nights()
    }

    override func tearDownWithError() throws {
        nights.remove()
    }

    func testACorrectionSurvivesTheRegeneratedExportOfTheNextNight() throws {
        try nights.writeInput(Nights.night1)
        let run = try nights.pipeline(night: 1)
        XCTAssertTrue(try run.correct(email: "a@x.nl", field: "discipline", value: "ecoloog", note: "belde").contains("discipline"))
        _ = try run.correct(email: "e@x.nl", field: "vakgebied", value: "kunstenaar", note: "")
        _ = try run.correct(email: "nobody@x.nl", field: "name", value: "Niemand", note: "")
        XCTAssertThrowsError(try run.correct(email: "a@x.nl", field: "colour", value: "blue", note: "")) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .usage)
        }
        let first = try nights.run(night: 1)
        XCTAssertEqual(first.manifest.corrections?.applied, 2)
        XCTAssertEqual(first.manifest.corrections?.warnings, 1)
        XCTAssertEqual(first.manifest.corrections?.file, nights.dir.appendingPathComponent("corrections.csv").path)
        XCTAssertEqual(try nights.column("discipline", of: first)["a@x.nl"], "ecoloog")
        let quality = try nights.rows(of: first, "data_quality.csv")
        let corrected = quality.filter { $0["code"] == "corrected" }
        XCTAssertEqual(corrected.map { $0["value"] }, ["architect → ecoloog", "energieadviseur → kunstenaar"])
        XCTAssertEqual(corrected.map { $0["row"] }, ["2", "3"])
        let unknown = try XCTUnwrap(quality.first { $0["code"] == "correction_unknown_email" })
        XCTAssertEqual(unknown["severity"], "warning")
        XCTAssertEqual(unknown["row"], "4")
        XCTAssertTrue(unknown["file"]?.hasSuffix("corrections.csv") == true)

        // The form tool regenerates the export (a newcomer, a's row as typed before): the fix holds.
        try nights.writeInput(Nights.night1 + ["f@x.nl;Fleur;Org F;kunstenaar;kunst;nee;ja;2020-09-02 09:00;"])
        let second = try nights.run(night: 2)
        XCTAssertEqual(try nights.column("discipline", of: second)["a@x.nl"], "ecoloog")
        XCTAssertEqual(second.manifest.corrections?.applied, 2)
    }

    func testAMergedAddressIsNotAMissingRegistrantAndExcludedAndCancelledAreApplied() throws {
        try nights.writeInput(Nights.night1 + ["anna.prive@gmail.com;Anna;Org A;architect;kunst;nee;ja;2020-09-01 11:00;"])
        _ = try nights.run(night: 1)
        let run = try nights.pipeline(night: 2)
        _ = try run.correct(email: "anna.prive@gmail.com", field: "email", value: "a@x.nl", note: "zelfde persoon")
        _ = try run.correct(email: "b@x.nl", field: "exclude", value: "ja", note: "spreker")
        _ = try run.correct(email: "c@x.nl", field: "status", value: "geannuleerd", note: "")
        _ = try run.correct(email: "d@x.nl", field: "mandate", value: "nee", note: "")
        _ = try run.correct(email: "e@x.nl", field: "consent", value: "nee", note: "")
        _ = try run.correct(email: "e@x.nl", field: "interests", value: "+kunst", note: "")
        let second = try nights.run(night: 2)
        XCTAssertEqual(second.manifest.counts.registrants, 5)
        XCTAssertEqual(second.manifest.counts.duplicatesMerged, 1)
        XCTAssertEqual(second.manifest.counts.carriedOver, 0)
        let status = try nights.column("status", of: second)
        XCTAssertEqual(status["b@x.nl"], "cancelled")
        XCTAssertEqual(status["c@x.nl"], "cancelled")
        XCTAssertNil(status["anna.prive@gmail.com"])
        XCTAssertEqual(try nights.column("mandate", of: second)["d@x.nl"], "false")
        XCTAssertEqual(try nights.column("consent", of: second)["e@x.nl"], "false")
        XCTAssertEqual(try nights.column("interests", of: second)["e@x.nl"], "duurzaamheid|kunst")
        XCTAssertEqual(second.manifest.corrections?.applied, 6)
    }
}
