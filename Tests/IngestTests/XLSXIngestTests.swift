import XCTest
import ZIPFoundation
@testable import Ingest
import TestSupport
import WerksessiesModel

final class XLSXIngestTests: XCTestCase {
    static let styles = """
        <?xml version="1.0"?><styleSheet xmlns="\(XLSXBuilder.ns)"><numFmts count="2"><numFmt numFmtId="164" formatCode="d-m-yyyy h:mm"/>\
        <numFmt numFmtId="165" formatCode="0.00 &quot;dagen&quot;"/></numFmts>\
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
        <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>
        """

    /// A workbook with every kind of cell: shared (rich text, phonetic runs, escapes), inline, str, error, boolean,
    /// numbers and dates, with gaps and a row whose cells are out of order.
    static func kindsWorkbook(_ dir: TempDir) throws -> String {
        var builder = XLSXBuilder()
        builder.sharedStrings = ["E-mailadres", "Naam", "Tijdstempel", "Organisatie"]
        builder.sharedStringsXML = """
            <?xml version="1.0"?><sst xmlns="\(XLSXBuilder.ns)"><si><t>E-mailadres</t></si><si><t>Naam</t></si><si><t>Tijdstempel</t></si>\
            <si><t>Organisatie</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Rijks</t></r><r><t>waterstaat &amp; co</t></r><rPh><t>ライクス</t></rPh></si>\
            <si><t>line_x000D_
            two</t></si></sst>
            """
        builder.stylesXML = Self.styles
        builder.sheets = [("Inschrijvingen", XLSXBuilder.sheetXML([
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Export 2020</t></is></c></row>",
            "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"B3\" t=\"s\"><v>1</v></c><c r=\"C3\" t=\"s\"><v>2</v></c><c r=\"D3\" t=\"s\"><v>3</v></c><c r=\"E3\" t=\"inlineStr\"><is><t>Telefoon</t></is></c><c r=\"F3\" t=\"inlineStr\"><is><t>Actief</t></is></c><c r=\"G3\" t=\"inlineStr\"><is><t>Duur</t></is></c></row>",
            "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>a@example.nl</t></is></c><c r=\"C4\" s=\"2\"><v>44088.432986111111</v></c><c r=\"D4\" t=\"s\"><v>4</v></c><c r=\"E4\"><v>6.12345678E8</v></c><c r=\"F4\" t=\"b\"><v>1</v></c><c r=\"G4\" s=\"3\"><v>2.5</v></c></row>",
            "<row r=\"7\"><c r=\"D7\" t=\"s\"><v>5</v></c><c r=\"A7\" t=\"str\"><f>LOWER(\"B@EXAMPLE.NL\")</f><v>b@example.nl</v></c><c r=\"B7\" t=\"e\"><v>#N/A</v></c><c r=\"C7\" s=\"1\"><v>44088</v></c></row>",
        ]))]
        let path = dir.path("kinds.xlsx")
        try builder.write(to: path)
        return path
    }

    func testAllCellKindsAndPlacement() throws {
        let dir = try TempDir()
        let path = try Self.kindsWorkbook(dir)

        XCTAssertEqual(try XLSXReader.sheetNames(path: path), ["Inschrijvingen"])
        let grid = try XLSXReader.grid(path: path, sheet: nil)
        XCTAssertEqual(grid.count, 7)
        XCTAssertEqual(grid[0], ["Export 2020", "", "", "", "", "", ""])
        XCTAssertEqual(grid[1], ["", "", "", "", "", "", ""])
        XCTAssertEqual(grid[3], ["a@example.nl", "", "2020-09-14T10:23:30", "Rijkswaterstaat & co", "612345678", "TRUE", "2.5"])
        XCTAssertEqual(grid[6], ["b@example.nl", "#N/A", "2020-09-14", "line\r\ntwo", "", "", ""])

        let result = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(result.counts.rowsRead, 2)
        let a = try XCTUnwrap(result.registration("a@example.nl"))
        XCTAssertEqual(a.source.row, 4)
        XCTAssertEqual(a.source.sheet, "Inschrijvingen")
        XCTAssertEqual(a.organisation, "Rijkswaterstaat & co")
        XCTAssertNotNil(a.submittedAt)
        XCTAssertEqual(result.registration("b@example.nl")?.name, "#N/A")
        XCTAssertEqual(result.registration("b@example.nl")?.source.row, 7)
        XCTAssertEqual(result.files.first?.sheet, "Inschrijvingen")
        XCTAssertEqual(result.diagnostics("header_row").first?.row, 3)
    }

