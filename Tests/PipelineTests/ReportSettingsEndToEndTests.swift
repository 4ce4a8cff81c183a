import Configuration
import Foundation
import Logging
import TestSupport
import WerksessiesModel
import XCTest

@testable import Pipeline

/// The `reports:` keys of a config file, from the YAML to the written files: the partner cover's contact
/// line, the workbooks' author and company, and the CSV dialect.
final class ReportSettingsEndToEndTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("werksessies-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    static let contact = "Vragen? Anna Jansen, anna.jansen@example.nl, 070 123 45 67"

    /// The shipped config with the sample inputs, catalog and taxonomy (found from this file) and `reports` keys.
    func runSample() throws -> URL {
        let root = EndToEndTests.root
        let path = scratch.appendingPathComponent("nightly.yml")
        try """
            inputs:
              - \(root.appendingPathComponent("SampleData/registraties.xlsx").path)
              - \(root.appendingPathComponent("SampleData/late-registraties.csv").path)
            catalog: \(root.appendingPathComponent("Pipelines/sessions.yml").path)
            taxonomy: \(root.appendingPathComponent("Pipelines/taxonomy.yml").path)
            output: out
            corrections: corrections.csv
            reports:
              csv_dialect: excel-nl
              author: Team Indeling
              company: Ministerie van BZK
              contact: "\(Self.contact)"
            """.write(to: path, atomically: true, encoding: .utf8)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let outcome = try NightlyRun(
            config: try PipelineConfig.load(path: path.path),
            options: RunOptions(now: Date(timeIntervalSince1970: 1_600_000_000)), logger: logger
        ).run()
        return URL(fileURLWithPath: outcome.runFolder)
    }

    func testTheConfigsReportKeysReachTheCoverThePropertiesAndTheCSVs() throws {
        let folder = try runSample()
        let runID = folder.lastPathComponent
        let partners = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("partners").path)
        XCTAssertFalse(partners.isEmpty)
        for name in partners {
            let book = try WorkbookReadBack(folder.appendingPathComponent("partners/\(name)"))
            XCTAssertEqual(book.sheetNames.first, "Voorblad", name)
            let cover = book.rows(sheet: 0)
            XCTAssertEqual(cover.filter { $0.count >= 2 && $0[0] == "Contact" }.map { $0[1] }, [Self.contact], name)
            XCTAssertEqual(book.documentProperties["creator"], "Team Indeling", name)
            XCTAssertEqual(book.documentProperties["Company"], "Ministerie van BZK", name)
            XCTAssertEqual(book.customProperties, ["Run-id": runID], name)
        }
        for name in ["board.xlsx", "data_quality.xlsx"] {
            let book = try WorkbookReadBack(folder.appendingPathComponent(name))
            XCTAssertEqual(book.documentProperties["Company"], "Ministerie van BZK", name)
            XCTAssertEqual(book.customProperties, ["Run-id": runID], name)
        }
        let metrics = try Data(contentsOf: folder.appendingPathComponent("session_metrics.csv"))
        XCTAssertEqual(Array(metrics.prefix(3)), [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: metrics.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        XCTAssertTrue(lines[0].hasPrefix("session;title;capacity;participants;"), lines[0])
        XCTAssertEqual(lines.filter { !$0.isEmpty }.count, 9)
        for line in lines.dropFirst() where !line.isEmpty {
            XCTAssertNotNil(line.range(of: #";0,\d{6};"#, options: .regularExpression), line)
            XCTAssertNil(line.range(of: #"\d\.\d"#, options: .regularExpression), line)
        }
    }
}
