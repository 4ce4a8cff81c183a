import Configuration
import Foundation
import Ingest
import Logging
import WerksessiesModel

@testable import Pipeline

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
            # The nights, not the weights, are tested here: with the default diversity (250) Dora starts in
            # session 2, as the two-seat session 3 holding one person costs more than her interest there.
            weights: {diversity: 200}
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