    func testDate1904AndBuiltInDateStyles() throws {
        let dir = try TempDir()
        var builder = XLSXBuilder()
        builder.date1904 = true
        builder.stylesXML = Self.styles
        builder.sheets = [("S", XLSXBuilder.sheetXML([
            "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>42626</v></c><c r=\"C1\" s=\"2\"><v>42626.5</v></c><c r=\"D1\"><v>42626</v></c></row>",
        ]))]
        let path = dir.path("d1904.xlsx")
        try builder.write(to: path)
        XCTAssertEqual(try XLSXReader.grid(path: path, sheet: "S"), [["1904-01-01", "2020-09-14", "2020-09-14T12:00:00", "42626"]])
    }

    func testDateFormatDetection() {
        XCTAssertEqual(XLSXPackage.dateKind(formatCode: "d-m-yyyy"), 1)
        XCTAssertEqual(XLSXPackage.dateKind(formatCode: "[$-413]dddd d mmmm yyyy"), 1)
        XCTAssertEqual(XLSXPackage.dateKind(formatCode: "h:mm:ss"), 2)
        XCTAssertEqual(XLSXPackage.dateKind(formatCode: "[h]:mm"), 2)
        XCTAssertEqual(XLSXPackage.dateKind(formatCode: "0.00 \"dagen\""), 0)
        XCTAssertEqual(XLSXPackage.dateKind(formatCode: "[Red]#,##0"), 0)
        XCTAssertEqual(XLSXPackage.dateKind(formatCode: "General"), 0)
        XCTAssertEqual(XLSXPackage.dateKind(formatCode: "#,##0\\d"), 0)
    }

    func testSheetByNameFirstVisibleSheetAndPrefixedNamespace() throws {
        let dir = try TempDir()
        var builder = XLSXBuilder()
        let prefixed = """
            <?xml version="1.0"?><x:worksheet xmlns:x="\(XLSXBuilder.ns)"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Email</x:t></x:is></x:c></x:row>\
            <x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>p@example.nl</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>
            """
        builder.sheets = [
            ("Uitleg", XLSXBuilder.sheetXML([XLSXBuilder.inlineRow(1, ["Lees mij"])])),
            ("Antwoorden", prefixed),
        ]
        let path = dir.path("sheets.xlsx")
        try builder.write(to: path)
        XCTAssertEqual(try XLSXReader.sheetNames(path: path), ["Uitleg", "Antwoorden"])
        let result = try Ingest.run([InputSpec(path: path, sheet: "antwoorden")])
        XCTAssertEqual(result.registrations.map(\.email), ["p@example.nl"])
        XCTAssertEqual(result.files.first?.sheet, "Antwoorden")
        assertIngestError(try Ingest.run([InputSpec(path: path)]), file: path, contains: ["no e-mail column found in sheet 'Uitleg'", "\"Lees mij\""])
        assertIngestError(try Ingest.run([InputSpec(path: path, sheet: "Blad9")]), file: path, contains: ["sheet 'Blad9' not found; sheets: 'Uitleg', 'Antwoorden'"])
    }

    func testHeaderOnlyWorkbookIsAWarningNotAnError() throws {
        let dir = try TempDir()
        var builder = XLSXBuilder()
        builder.sheets = [("S", XLSXBuilder.sheetXML([XLSXBuilder.inlineRow(1, ["E-mail", "Naam"])]))]
        let path = dir.path("header.xlsx")
        try builder.write(to: path)
        let result = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(result.counts.rowsRead, 0)
        XCTAssertEqual(result.diagnostics("no_data_rows").first?.sheet, "S")
    }

