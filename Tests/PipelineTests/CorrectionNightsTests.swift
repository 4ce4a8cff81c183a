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

/// A folder with a catalog, a config and an input, run night after night.
struct Nights {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("werksessies-nights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try writeCatalog()
    }

    func remove() {
        try? FileManager.default.removeItem(at: dir)
    }

    static let night1 = [
        "a@x.nl;Anna;Org A;architect;kunst;nee;ja;2020-09-01 10:00;",
        "b@x.nl;Bert;Org B;ecoloog;kunst;nee;ja;2020-09-01 10:01;",
        "c@x.nl;Cees;Org C;beleidsadviseur;energietransitie;ja;ja;2020-09-01 10:02;",
        "d@x.nl;Dora;Org D;architect;samenwerking;ja;nee;2020-09-01 10:03;",
        "e@x.nl;Eva;Org E;energieadviseur;duurzaamheid;nee;ja;2020-09-01 10:04;",
    ]

    func writeCatalog(capacityOne: Int = 3, capacityTwo: Int = 3, extra: String = "") throws {
        let yaml = """
            event: "Test"
            organisations:
              - {id: ORG1, name: "Ontwerpers", family: design}
              - {id: ORG2, name: "Energiemensen", family: energy}
              - {id: ORG3, name: "Beleid", family: policy}
            sessions:
              - id: 1
                title: "Kunst"
                capacity: \(capacityOne)
                trekkers: [ORG1]
                toelichting: "t"
                steekwoorden: [{id: kunst, label: kunst}, {id: landschap, label: landschap}]
              - id: 2
                title: "Energie"
                capacity: \(capacityTwo)
                trekkers: [ORG2]
                toelichting: "t"
                steekwoorden: [{id: energietransitie, label: Energietransitie}, {id: duurzaamheid, label: duurzaamheid}]
              - id: 3
                title: "Pact"
                capacity: 2
                trekkers: [ORG3]
                toelichting: "t"
                eligibility: [{rule: requires_mandate, label: "Mandaat vereist"}]
                steekwoorden: [{id: samenwerking, label: samenwerking}]
            """
        try yaml.write(to: dir.appendingPathComponent("sessions.yml"), atomically: true, encoding: .utf8)
        let config = """
            inputs: [{path: in.csv}]
            catalog: sessions.yml
            taxonomy: \(EndToEndTests.root.appendingPathComponent("Pipelines/taxonomy.yml").path)
            output: out
            state: out/state.sqlite
            status: {confirmed: ["bevestigd"]}
            \(extra)
            """
        try config.write(to: dir.appendingPathComponent("nightly.yml"), atomically: true, encoding: .utf8)
    }

    func writeInput(_ rows: [String], name: String = "in.csv") throws {
        let text = (["E-mailadres;Naam;Organisatie;Discipline;Interessegebieden;Mandaat;Toestemming;Tijdstempel;Status"] + rows)
            .joined(separator: "\r\n")
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func pipeline(night: Int, inputs: [String]? = nil, allowShrink: Bool = false) throws -> NightlyRun {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let config = try PipelineConfig.load(path: dir.appendingPathComponent("nightly.yml").path)
        return NightlyRun(
            config: config,
            options: RunOptions(
                inputs: inputs, allowShrink: allowShrink,
                now: Date(timeIntervalSince1970: 1_600_000_000 + Double(night) * 86_400)),
            logger: logger)
    }

    func run(night: Int, inputs: [String]? = nil, allowShrink: Bool = false) throws -> RunOutcome {
        try pipeline(night: night, inputs: inputs, allowShrink: allowShrink).run()
    }

    /// The rows of a CSV of the run, as header → value.
    func rows(of outcome: RunOutcome, _ name: String) throws -> [[String: String]] {
        let rows = try CSVReader.read(path: outcome.runFolder + "/" + name)
        return rows.dropFirst().map { Dictionary(zip(rows[0], $0), uniquingKeysWith: { a, _ in a }) }
    }

    /// One column of assignments.csv by lower-cased e-mail.
    func column(_ name: String, of outcome: RunOutcome) throws -> [String: String] {
        Dictionary(
            try rows(of: outcome, "assignments.csv").map { ($0["email"]!.lowercased(), $0[name] ?? "") },
            uniquingKeysWith: { a, _ in a })
    }
}
