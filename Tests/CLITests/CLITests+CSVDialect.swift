import Foundation
import XCTest

/// `--csv-dialect` on the real program: it overrides the config's `reports.csv_dialect` either way.
extension CLITests {
    /// The shipped config with `reports.csv_dialect` set, its paths made absolute, in the scratch folder.
    func configWithDialect(_ dialect: String) throws -> URL {
        let config = dir.appendingPathComponent("nightly.yml")
        let text = try String(contentsOf: Self.root.appendingPathComponent("Pipelines/nightly.yml"), encoding: .utf8)
            .replacingOccurrences(of: "csv_dialect: standard", with: "csv_dialect: \(dialect)")
            .replacingOccurrences(of: "../", with: Self.root.path + "/")
            .replacingOccurrences(of: "catalog: sessions.yml", with: "catalog: \(Self.root.path)/Pipelines/sessions.yml")
            .replacingOccurrences(of: "taxonomy: taxonomy.yml", with: "taxonomy: \(Self.root.path)/Pipelines/taxonomy.yml")
        XCTAssertTrue(text.contains("csv_dialect: \(dialect)"))
        try text.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    /// The bytes of a CSV of the latest run in `out`.
    func publishedCSV(_ out: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: dir.appendingPathComponent("\(out)/latest/\(name)")))
    }

    func testCSVDialectOnTheCommandLineOverridesTheConfig() throws {
        let standard = try configWithDialect("standard")
        let nl = try werksessies([
            "run", standard.path, "--csv-dialect", "excel-nl", "--output", dir.appendingPathComponent("nl").path,
            "--state", dir.appendingPathComponent("nl.sqlite").path,
        ])
        XCTAssertEqual(nl.status, 0, nl.stderr)
        let metrics = try publishedCSV("nl", "session_metrics.csv")
        XCTAssertEqual(Array(metrics.prefix(3)), [0xEF, 0xBB, 0xBF])
        let text = String(decoding: metrics.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("session;title;capacity;participants;disciplines;shannon;"), text)
        XCTAssertNotNil(text.range(of: #";0,\d{6};"#, options: .regularExpression), text)
        XCTAssertNil(text.range(of: #";\d+\.\d{6}"#, options: .regularExpression), text)
        let assignments = try publishedCSV("nl", "assignments.csv")
        XCTAssertEqual(Array(assignments.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertTrue(String(decoding: assignments.dropFirst(3), as: UTF8.self).hasPrefix("participant_id;email;name;"))

        let excel = try configWithDialect("excel-nl")
        let plain = try werksessies([
            "run", excel.path, "--csv-dialect", "standard", "--output", dir.appendingPathComponent("std").path,
            "--state", dir.appendingPathComponent("std.sqlite").path,
        ])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let standardMetrics = try publishedCSV("std", "session_metrics.csv")
        XCTAssertNotEqual(Array(standardMetrics.prefix(3)), [0xEF, 0xBB, 0xBF])
        let standardText = String(decoding: standardMetrics, as: UTF8.self)
        XCTAssertTrue(standardText.hasPrefix("session,title,capacity,participants,disciplines,shannon,"), standardText)
        XCTAssertNotNil(standardText.range(of: #",0\.\d{6},"#, options: .regularExpression), standardText)
        XCTAssertNil(standardText.range(of: #"\d,\d{6}"#, options: .regularExpression), standardText)

        assertFails(
            try werksessies(runArguments(["--csv-dialect", "excel"])), status: 2,
            mentioning: "--csv-dialect must be 'standard' or 'excel-nl', not 'excel'")
    }
}
