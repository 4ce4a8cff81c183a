import Foundation
import XCTest

@testable import Pipeline

/// `explain` without --input explains the published run from the inputs that run read.
final class ExplainPublishedRunTests: XCTestCase {
    var nights: Nights!

    override func setUpWithError() throws {
        nights = try Nights()
    }

    override func tearDownWithError() throws {
        nights.remove()
    }

    func testExplainAfterRunWithInputUsesThatRunsInputsAndWarnsWhenTheyChanged() throws {
        // The config names in.csv; tonight's run was given another export on the command line.
        try nights.writeInput(Nights.night1)
        try nights.writeInput(Nights.night1 + ["f@x.nl;Fleur;Org F;kunstenaar;kunst;nee;ja;2020-09-01 11:00;"], name: "export.csv")
        let export = nights.dir.appendingPathComponent("export.csv").path
        _ = try nights.run(night: 1, inputs: [export])
        let explained = try nights.pipeline(night: 1).explain(email: "f@x.nl")
        XCTAssertTrue(explained.hasPrefix("run "), explained)
        XCTAssertFalse(explained.contains("warning"), explained)
        XCTAssertFalse(explained.contains("note: the inputs changed"), explained)

        // With --input as before: f is not in in.csv.
        XCTAssertThrowsError(
            try nights.pipeline(night: 1, inputs: [nights.dir.appendingPathComponent("in.csv").path]).explain(email: "f@x.nl"))

        // The export is changed after the run: explain says so.
        try nights.writeInput(Nights.night1 + ["f@x.nl;Fleur;Org F;kunstenaar;energietransitie;nee;ja;2020-09-01 11:00;"], name: "export.csv")
        let again = try nights.pipeline(night: 1).explain(email: "f@x.nl")
        XCTAssertTrue(again.contains("warning: \(export) changed since run"), again)
        XCTAssertTrue(again.contains("SHA-256 differs"), again)
    }
}
