import Foundation
import Ingest
import TestSupport
import WerksessiesModel
import XCTest

@testable import Reports

final class ReportsTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ bundle: ReportBundle = ReportFixture.bundle(), settings: Reports.Settings = .init()) throws -> [String] {
        try Reports.writeAll(bundle, to: directory, settings: settings)
    }

    private func csv(_ name: String, delimiter: Character = ",") throws -> [[String]] {
        parseCSV(try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8), delimiter: delimiter)
    }

    // MARK: - Files

    func testWritesEveryFileAndReturnsTheirPaths() throws {
        let paths = try write()
        XCTAssertEqual(paths, [
            "assignments.csv", "session_metrics.csv", "keyword_coverage.csv", "changes.csv", "notifications.csv", "data_quality.csv",
            "data_quality.xlsx", "board.xlsx", "partners/BNA.xlsx", "partners/PBL.xlsx", "partners/SBB.xlsx", "partners/Holland_Solar.xlsx", "partners/Atelier_X.xlsx",
        ])
        for path in paths {
            XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path), path)
        }
    }

    func testPartnerFileNamesAreSafeAndUnique() {
        XCTAssertEqual(
            Reports.partnerFileNames(["BNSP", "Holland Solar", "Ateliér/X", "../etc", "a:b", "A:B", "", "-x"]),
            ["BNSP", "Holland_Solar", "Atelier_X", "___etc", "a_b", "A_B-2", "partner", "x"])
    }

    // MARK: - CSV

    func testAssignmentsCSVHasOneRowPerRegistrantWithContractColumns() throws {
        _ = try write()
        let raw = try Data(contentsOf: directory.appendingPathComponent("assignments.csv"))
        XCTAssertNotEqual(Array(raw.prefix(3)), [0xEF, 0xBB, 0xBF], "no BOM in the standard dialect")
        let text = String(decoding: raw, as: UTF8.self)
        XCTAssertTrue(text.hasSuffix("\r\n"))
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n") && !text.contains("\"\n"))
        let rows = try csv("assignments.csv")
        XCTAssertEqual(rows.first, Reports.assignmentColumns)
        XCTAssertEqual(rows.count, 1 + ReportFixture.people.count)
        XCTAssertTrue(rows.allSatisfy { $0.count == 13 })
        let byEmail = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[1], $0) })

        let anna = try XCTUnwrap(byEmail[ReportFixture.email(0)])
        XCTAssertEqual(anna[2], "Anna de Vries")
        XCTAssertEqual(anna[4], "architect")
        XCTAssertEqual(anna[5], "design")
        XCTAssertEqual(anna[6], "groen|ontwerp")
        XCTAssertEqual(anna[7], "false")
        XCTAssertEqual(anna[8], "true")
        XCTAssertEqual(anna[9], "assigned")
        XCTAssertEqual(anna[10], "1")
        XCTAssertEqual(anna[11], "ontwerp")
        XCTAssertEqual(anna[12], "false")

        let cancelled = try XCTUnwrap(byEmail[ReportFixture.email(17)])
        XCTAssertEqual(cancelled[9], "cancelled")
        XCTAssertEqual(cancelled[10], "")
        XCTAssertEqual(cancelled[11], "")

        let waitlisted = try XCTUnwrap(byEmail[ReportFixture.email(16)])
        XCTAssertEqual(waitlisted[9], "waitlisted")
        XCTAssertEqual(waitlisted[10], "")

        let unknown = try XCTUnwrap(byEmail[ReportFixture.email(8)])
        XCTAssertEqual(unknown[4], "")
        XCTAssertEqual(unknown[5], "")

        XCTAssertEqual(Set(rows.dropFirst().map { $0[9] }), ["assigned", "waitlisted", "cancelled"])
    }

    func testFormulaInjectionIsNeutralisedInCSV() throws {
        _ = try write()
        let text = try String(contentsOf: directory.appendingPathComponent("assignments.csv"), encoding: .utf8)
        // The name contains quotes and commas: quoted, quotes doubled, and prefixed with '.
        XCTAssertTrue(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\""))
        let rows = try csv("assignments.csv")
        XCTAssertTrue(rows.contains { $0[2] == "'" + ReportFixture.formulaName })
        XCTAssertTrue(rows.contains { $0[2] == "'-Sanne+ Post" })
        XCTAssertFalse(rows.dropFirst().contains { CSVWriter.looksLikeFormula($0[2]) })
        let dq = try csv("data_quality.csv")
        XCTAssertEqual(dq[1][7], "'=cmd|' /C calc'!A0")

        for trigger in ["=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "\rx"] {
            var writer = CSVWriter(dialect: .standard)
            writer.row([.text(trigger)])
            let out = String(decoding: writer.bytes, as: UTF8.self)
            XCTAssertTrue(out.hasPrefix("'") || out.hasPrefix("\"'"), trigger)
        }
        var writer = CSVWriter(dialect: .standard)
        writer.row([.text("a=b"), .number("-1.500000"), .text("plain"), .text("x,y"), .text("say \"hi\""), .text("two\nlines")])
        XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), "a=b,-1.500000,plain,\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
    }

    func testExcelNLDialectHasBOMSemicolonsAndCRLF() throws {
        _ = try write(ReportFixture.bundle(options: ReportOptions(csvDialect: .excelNL)))
        for name in ["assignments.csv", "session_metrics.csv", "keyword_coverage.csv", "data_quality.csv", "changes.csv"] {
            let raw = try Data(contentsOf: directory.appendingPathComponent(name))
            XCTAssertEqual(Array(raw.prefix(3)), [0xEF, 0xBB, 0xBF], name)
            let text = String(decoding: raw.dropFirst(3), as: UTF8.self)
            XCTAssertTrue(text.hasPrefix(try XCTUnwrap(text.split(separator: "\r\n").first).description))
            XCTAssertTrue(text.hasSuffix("\r\n"))
        }
        let rows = try csv("assignments.csv", delimiter: ";")
        XCTAssertEqual(rows.first, Reports.assignmentColumns)
        XCTAssertTrue(rows.dropFirst().allSatisfy { $0.count == 13 })
        let metrics = try csv("session_metrics.csv", delimiter: ";")
        XCTAssertEqual(metrics[1][5], "1,100000", "decimal comma in the ; dialect")
        XCTAssertEqual(metrics[1][13], "0,666667")
        XCTAssertEqual(metrics[2][8], "0,470000")
        // The bytes themselves: BOM, header, then "1;Ontwerpend onderzocht, en dan?;8;8;…;1,100000;…" with no
        // decimal point anywhere in a number and the title's own comma unquoted (it is not the delimiter).
        let raw = try Data(contentsOf: directory.appendingPathComponent("session_metrics.csv"))
        let lines = String(decoding: raw.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        XCTAssertEqual(lines[0], Reports.sessionMetricColumns.joined(separator: ";"))
        XCTAssertTrue(lines[1].hasPrefix("1;Ontwerpend onderzocht, en dan?;8;8;"), lines[1])
        XCTAssertTrue(lines[1].contains(";0,666667;"), lines[1])
        for line in lines.dropFirst() where !line.isEmpty {
            let numbers = line.split(separator: ";").filter { $0.first?.isNumber ?? false }
            XCTAssertFalse(numbers.contains { $0.contains(".") }, line)
        }
        var writer = CSVWriter(dialect: .excelNL)
        writer.row([.decimal(0.75), .decimal(-1.5), .decimal(.nan), .number("3"), .text("0.75")])
        XCTAssertEqual(writer.bytes, [0xEF, 0xBB, 0xBF] + Array("0,750000;-1,500000;;3;0.75\r\n".utf8))
        XCTAssertEqual(CSVWriter.format(1e17, decimals: 2, separator: ","), "100000000000000000,00")
    }

    func testStandardDialectKeepsTheDecimalPoint() throws {
        var writer = CSVWriter(dialect: .standard)
        writer.row([.decimal(0.75), .decimal(-1.5), .text("0,75")])
        XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), "0.750000,-1.500000,\"0,75\"\r\n")
    }

    func testCSVsAreByteIdenticalAcrossRuns() throws {
        let bundle = ReportFixture.bundle()
        _ = try write(bundle)
        let names = ["assignments.csv", "session_metrics.csv", "keyword_coverage.csv", "data_quality.csv", "changes.csv"]
        let first = try names.map { try Data(contentsOf: directory.appendingPathComponent($0)) }
        _ = try write(bundle, settings: .init(parallel: false))
        let second = try names.map { try Data(contentsOf: directory.appendingPathComponent($0)) }
        XCTAssertEqual(first, second)
    }

    func testSessionMetricsCSVColumnsAndFixedDecimals() throws {
        _ = try write()
        let rows = try csv("session_metrics.csv")
        XCTAssertEqual(Array(rows[0].prefix(15)), [
            "session", "title", "capacity", "participants", "disciplines", "shannon", "evenness", "gini_simpson", "rao_stirling",
            "max_family_share", "organisations", "keyword_coverage", "mean_matched_keywords", "share_with_match",
            "outside_comfort_zone_share",
        ])
        XCTAssertEqual(Array(rows[0].dropFirst(15)), ["inverse_simpson", "rao_stirling_effective", "unknown_discipline", "max_organisation_share"])
        XCTAssertEqual(rows.count, 4)
        XCTAssertEqual(rows[1][0], "1")
        XCTAssertEqual(rows[1][1], "Ontwerpend onderzocht, en dan?")
        XCTAssertEqual(rows[1][3], "8")
        XCTAssertEqual(rows[1][13], "0.666667")
        XCTAssertEqual(rows[2][8], "0.470000")
        XCTAssertEqual(CSVWriter.format(1.0 / 3.0), "0.333333")
        XCTAssertEqual(CSVWriter.format(-0.0000001), "0.000000")
        XCTAssertEqual(CSVWriter.format(2.5, decimals: 0), "3")
        XCTAssertEqual(CSVWriter.format(.nan), "")
    }

    func testKeywordCoverageListsEveryKeywordOfEverySession() throws {
        _ = try write()
        let rows = try csv("keyword_coverage.csv")
        XCTAssertEqual(rows[0], ["session", "keyword", "label", "interested_participants"])
        XCTAssertEqual(rows.count, 1 + 3 + 3 + 3)
        XCTAssertEqual(rows[1], ["1", "ontwerp", "ontwerpend onderzoek", "2"])
        XCTAssertTrue(rows.contains(["2", "novi", "NOVI", "2"]))
        XCTAssertTrue(rows.contains(["3", "novi", "NOVI", "2"]))
        XCTAssertTrue(rows.contains(["3", "zon", "zonneparken", "0"]), "\(rows)")
        let zero = rows.dropFirst().filter { $0[3] == "0" }
        XCTAssertFalse(zero.isEmpty, "keywords nobody holds are listed with 0")
    }

    func testDataQualityAndChangesCSV() throws {
        _ = try write()
        let dq = try csv("data_quality.csv")
        XCTAssertEqual(
            dq[0],
            ["file", "sheet", "row", "column", "severity", "code", "message", "value", "participant_id", "email", "advice"])
        XCTAssertEqual(dq.count, 4)
        XCTAssertEqual(dq[3], ["export.xlsx", "Blad1", "11", "Discipline", "warning", "unmapped_discipline",
                               "Onbekende discipline; bedoelde u \"Ecologie\"?", "ekologie", "Pe86395ade7270e20",
                               "persoon9@example.org",
                               "Voeg 'ekologie' toe aan taxonomy.yml (discipline) of corrigeer met: werksessies correct persoon9@example.org discipline ecology"])
        let changes = try csv("changes.csv")
        XCTAssertEqual(changes[0], ["participant_id", "email", "change", "from_session", "to_session", "reason"])
        XCTAssertEqual(changes[2].dropFirst(2), ["moved", "1", "2", "capaciteit"])
        XCTAssertEqual(changes[3][4], "")
    }

    func testALargeDataQualityListIsWrittenInConstantMemoryWithTheSameRows() throws {
        _ = try write()
        let inMemory = try WorkbookReadBack(directory.appendingPathComponent("data_quality.xlsx"))
        _ = try write(settings: .init(constantMemoryRows: 1))
        let streamed = try WorkbookReadBack(directory.appendingPathComponent("data_quality.xlsx"))
        XCTAssertEqual(streamed.rows(sheet: 0), inMemory.rows(sheet: 0))
        XCTAssertEqual(streamed.rows(sheet: 0).count, 4, "header and three rows")
        XCTAssertEqual(inMemory.rows(sheet: 0).dropFirst().map { $0[1] }, ["fout", "fout", "waarschuwing"], "severities in Dutch")
        XCTAssertNotNil(inMemory.entries["xl/tables/table1.xml"])
        XCTAssertFalse(streamed.entries.keys.contains { $0.hasPrefix("xl/tables/") }, "no table in constant-memory mode")
        let sheet = streamed.worksheetXML[0]
        XCTAssertTrue(sheet.contains("<autoFilter ref=\"A1:K4\"/>"), "a filter over header and rows")
        XCTAssertTrue(sheet.contains("<pane xSplit=\"1\" ySplit=\"1\""), "header and first column frozen")
    }

    // MARK: - Board workbook

    func testBoardWorkbookHasSheetsChartsAndNoPersonalData() throws {
        _ = try write()
        let board = try WorkbookReadBack(directory.appendingPathComponent("board.xlsx"))
        XCTAssertEqual(board.sheetNames, [
            "Dashboard", "Leeswijzer", "Overzicht", "Grafieken", "Familiemix", "Steekwoorden", "Kwaliteit indeling",
            "Datakwaliteit", "Wijzigingen", "Trend", "Over dit rapport", "Grafiekgegevens",
        ])
        // The event's own counts are always shown, so the sessions' totals need not hide to protect them: the
        // per-session charts (participants and seats, outside the comfort zone, keyword coverage, match, family
        // mix), the rank profile and the two trend charts, all from the chart-data sheet (BoardAttackTests checks
        // that none plots a hidden count).
        XCTAssertEqual(board.chartParts.count, 8)
        XCTAssertTrue(board.chartParts.map(board.text).contains { $0.contains("<c:scatterChart>") })
        XCTAssertEqual(board.chartParts.map(board.text).filter { $0.contains("Grafiekgegevens!") }.count, 8)
        let people = ReportFixture.participants()
        for (path, data) in board.allBytes {
            let text = String(decoding: data, as: UTF8.self)
            for p in people {
                XCTAssertFalse(text.contains(p.email), "\(p.email) in \(path)")
                XCTAssertFalse(p.name.count > 5 && text.contains(p.name), "\(p.name) in \(path)")
            }
            XCTAssertFalse(text.contains("HYPERLINK"), path)
        }
        // The data-quality counts say in words what each code means; the code comes last, for the analysts.
        let quality = board.rows(sheet: 7)
        XCTAssertEqual(quality[0], ["Wat het betekent", "Ernst", "Code", "Aantal"])
        XCTAssertEqual(quality[1], ["ongeldig e-mailadres; aanmelding niet meegeteld", "fout", "invalid_email", "2"])
        XCTAssertEqual(quality[2], ["discipline niet herkend", "waarschuwing", "unmapped_discipline", "1"])
        let strings = board.text("xl/sharedStrings.xml")
        XCTAssertTrue(strings.contains("<t>&lt;5</t>"), "small counts shown as <5")
        XCTAssertTrue(strings.contains("Rao-Stirling"))
        XCTAssertTrue(strings.contains("geannuleerd"))
        let sheets = board.worksheetXML
        XCTAssertTrue(sheets[2].contains("<colorScale>"), "overview has colour scales")
        XCTAssertTrue(sheets[2].contains("<dataBar>"), "overview has data bars for shares")
        XCTAssertTrue(sheets[5].contains("<colorScale>"), "keyword heat map has a colour scale")
        for index in [1, 2, 4, 5, 6, 7, 8, 9, 10] {
            XCTAssertTrue(sheets[index].contains("<tablePart "), "sheet \(index) is an Excel table")
            XCTAssertTrue(sheets[index].contains("<pane ySplit=\"1\"") || sheets[index].contains("ySplit=\"1\""), "frozen header")
            XCTAssertTrue(sheets[index].contains("<cols>"), "column widths")
        }
        let styles = board.text("xl/styles.xml")
        XCTAssertTrue(styles.contains("formatCode=\"0.0%\""))
        // The diversity indices are shown to two decimals (decision 0011), no longer to three.
        XCTAssertTrue(styles.contains("formatCode=\"0.00\""))
        let core = board.text("docProps/core.xml")
        XCTAssertTrue(core.contains("<dc:creator>werksessies</dc:creator>"))
        XCTAssertTrue(core.contains("2024-06-01T00:00:00Z"))
        XCTAssertTrue(core.contains("Bestuursrapportage"))
    }

    func testBoardWithoutHistoryHasNoTrendChart() throws {
        _ = try write(ReportFixture.bundle(history: []))
        let board = try WorkbookReadBack(directory.appendingPathComponent("board.xlsx"))
        XCTAssertEqual(board.chartParts.count, 6, "the two trend charts are left out")
        XCTAssertFalse(board.chartParts.map(board.text).contains { $0.contains("<c:scatterChart>") })
        XCTAssertTrue(board.sheetNames.contains("Trend"))
    }

    func testEnglishLabels() throws {
        _ = try write(ReportFixture.bundle(options: ReportOptions(language: .en)))
        let board = try WorkbookReadBack(directory.appendingPathComponent("board.xlsx"))
        XCTAssertEqual(board.sheetNames, [
            "Dashboard", "Reading guide", "Overview", "Charts", "Family mix", "Keywords", "Assignment quality", "Data quality", "Changes",
            "Trend", "About", "Chart data",
        ])
        let partner = try WorkbookReadBack(directory.appendingPathComponent("partners/PBL.xlsx"))
        XCTAssertEqual(partner.sheetNames, ["Cover", "Session 1", "Session 2", "Summary", "Changes", "Attendance session 1", "Attendance session 2"])
        XCTAssertTrue(partner.text("xl/sharedStrings.xml").contains("no consent"))
        for label in ReportLabel.allCases {
            XCTAssertFalse(label.text(.nl).isEmpty)
            XCTAssertFalse(label.text(.en).isEmpty)
        }
    }

    // MARK: - Partner workbooks

    private func assertPartnerFiles(constantMemory: Bool) throws {
        _ = try write(settings: .init(constantMemoryRows: constantMemory ? 1 : 1_000_000))
        let bundle = ReportFixture.bundle()
        let placements = bundle.assignment.placementsByID()
        for organisation in bundle.catalog.organisations {
            let file = Reports.partnerFileNames(bundle.catalog.organisations.map(\.id))[
                bundle.catalog.organisations.firstIndex(of: organisation)!]
            let package = try WorkbookReadBack(directory.appendingPathComponent("partners/\(file).xlsx"))
            let own = bundle.catalog.sessions(of: organisation.id).map(\.id)
            XCTAssertEqual(
                package.sheetNames,
                ["Voorblad"] + own.map { "Sessie \($0)" } + ["Samenvatting", "Wijzigingen"] + own.map { "Presentielijst sessie \($0)" },
                organisation.id)
            XCTAssertEqual(package.chartParts, ["xl/charts/chart1.xml"], organisation.id)

            let allowed = Set(bundle.participants.filter { p in
                p.consent && !p.cancelled && placements[p.id]?.session.map(own.contains) == true
            }.map(\.email))
            XCTAssertFalse(allowed.isEmpty)
            var seen = Set<String>()
            for (path, data) in package.allBytes {
                let text = String(decoding: data, as: UTF8.self)
                for p in bundle.participants {
                    if text.contains(p.email) {
                        XCTAssertTrue(allowed.contains(p.email), "\(organisation.id): \(p.email) must not be in \(path)")
                        seen.insert(p.email)
                    }
                }
                XCTAssertFalse(text.contains("<f>"), "no formulas in \(path)")
            }
            XCTAssertEqual(seen, allowed, "every consenting participant of the partner's sessions is listed")

            let allText = package.allBytes.map { String(decoding: $0.1, as: UTF8.self) }.joined()
            XCTAssertTrue(allText.contains("geen toestemming"))
            XCTAssertTrue(allText.contains("Gematchte steekwoorden"))
            let core = package.text("docProps/core.xml")
            XCTAssertTrue(core.contains("<dc:creator>werksessies</dc:creator>"))
            XCTAssertTrue(core.contains(organisation.name.replacingOccurrences(of: "&", with: "&amp;")))
        }
        // The formula-like name is in session 1: stored as a string cell, not as a formula.
        let bna = try WorkbookReadBack(directory.appendingPathComponent("partners/BNA.xlsx"))
        let escaped = "=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)"
        let sheet1 = bna.text("xl/worksheets/sheet2.xml")
        let raw = ReportFixture.formulaName
        if constantMemory {
            XCTAssertTrue(sheet1.contains("t=\"inlineStr\""), "constant memory writes inline strings")
            XCTAssertTrue(sheet1.contains("<t>\(escaped)</t>") || sheet1.contains("<t>\(raw)</t>"))
            XCTAssertNil(bna.entries["xl/sharedStrings.xml"])
        } else {
            let strings = bna.text("xl/sharedStrings.xml")
            XCTAssertTrue(strings.contains("<t>\(escaped)</t>") || strings.contains("<t>\(raw)</t>"))
            XCTAssertTrue(sheet1.contains("t=\"s\""))
        }
        XCTAssertFalse(sheet1.contains("<f>"))
        XCTAssertTrue(bna.rows(sheet: 1).contains { $0.contains(raw) }, "the name reads back as its text in both modes")
        XCTAssertTrue(bna.text("xl/charts/chart1.xml").contains("<c:barChart>"))
        // SBB leads session 2 only: nothing about session 1 participants.
        let sbb = try WorkbookReadBack(directory.appendingPathComponent("partners/SBB.xlsx"))
        let sbbText = sbb.allBytes.map { String(decoding: $0.1, as: UTF8.self) }.joined()
        XCTAssertFalse(sbbText.contains("Anna de Vries"))
        XCTAssertFalse(sbbText.contains("HYPERLINK"))
        XCTAssertTrue(sbbText.contains("Greet de Boer"))
    }

    func testPartnerWorkbooksContainOnlyOwnSessionsAndConsentingEmails() throws {
        try assertPartnerFiles(constantMemory: false)
    }

    func testPartnerWorkbooksInConstantMemoryMode() throws {
        try assertPartnerFiles(constantMemory: true)
    }

    // MARK: - Small-cell protection

    func testPrimarySuppressionHidesSmallNonZeroCounts() {
        let p = SmallCellProtection(threshold: 5)
        XCTAssertEqual([0, 1, 4, 5, 100].map(p.isSmall), [false, true, true, false, false])
        XCTAssertEqual(p.hiddenLabel, "<5")
        XCTAssertFalse(SmallCellProtection(threshold: 0).isSmall(1), "a threshold of 0 or 1 hides nothing")
    }

    func testBoardShowsSuppressedCountsButCSVStaysExact() throws {
        _ = try write()
        let board = try WorkbookReadBack(directory.appendingPathComponent("board.xlsx"))
        // Family mix of session 3: energy 2, others 1 → all hidden; the CSV has the exact participants.
        XCTAssertTrue(board.text("xl/sharedStrings.xml").contains("&lt;5"))
        let rows = try csv("session_metrics.csv")
        XCTAssertEqual(rows[3][3], "5")
        XCTAssertEqual(rows[1][3], "8")
    }
}

/// A streamed CSV: written in chunks to a temporary file, the same bytes as in memory, named only when finished.
final class CSVStreamingTests: XCTestCase {
    func testAStreamedDocumentHasTheBytesOfTheDocumentInMemory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("big.csv")
        var streamed = try CSVWriter(dialect: .excelNL, streamingTo: url)
        var memory = CSVWriter(dialect: .excelNL)
        for i in 0..<40_000 {
            let row: [CSVField] = [.text("deelnemer-\(i)@voorbeeld.nl"), .number("\(i)"), .text("Naam; met \"quotes\"\nen regel \(i)")]
            streamed.row(row)
            memory.row(row)
        }
        XCTAssertGreaterThan(memory.bytes.count, 2 * CSVWriter.chunkBytes, "several chunks")
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path), "the report's name appears only when finished")
        try streamed.finish()
        XCTAssertEqual(try Data(contentsOf: url), Data(memory.bytes))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["big.csv"], "no temporary file left")
    }
}
