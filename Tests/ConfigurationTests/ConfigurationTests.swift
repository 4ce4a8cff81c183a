import Foundation
import XCTest

@testable import Configuration

/// Every value of the three YAML files is checked where it is read, with the file, the line and the key.
final class ConfigurationTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("werksessies-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The error of `body`, which must be a `ConfigurationError`.
    func configurationError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> ConfigurationError? {
        do {
            try body()
            XCTFail("no error", file: file, line: line)
        } catch let error as ConfigurationError {
            XCTAssertFalse(error.description.contains("\n"), error.description, file: file, line: line)
            return error
        } catch {
            XCTFail("not a ConfigurationError: \(error)", file: file, line: line)
        }
        return nil
    }

    static let catalog = """
        event: "Test"
        organisations:
          - {id: ORG1, name: "Een", family: design}
          - {id: ORG2, name: "Twee", family: energy}
        sessions:
          - id: 1
            title: "Een"
            capacity: 10
            trekkers: [ORG1]
            toelichting: "t"
            steekwoorden: [{id: kunst, label: kunst}]
          - id: 2
            title: "Twee"
            capacity: 10
            trekkers: [ORG2]
            toelichting: "t"
            steekwoorden: [{id: energie, label: energie}]
        """

    func catalogError(_ text: String) throws -> ConfigurationError? {
        let path = try write("sessions.yml", text)
        return configurationError { _ = try CatalogFiles.loadCatalog(path: path) }
    }

    func configError(_ text: String) throws -> ConfigurationError? {
        let path = try write("nightly.yml", text)
        return configurationError { _ = try PipelineConfig.load(path: path) }
    }

    func testTheShippedFilesLoad() throws {
        let config = try PipelineConfig.load(path: Self.root.appendingPathComponent("Pipelines/nightly.yml").path)
        let taxonomy = try CatalogFiles.loadTaxonomy(path: config.taxonomyPath)
        let catalog = try CatalogFiles.loadCatalog(path: config.catalogPath, taxonomy: taxonomy)
        XCTAssertEqual(catalog.sessions.count, 8)
        XCTAssertEqual(config.keepRuns, 14)
        XCTAssertEqual(config.weights.waitlist, 10_000)
    }

    func testAMistypedKeyNamesTheLineAndTheNearestKnownKey() throws {
        let error = try catalogError(Self.catalog.replacingOccurrences(of: "    capacity: 10\n    trekkers: [ORG2]", with: "    capactiy: 10\n    trekkers: [ORG2]"))
        XCTAssertEqual(error?.line, 14)
        XCTAssertEqual(
            error?.description, "\(dir.path)/sessions.yml:14: unknown key 'sessions.capactiy'; did you mean 'capacity'?")
        let config = try configError("weights:\n  interest: 1\n  waitlsit: 5\n")
        XCTAssertEqual(config?.line, 3)
        XCTAssertTrue(config?.message.contains("did you mean 'waitlist'?") ?? false, config?.description ?? "")
        let top = try configError("keep_run: 3\n")
        XCTAssertEqual(top?.message, "unknown key 'keep_run'; did you mean 'keep_runs'?")
    }

    func testAKeyGivenTwiceInAnyMappingIsRefused() throws {
        let error = try configError("keep_runs: 3\noutput: out\nkeep_runs: 4\n")
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.message, "duplicate key 'keep_runs' (first given on line 1)")
        let nested = try catalogError(Self.catalog.replacingOccurrences(of: "    title: \"Twee\"", with: "    title: \"Twee\"\n    title: \"Drie\""))
        XCTAssertEqual(nested?.line, 14)
        XCTAssertTrue(nested?.message.contains("duplicate key 'sessions.title'") ?? false, nested?.description ?? "")
        let flow = try catalogError(Self.catalog.replacingOccurrences(of: "{id: ORG1, name: \"Een\", family: design}", with: "{id: ORG1, id: ORG9, name: \"Een\", family: design}"))
        XCTAssertEqual(flow?.line, 3)
    }

    func testDeepNestingIsRefusedBeforeTheParserRecurses() throws {
        let flow = try configError("pins: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))
        XCTAssertEqual(flow?.line, 1)
        XCTAssertEqual(flow?.message, "nested more than 64 levels deep")
        var block = ""
        for level in 0..<70 { block += String(repeating: " ", count: level) + "k\(level):\n" }
        XCTAssertEqual(try configError(block)?.message, "nested more than 64 levels deep")
        let dashes = try configError("pins:\n" + String(repeating: "- ", count: 100) + "x\n")
        XCTAssertEqual(dashes?.line, 2)
        // Brackets and quotes inside text are not nesting.
        XCTAssertEqual(YAMLDepth.deepest(in: "title: \"[[[[[\"\nnote: a [ b\nx: '{{{'\n").depth, 1)
        XCTAssertEqual(YAMLDepth.deepest(in: "a:\n  b: [1, [2, {c: 3}]]\n").depth, 5)
    }

    func testNumbersOutOfRangeNameTheKeyAndTheLine() throws {
        let cases: [(String, Int, String)] = [
            ("keep_runs: 0\n", 1, "keep_runs must be within 1…10000, not 0"),
            ("guards:\n  max_shrink_percent: 120\n", 2, "guards.max_shrink_percent must be within 0…100, not 120"),
            ("weights:\n  waitlist: 0\n", 2, "weights.waitlist must be within 1…1000000, not 0"),
            ("weights:\n  interest: -5\n", 2, "weights.interest must be within 0…1000000, not -5"),
            ("weights:\n  stability: 9223372036854775807\n", 2, "weights.stability must be within 0…1000000, not 9223372036854775807"),
            ("weights:\n  interest_decay_percent: 101\n", 2, "weights.interest_decay_percent must be within 0…100, not 101"),
            ("weights:\n  diversity: 200000\n", 2, "weights.diversity must be within 0…100000, not 200000"),
            ("weights:\n  interest: 1\n  diversity_steps: [1, 2]\n", 3, "weights.diversity_steps is replaced by one weight, weights.diversity (the board's Rao-Stirling)"),
            ("reports:\n  small_cell_threshold: 0\n", 2, "reports.small_cell_threshold must be within 1…1000000, not 0"),
            ("metrics:\n  same_family_distance: .nan\n", 2, "metrics.same_family_distance must be within 0…1, not nan"),
            ("metrics:\n  same_family_distance: -0.5\n", 2, "metrics.same_family_distance must be within 0…1, not -0.5"),
        ]
        for (text, line, message) in cases {
            let error = try configError(text)
            XCTAssertEqual(error?.line, line, text)
            XCTAssertEqual(error?.message, message, text)
        }
        let type = try configError("keep_runs: many\n")
        XCTAssertEqual(type?.line, 1)
    }

    func testCatalogValuesAndIdentities() throws {
        let negative = try catalogError(Self.catalog.replacingOccurrences(of: "capacity: 10\n    trekkers: [ORG1]", with: "capacity: -3\n    trekkers: [ORG1]"))
        XCTAssertEqual(negative?.line, 8)
        XCTAssertEqual(negative?.message, "session 1: capacity -3 is outside 0…1000000")
        let huge = try catalogError(Self.catalog.replacingOccurrences(of: "capacity: 10\n    trekkers: [ORG1]", with: "capacity: 5000000\n    trekkers: [ORG1]"))
        XCTAssertEqual(huge?.message, "session 1: capacity 5000000 is outside 0…1000000")
        let minimum = try catalogError(Self.catalog.replacingOccurrences(of: "capacity: 10\n    trekkers: [ORG1]", with: "capacity: 10\n    minimum: 11\n    trekkers: [ORG1]"))
        XCTAssertEqual(minimum?.line, 9)
        let twice = try catalogError(Self.catalog.replacingOccurrences(of: "  - id: 2\n", with: "  - id: 1\n"))
        XCTAssertEqual(twice?.line, 12)
        XCTAssertEqual(twice?.message, "session '1' is given twice")
        let organisation = try catalogError(Self.catalog.replacingOccurrences(of: "{id: ORG2,", with: "{id: ORG1,"))
        XCTAssertEqual(organisation?.line, 4)
        XCTAssertEqual(organisation?.message, "organisation 'ORG1' is given twice")
        let empty = try catalogError("event: \"Test\"\norganisations: []\nsessions: []\n")
        XCTAssertEqual(empty?.line, 3)
        XCTAssertEqual(empty?.message, "the catalog has no sessions")
        let rule = try catalogError(Self.catalog.replacingOccurrences(of: "    trekkers: [ORG2]", with: "    trekkers: [ORG2]\n    eligibility: [{rule: requires_mandat}]"))
        XCTAssertEqual(rule?.message, "session 2: unknown eligibility rule 'requires_mandat'; did you mean 'requires_mandate'?")
    }

    func testSyntaxErrorsAreOneLineWithTheLine() throws {
        let error = try configError("inputs: [\n  - path: x.csv\n weights: oops")
        XCTAssertNotNil(error?.line)
        XCTAssertTrue(error?.message.hasPrefix("invalid YAML") ?? false, error?.description ?? "")
        let missing = configurationError { _ = try PipelineConfig.load(path: dir.appendingPathComponent("none.yml").path) }
        XCTAssertEqual(missing?.kind, .unreadable)
    }

    func testReportTextsAreReadTrimmedAndCheckedWithTheirLine() throws {
        let path = try write("nightly.yml", """
            reports:
              csv_dialect: excel-nl
              author: "  Team Indeling  "
              company: Ministerie van BZK
              contact: "Vragen? Anna Jansen, anna.jansen@example.nl, 070 123 45 67"
            """)
        let options = try PipelineConfig.load(path: path).reportOptions
        XCTAssertEqual(options.csvDialect, .excelNL)
        XCTAssertEqual(options.author, "Team Indeling")
        XCTAssertEqual(options.company, "Ministerie van BZK")
        XCTAssertEqual(options.contact, "Vragen? Anna Jansen, anna.jansen@example.nl, 070 123 45 67")
        let absent = try PipelineConfig.load(path: try write("nightly.yml", "keep_runs: 3\n")).reportOptions
        XCTAssertNil(absent.author)
        XCTAssertNil(absent.company)
        XCTAssertNil(absent.contact)

        let long = String(repeating: "x", count: 256)
        let cases: [(String, Int, String)] = [
            ("reports:\n  author: \"  \"\n", 2, "reports.author is empty: leave the key out or give a text"),
            ("reports:\n  language: nl\n  company: \"BZK\\nDGBRW\"\n", 3, "reports.company must be one line (no line breaks or control characters)"),
            ("reports:\n  contact: |\n    Anna\n    Piet\n", 2, "reports.contact must be one line (no line breaks or control characters)"),
            ("reports:\n  contact: \(long)\n", 2, "reports.contact must be at most 255 characters, not 256"),
            ("reports:\n  csv_dialect: excel\n", 2, "reports.csv_dialect must be standard or excel-nl, not 'excel'"),
        ]
        for (text, line, message) in cases {
            let error = try configError(text)
            XCTAssertEqual(error?.line, line, text)
            XCTAssertEqual(error?.message, message, text)
        }
        let typo = try configError("reports:\n  autor: Anna\n")
        XCTAssertEqual(typo?.line, 2)
        XCTAssertEqual(typo?.message, "unknown key 'reports.autor'; did you mean 'author'?")
        let list = try configError("reports:\n  company: [BZK, RVO]\n")
        XCTAssertEqual(list?.line, 2, list?.description ?? "")
    }
}
