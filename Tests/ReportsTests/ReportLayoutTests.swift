import Foundation
import TestSupport
import WerksessiesModel
import XCTest

@testable import Reports

/// The structural points of issue 18, read back from the written workbooks.
final class ReportLayoutTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func workbook(_ name: String, settings: Reports.Settings = .init()) throws -> WorkbookReadBack {
        _ = try Reports.writeAll(ReportFixture.bundle(), to: directory, settings: settings)
        return try WorkbookReadBack(directory.appendingPathComponent(name))
    }

    /// Cell reference → the cell's `t` attribute ("n" for a number), from a sheet's XML.
    private func cellTypes(_ xml: String) -> [String: String] {
        var types: [String: String] = [:]
        for part in xml.components(separatedBy: "<c r=\"").dropFirst() {
            guard let end = part.firstIndex(of: "\"") else { continue }
            let reference = String(part[..<end])
            let tag = part[..<(part.firstIndex(of: ">") ?? part.endIndex)]
            if let t = tag.range(of: " t=\"") {
                types[reference] = String(tag[t.upperBound...].prefix { $0 != "\"" })
            } else {
                types[reference] = "n"
            }
        }
        return types
    }

    private func columnNumber(_ letters: Substring) -> Int {
        letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
    }

    func testEveryChartSeriesReadsNumbersOnly() throws {
        for name in ["board.xlsx", "partners/PBL.xlsx"] {
            let book = try workbook(name)
            let sheets = book.sheetNames
            XCTAssertFalse(book.chartParts.isEmpty, name)
            for chart in book.chartParts {
                let xml = book.text(chart)
                for value in xml.components(separatedBy: "<c:val><c:numRef><c:f>").dropFirst() {
                    let formula = String(value.prefix { $0 != "<" }).replacingOccurrences(of: "&apos;", with: "'")
                    let parts = formula.split(separator: "!")
                    let sheet = parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "'"))
                    let index = try XCTUnwrap(sheets.firstIndex(of: sheet), "\(name) \(chart): \(formula)")
                    let types = cellTypes(book.worksheetXML[index])
                    let ends = parts[1].replacingOccurrences(of: "$", with: "").split(separator: ":")
                    func split(_ ref: Substring) -> (Int, Int) {
                        let letters = ref.prefix { $0.isLetter }
                        return (Int(ref.dropFirst(letters.count)) ?? 0, columnNumber(letters))
                    }
                    let (r0, c0) = split(ends[0])
                    let (r1, c1) = split(ends.count > 1 ? ends[1] : ends[0])
                    for r in r0...r1 {
                        for c in c0...c1 {
                            let letter = String(UnicodeScalar(UInt8(64 + c)))
                            if let type = types["\(letter)\(r)"] {
                                XCTAssertEqual(type, "n", "\(name) \(chart): \(letter)\(r) of \(formula) is text")
                            }
                        }
                    }
                }
            }
        }
    }

    func testHeadersFitTheirRowsAndNotesStayWithinTheirTables() throws {
        XCTAssertEqual(TableWriter.headerLines("Gem. gematchte steekwoorden", width: 14), 3)
        XCTAssertEqual(TableWriter.headerLines("Sessie", width: 11), 1)
        XCTAssertEqual(TableWriter.headerLines("Rao-Stirling effectief", width: 14), 2)
        _ = try Reports.writeAll(ReportFixture.bundle(), to: directory, settings: .init())
        let board = try WorkbookReadBack(directory.appendingPathComponent("board.xlsx"))
        let overview = board.worksheetXML[try XCTUnwrap(board.sheetNames.firstIndex(of: "Overzicht"))]
        let headerRow = overview.range(of: #"<row r="1"[^>]*>"#, options: .regularExpression).map { String(overview[$0]) } ?? ""
        XCTAssertTrue(headerRow.contains(#"ht="45""#), "'Grootste / organisatie- / aandeel' gets three lines: \(headerRow)")
        XCTAssertEqual(TableWriter.headerLines("Grootste organisatie-aandeel", width: 15), 3)
        for name in ["Overzicht", "Familiemix", "Datakwaliteit", "Wijzigingen", "Trend"] {
            let xml = board.worksheetXML[try XCTUnwrap(board.sheetNames.firstIndex(of: name), "\(name) in \(board.sheetNames)")]
            XCTAssertTrue(xml.contains("<mergeCell ref=\"A"), "\(name): the note wraps across the table, not beyond it")
        }
    }

    func testBoardChartsAreHonest() throws {
        // Sessions large enough to chart, one family of one session small (hidden, so part of "overig").
        _ = try Reports.writeAll(ReportFixture.large(count: 400), to: directory, settings: .init())
        let board = try WorkbookReadBack(directory.appendingPathComponent("board.xlsx"))
        XCTAssertEqual(board.chartParts.count, 9, "fill rate, comfort zone, six measures, family mix")
        let charts = board.chartParts.map(board.text)
        let mix = try XCTUnwrap(charts.first { $0.contains("percentStacked") })
        XCTAssertTrue(mix.contains("<c:barChart>"))
        XCTAssertTrue(mix.contains("<c:dLbls>"), "data labels")
        XCTAssertTrue(mix.contains("overig"), "small groups combined as overig")
        XCTAssertTrue(mix.contains("Natuur"), "a family hidden in one session is still plotted for the others")
        let data = try XCTUnwrap(board.sheetNames.firstIndex(of: "Grafiekgegevens"))
        let natureRows = board.rows(sheet: data)
        let header = try XCTUnwrap(natureRows.firstIndex { $0.contains("Natuur") && $0.contains("overig") })
        let (nature, other) = (natureRows[header].firstIndex(of: "Natuur")!, natureRows[header].firstIndex(of: "overig")!)
        let sessionRows = natureRows[(header + 1)...].prefix { !($0.first ?? "").isEmpty }
        XCTAssertEqual(sessionRows.count, 8)
        for row in sessionRows {
            let second = row[0] == "Sessie 2"
            XCTAssertEqual(nature < row.count ? row[nature] : "", second ? "" : "10", "\(row)")
            XCTAssertEqual(other < row.count && !row[other].isEmpty, second, "\(row)")
        }
        for chart in charts where chart.contains("<c:valAx>") {
            XCTAssertFalse(chart.contains("Shannon") && chart.contains("Rao-Stirling"), "no two diversity measures on one axis")
        }
        for chart in charts where !chart.contains("percentStacked") {
            XCTAssertTrue(chart.contains("<c:min val=\"0\"/>"), "axes from zero")
        }
        let trend = try XCTUnwrap(try workbook("board.xlsx").chartParts.map { try workbook("board.xlsx").text($0) }.first { $0.contains("<c:scatterChart>") })
        XCTAssertTrue(trend.contains("d-m"), "dates on the x axis")
        XCTAssertTrue(trend.contains("<c:min val=\"0\"/>"), "counts from zero")
        XCTAssertTrue(charts.allSatisfy { !$0.contains("4472C4") }, "Okabe–Ito palette, not Office's")
        let strings = board.text("xl/sharedStrings.xml")
        XCTAssertFalse(strings.contains("Doelfunctie"), "the objective stays out of the board's view")
        XCTAssertTrue(strings.contains("Steekwoord-match nr."))
        XCTAssertFalse(strings.contains(">Keuze"))
        XCTAssertTrue(strings.contains("van wie interesses opgaf") || strings.contains("Van de deelnemers die interesses opgaven."))
        XCTAssertTrue(board.text("xl/workbook.xml").contains("activeTab") == false || board.sheetNames.first == "Dashboard")
        XCTAssertTrue(try workbook("board.xlsx").text("docProps/custom.xml").contains("20240601-020000"), "run id as a custom property")
    }

    func testDataQualityWorkbookPrintsLandscapeWithRowsAsTallAsTheirText() throws {
        let book = try workbook("data_quality.xlsx")
        let sheet = book.worksheetXML[0]
        XCTAssertTrue(sheet.contains("<pageSetup paperSize=\"9\""), "A4")
        XCTAssertTrue(sheet.contains("orientation=\"landscape\""))
        XCTAssertTrue(sheet.contains("fitToHeight=\"0\""), "fit to width")
        XCTAssertTrue(sheet.contains("Vertrouwelijk — bevat persoonsgegevens"), "it lists e-mail addresses")
        XCTAssertTrue(sheet.contains("Pagina &amp;P van &amp;N"))
        XCTAssertTrue(book.text("xl/workbook.xml").contains("_xlnm.Print_Titles"), "header row on every page")
        // Every row whose advice or message wraps is as tall as its lines (none is left at the default height).
        let rows = book.rows(sheet: 0)
        XCTAssertEqual(rows.count, 4)
        for (r, row) in rows.enumerated().dropFirst() {
            let lines = [(0, 46.0), (10, 40.0)].map { c, width in TableWriter.lines(row[c], width: width) }.max() ?? 1
            let tag = sheet.range(of: "<row r=\"\(r + 1)\"[^>]*>", options: .regularExpression).map { String(sheet[$0]) } ?? ""
            XCTAssertTrue(lines == 1 || tag.contains("ht=\"\(15 * lines)\""), "\(tag) for \(lines) lines: \(row)")
        }
        XCTAssertTrue(rows.dropFirst().contains { row in TableWriter.lines(row[0], width: 46) > 1 }, "some advice wraps")
    }

    private func assertPartnerLayout(constantMemory: Bool) throws {
        let book = try workbook("partners/PBL.xlsx", settings: .init(constantMemoryRows: constantMemory ? 1 : 1_000_000))
        XCTAssertEqual(book.sheetNames, ["Voorblad", "Sessie 1", "Sessie 2", "Samenvatting", "Wijzigingen", "Presentielijst sessie 1", "Presentielijst sessie 2"])
        let sheet = book.worksheetXML[1]
        XCTAssertTrue(sheet.contains("<pageSetup paperSize=\"9\""), "A4")
        XCTAssertTrue(sheet.contains("orientation=\"landscape\""))
        XCTAssertTrue(sheet.contains("fitToHeight=\"0\""), "fit to width")
        XCTAssertTrue(sheet.contains("Vertrouwelijk — bevat persoonsgegevens"))
        XCTAssertTrue(sheet.contains("Pagina &amp;P van &amp;N"))
        XCTAssertTrue(book.text("xl/workbook.xml").contains("_xlnm.Print_Titles"), "header rows repeated on every page")
        XCTAssertTrue(sheet.contains("xSplit=\"1\"") && sheet.contains("ySplit=\"1\""), "name column and header frozen")
        if constantMemory {
            XCTAssertTrue(sheet.contains("<autoFilter"))
            XCTAssertFalse(sheet.contains("<tablePart"))
        } else {
            XCTAssertTrue(sheet.contains("<tablePart "))
            XCTAssertTrue(book.text("xl/tables/table1.xml").contains("showRowStripes=\"1\""), "banded table")
        }
        // Every data cell has a format, and every format used there is top-aligned.
        let styles = book.text("xl/styles.xml")
        let xfs = styles.components(separatedBy: "<cellXfs")[1].components(separatedBy: "<xf ").dropFirst()
        let data = sheet.components(separatedBy: "<row r=\"2\"").dropFirst().joined()
        let cells = data.components(separatedBy: "<c r=\"").dropFirst()
        XCTAssertFalse(cells.isEmpty)
        for cell in cells {
            let tag = cell.prefix { $0 != ">" }
            let style = try XCTUnwrap(tag.range(of: " s=\"").map { Int(tag[$0.upperBound...].prefix { $0 != "\"" }) ?? 0 }, String(tag))
            XCTAssertTrue(xfs[xfs.startIndex + style].contains("vertical=\"top\""), "cell \(tag) is top-aligned")
        }
        let bands = Set(cells.map { cell in cell.prefix { $0 != ">" }.components(separatedBy: " s=\"").last?.prefix { $0 != "\"" } ?? "" })
        XCTAssertGreaterThan(bands.count, 3, "alternating row formats")
        XCTAssertTrue(book.entries.contains { $0.key.hasSuffix(".rels") && String(decoding: $0.value, as: UTF8.self).contains("mailto:") }, "e-mail links")
        let rows = book.rows(sheet: 1)
        XCTAssertEqual(rows[0].prefix(7), ["Naam", "Organisatie", "Functie", "Discipline", "Interesses", "Gematchte steekwoorden", "Buiten comfortzone"])
        XCTAssertTrue(rows[0].contains("Nieuw sinds vorige lijst"))
        let names = rows.dropFirst().map { $0[0] }
        XCTAssertEqual(names, names.sorted { DutchNameOrder.key($0) < DutchNameOrder.key($1) }, "Dutch surname order")
        let attendance = book.rows(sheet: 5)
        XCTAssertEqual(attendance[1], ["Naam", "Organisatie", "Handtekening"])
        let session3 = try workbook("partners/Holland_Solar.xlsx").rows(sheet: 1)
        XCTAssertTrue(session3[0].contains("Mandaat"), "the mandate column where the session requires one")
    }

    /// Every sheet of the board (the comparison included) and of a partner workbook prints on A4 with page x of y;
    /// the wide overview two pages wide with the session and title on each; a participant list names its session
    /// on every page; an attendance list repeats its title and header; the changes are listed per session.
    func testEverySheetPrintsOnA4AndSaysWhatItIsOnEveryPage() throws {
        var bundle = ReportFixture.bundle()
        bundle.manifest.baselines = BoardComparisonTests.comparison
        _ = try Reports.writeAll(bundle, to: directory)
        for name in ["board.xlsx", "partners/PBL.xlsx"] {
            let book = try WorkbookReadBack(directory.appendingPathComponent(name))
            for (i, sheet) in book.worksheetXML.enumerated() {
                XCTAssertTrue(sheet.contains("<pageSetup paperSize=\"9\""), "\(name) \(book.sheetNames[i]): A4")
                XCTAssertTrue(sheet.contains("Pagina &amp;P van &amp;N"), "\(name) \(book.sheetNames[i]): page x of y")
            }
        }
        let board = try WorkbookReadBack(directory.appendingPathComponent("board.xlsx"))
        let comparison = try XCTUnwrap(board.sheetNames.firstIndex(of: "Vergelijking met loting"))
        XCTAssertTrue(board.worksheetXML[comparison].contains("<tablePart"), "the comparison is an Excel table")
        let overview = try XCTUnwrap(board.sheetNames.firstIndex(of: "Overzicht"))
        XCTAssertTrue(board.worksheetXML[overview].contains("fitToWidth=\"2\""), "the overview prints two pages wide")
        XCTAssertTrue(board.text("xl/workbook.xml").contains("Overzicht!$A:$B"), board.text("xl/workbook.xml"))
        let partner = try WorkbookReadBack(directory.appendingPathComponent("partners/PBL.xlsx"))
        XCTAssertTrue(partner.worksheetXML[1].contains("<oddHeader>&amp;CSessie 1 — "), "the session on every printed page")
        XCTAssertTrue(partner.text("xl/workbook.xml").contains("'Presentielijst sessie 1'!$1:$2"), partner.text("xl/workbook.xml"))
        let changes = partner.rows(sheet: 4).dropFirst().map { [$0[0], $0[3]] }
        XCTAssertEqual(changes, [
            ["Sessie 1", "nieuw op de lijst"], ["Sessie 1", "naar een andere sessie"], ["Sessie 2", "nieuw op de lijst"],
            ["Sessie 2", "afgemeld"],
        ])
    }

    func testPartnerWorkbookLayoutInMemory() throws {
        try assertPartnerLayout(constantMemory: false)
    }

    func testPartnerWorkbookLayoutInConstantMemory() throws {
        try assertPartnerLayout(constantMemory: true)
    }

    func testDutchNameOrderIgnoresInfixesAccentsAndTheIJ() {
        let names = ["Cor de Wit", "Jan van der Berg", "Anna Bakker", "Émile van Ĳzendoorn", "Piet Berg", "Karin van Dijk", "Joël Çelik"]
        XCTAssertEqual(names.sorted { DutchNameOrder.key($0) < DutchNameOrder.key($1) }, [
            "Anna Bakker", "Jan van der Berg", "Piet Berg", "Joël Çelik", "Karin van Dijk", "Émile van Ĳzendoorn", "Cor de Wit",
        ])
        XCTAssertEqual(DutchNameOrder.key("Jan van der Berg"), "berg jan van der")
        XCTAssertEqual(DutchNameOrder.key("Émile van Ĳzendoorn"), "ijzendoorn emile van")
        XCTAssertEqual(DutchNameOrder.key("Madonna"), "madonna")
        // The fast folding of Latin names is Foundation's; other scripts and combining marks go to Foundation.
        for name in ["ÉMILE van ĲZENDOORN", "Zoë d’Ancona-Ñúñez", "Łukasz Šťastný", "Ærøskøbing Þór", "Ünal Çağlar", "Lars Aandahl", "Marie-Jose\u{0301}", "Ωmega Ιωάννης"] {
            XCTAssertEqual(DutchNameOrder.fold(name), DutchNameOrder.foundationFold(name), name)
        }
    }
}