    func testSixteenThousandColumnsAndOneTooMany() throws {
        let dir = try TempDir()
        var header = (0..<16_384).map { "Kolom \($0)" }
        header[0] = "E-mail"
        header[16_383] = "Naam"
        var builder = XLSXBuilder()
        builder.sheets = [("S", XLSXBuilder.sheetXML([
            XLSXBuilder.inlineRow(1, header),
            "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>w@example.nl</t></is></c><c r=\"XFD2\" t=\"inlineStr\"><is><t>Wide</t></is></c></row>",
        ]))]
        let path = dir.path("wide.xlsx")
        try builder.write(to: path)
        let result = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(result.registration("w@example.nl")?.name, "Wide")

        builder.sheets = [("S", XLSXBuilder.sheetXML(["<row r=\"1\"><c r=\"XFE1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"]))]
        let tooWide = dir.path("toowide.xlsx")
        try builder.write(to: tooWide)
        assertIngestError(try Ingest.run([InputSpec(path: tooWide)]), file: tooWide, contains: ["beyond column XFD", "16384 columns at most"])
    }
}

extension XLSXIngestTests {
    /// The fast path for plain decimals reads exactly what `Double(_:)` reads, bit for bit, and leaves the rest to it.
    func testPlainDecimalMatchesDoubleParsing() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["0", "-0", ".5", "-.5", "5.", "1e5", " 1", "+1", "", "-", ".", "44076.02678240741", "44088.432986111111",
                     "999999999999999", "9999999999999999", "0.000000000000001", "1.7976931348623157", "00012.50"]
        for _ in 0..<20_000 {
            let digits = (0..<Int.random(in: 1...17, using: &generator)).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) }
            var text = String(digits)
            if Bool.random(using: &generator) { text.insert(".", at: text.index(text.startIndex, offsetBy: Int.random(in: 0...digits.count, using: &generator))) }
            if Int.random(in: 0..<4, using: &generator) == 0 { text = "-" + text }
            texts.append(text)
        }
        var fast = 0
        for text in texts {
            guard let value = XLSXPackage.plainDecimal(Array(text.utf8)) else { continue }
            fast += 1
            XCTAssertEqual(value.bitPattern, Double(text)?.bitPattern, text)
        }
        XCTAssertGreaterThan(fast, 10_000)
        XCTAssertEqual(XLSXPackage.plainDecimal(Array("44076.02678240741".utf8)), 44076.02678240741)
        XCTAssertNil(XLSXPackage.plainDecimal(Array("1e5".utf8)))
        XCTAssertNil(XLSXPackage.plainDecimal(Array("5.".utf8)))
    }
}

extension XLSXIngestTests {
    /// The pipelined reader hands the row builders bytes; made into strings they are the cells `readRows` gives.
    func testPipelinedBytesAreTheCellsAsStrings() throws {
        let dir = try TempDir()
        var builder = XLSXBuilder()
        builder.sharedStrings = ["E-mail", "x"]
        builder.sheets = [("S", XLSXBuilder.sheetXML([
            "<row><c t=\"s\"><v>1</v></c><c/><c t=\"s\"><v>99</v></c><c><v>-12.50</v></c></row><row r=\"9\"></row>",
        ]))]
        let extra = dir.path("extra.xlsx")
        try builder.write(to: extra)
        XCTAssertEqual(try assertPipelinedBytesAreTheCells(try Self.kindsWorkbook(dir)), [])
        XCTAssertEqual(try assertPipelinedBytesAreTheCells(extra).map(\.code), ["bad_shared_string"])
    }

    /// Compares the two readers on the first sheet of a workbook; returns the sheet's issues.
    private func assertPipelinedBytesAreTheCells(_ path: String) throws -> [SheetIssue] {
        let workbook = try XLSXPackage(path: path)
        var expected: [([String], Int)] = []
        let expectedIssues = try workbook.readRows(of: workbook.sheets[0]) { expected.append(($0, $1)) }
        var got: [([String], Int)] = []
        let issues = try workbook.readRowsPipelined(of: workbook.sheets[0], onBatch: { batch in
            for record in 0..<batch.count { got.append((batch.strings(record), batch.rowNumber(record))) }
        }, finishConsuming: {})
        XCTAssertEqual(got.map(\.0), expected.map(\.0))
        XCTAssertEqual(got.map(\.1), expected.map(\.1))
        XCTAssertEqual(issues, expectedIssues)
        XCTAssertFalse(expected.isEmpty)
        return issues
    }
}
