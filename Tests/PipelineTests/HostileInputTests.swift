import Configuration
import Foundation
import Ingest
import Logging
import WerksessiesModel
import XCTest

@testable import Pipeline

/// Registration text that tries to be something else: formulas, bidi overrides, zero-width characters,
/// the same e-mail spelled differently across files. All of it stays data, end to end.
final class HostileInputTests: XCTestCase {
    func testHostileValuesStayDataAndDuplicatesMeetAcrossFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("werksessies-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let formula = "=cmd|' /C calc'!A0"
        let bidi = "\u{202E}gnp.exe Evil"
        let first = """
            Email,Naam,Organisatie,Functie,Discipline,Interessegebieden,Mandaat,Toestemming,Tijdstempel
            "ann@x.nl ","\(formula)",+31 6 1234,@SUM(A1),architect,kunst,nee,ja,2020-09-01 10:00
            b\u{200B}ob@x.nl,\(bidi),Org,-,ecoloog,energietransitie,ja,ja,2020-09-01 10:05
            """
        let second = """
            E-mailadres;Naam;Discipline;Interessegebieden;Mandaat;Toestemming;Tijdstempel
            ANN@X.NL;\(formula);architect;kunst;nee;ja;2020-09-02 10:00
            bob@x.nl;\(bidi);ecoloog;energietransitie;ja;ja;2020-09-01 09:00
            """
        try first.write(to: dir.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try second.write(to: dir.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let config = try PipelineConfig.load(path: EndToEndTests.root.appendingPathComponent("Pipelines/nightly.yml").path)
        let outcome = try NightlyRun(
            config: config,
            options: RunOptions(
                inputs: [dir.appendingPathComponent("a.csv").path, dir.appendingPathComponent("b.csv").path],
                output: dir.appendingPathComponent("out").path, state: dir.appendingPathComponent("s.sqlite").path),
            logger: logger
        ).run()
        let c = outcome.manifest.counts
        XCTAssertEqual([c.rowsRead, c.duplicatesMerged, c.registrants, c.rejected], [4, 2, 2, 0])

        // CSV: formulas neutralised, bidi text kept verbatim, the winning e-mail as typed in the later file.
        let rows = try CSVReader.read(path: outcome.runFolder + "/assignments.csv")
        let header = rows[0]
        let byEmail = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[header.firstIndex(of: "email")!].lowercased(), $0) })
        let ann = try XCTUnwrap(byEmail["ann@x.nl"])
        XCTAssertEqual(ann[header.firstIndex(of: "name")!], "'" + formula)
        let bob = try XCTUnwrap(byEmail["bob@x.nl"], "\(byEmail.keys)")
        XCTAssertEqual(bob[header.firstIndex(of: "name")!], bidi)
        let raw = try String(contentsOfFile: outcome.runFolder + "/assignments.csv", encoding: .utf8)
        XCTAssertFalse(raw.contains("\n=") || raw.contains(",=") || raw.contains(",+") || raw.contains(",@"), raw)

        // Partner workbooks: the formula is a string cell with its exact text, in the files of ann's session only.
        let session = Int(ann[header.firstIndex(of: "session")!])
        let catalog = try CatalogFiles.loadCatalog(path: config.catalogPath)
        let owners = Set(catalog.sessions.first { $0.id == session }?.trekkers.map(\.id) ?? [])
        let partners = URL(fileURLWithPath: outcome.runFolder).appendingPathComponent("partners")
        var found = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: partners.path) {
            let path = partners.appendingPathComponent(file).path
            let cells = try XLSXReader.sheetNames(path: path).flatMap { try XLSXReader.grid(path: path, sheet: $0).joined() }
            let organisation = String(file.dropLast(5))
            if cells.contains(formula) {
                found += 1
                XCTAssertTrue(owners.contains(organisation), "\(file) shows a participant of another session")
            } else {
                XCTAssertFalse(owners.contains(organisation), "\(file) misses its own participant")
            }
        }
        XCTAssertEqual(found, owners.count)
    }
}
