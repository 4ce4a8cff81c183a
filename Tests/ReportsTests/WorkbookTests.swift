import Dispatch
import Foundation
import Ingest
import LibXLSXWriter
import TestSupport
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The libxlsxwriter wrapper: workbooks written through it, read back.
final class WorkbookTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func testCellsFormatsPropertiesAndAChartReadBack() throws {
        let file = path("cells.xlsx")
        try Workbook.write(to: file) { workbook in
            try workbook.setProperties(Workbook.Properties(
                title: "Titel", subject: "Onderwerp", author: "werksessies", company: "Bedrijf & co",
                created: Date(timeIntervalSince1970: 1_717_200_000)))
            try workbook.setCustomProperty("Run-id", "20240601-020000")
            let bold = try workbook.format(FormatSpec(bold: true, vertical: .top))
            XCTAssertEqual(try workbook.format(FormatSpec(bold: true, vertical: .top)).isSame(as: bold), true, "one format per spec")
            let percent = try workbook.format(FormatSpec(numberFormat: "0.0%", horizontal: .right))
            let sheet = try workbook.addWorksheet("Cijfers")
            try sheet.write(0, 0, "Sessie", bold)
            try sheet.write(0, 1, "Aandeel", bold)
            for r in 1...3 {
                try sheet.write(r, 0, "Sessie \(r)")
                try sheet.write(r, 1, number: Double(r) / 4, percent)
            }
            try sheet.write(4, 1, number: .nan)
            let chart = try workbook.addChart(.barStackedPercent)
            chart.title("Aandeel per sessie")
            try chart.addSeries(
                name: "Aandeel", categories: CellRange(sheet: sheet.name, firstRow: 1, firstColumn: 0, lastRow: 3, lastColumn: 0),
                values: CellRange(sheet: sheet.name, firstRow: 1, firstColumn: 1, lastRow: 3, lastColumn: 1), color: 0x0072B2,
                labels: "0%")
            try sheet.insert(chart, row: 6, column: 0)
        }
        let grid = try XLSXReader.grid(path: file, sheet: "Cijfers")
        XCTAssertEqual(grid[0], ["Sessie", "Aandeel"])
        XCTAssertEqual(grid[1...3].map { $0[0] }, ["Sessie 1", "Sessie 2", "Sessie 3"])
        XCTAssertEqual(grid[1...3].map { Double($0[1]) }, [0.25, 0.5, 0.75], "numbers are stored as numbers")

        let package = try WorkbookReadBack(path: file)
        let sheetXML = package.text("xl/worksheets/sheet1.xml")
        XCTAssertTrue(sheetXML.contains("<c r=\"B2\" s=\"2\"><v>0.25</v></c>"), sheetXML)
        XCTAssertFalse(sheetXML.contains("r=\"B5\""), "a non-finite number writes nothing")
        let styles = package.text("xl/styles.xml")
        XCTAssertTrue(styles.contains("formatCode=\"0.0%\""))
        XCTAssertTrue(styles.contains("<alignment vertical=\"top\"/>"))
        XCTAssertTrue(styles.contains("<b/>"))
        let chart = package.text("xl/charts/chart1.xml")
        XCTAssertTrue(chart.contains("<c:barChart>"))
        XCTAssertTrue(chart.contains("<c:grouping val=\"percentStacked\"/>"))
        XCTAssertTrue(chart.contains("<c:f>Cijfers!$B$2:$B$4</c:f>"))
        XCTAssertTrue(chart.contains("<a:srgbClr val=\"0072B2\"/>"))
        XCTAssertTrue(chart.contains("<c:dLbls>"))
        XCTAssertTrue(package.text("docProps/core.xml").contains("<dc:title>Titel</dc:title>"))
        XCTAssertTrue(package.text("docProps/core.xml").contains("2024-06-01T00:00:00Z"))
        XCTAssertTrue(package.text("docProps/app.xml").contains("<Company>Bedrijf &amp; co</Company>"))
        XCTAssertTrue(package.text("docProps/custom.xml").contains("<vt:lpwstr>20240601-020000</vt:lpwstr>"))
    }

    func testPreparedRowsAreCleanedSkipEmptyCellsAndKeepHeights() throws {
        var rows = TextRows(columns: 3)
        rows.append(["Anna", "", "met\u{0007}bel"], height: 45)
        rows.append(["=SUM(A1:A2)", "ëéï ✓", ""])
        rows.append(["kort"])  // missing cells are empty
        rows.append(["", String(repeating: "x", count: 40_000), "z"])
        XCTAssertEqual(rows.rowCount, 4)
        let file = path("rows.xlsx")
        try Workbook.write(to: file, options: Workbook.Options(constantMemory: true)) { workbook in
            let sheet = try workbook.addWorksheet("Blad")
            try sheet.write(0, 0, "kop")
            try sheet.write(rows, firstRow: 1, formats: [nil, nil, try workbook.format(FormatSpec(wrap: true))])
        }
        let grid = try XLSXReader.grid(path: file, sheet: nil)
        XCTAssertEqual(grid[0].first, "kop")
        XCTAssertEqual(Array(grid[1].prefix(3)), ["Anna", "", "metbel"], "characters XML 1.0 forbids are removed")
        XCTAssertEqual(Array(grid[2].prefix(2)), ["=SUM(A1:A2)", "ëéï ✓"])
        XCTAssertEqual(grid[3].first, "kort")
        XCTAssertEqual(grid[4][1].count, 32_000, "over-long text is cut to the cell limit")
        XCTAssertTrue(grid[4][1].hasSuffix("…"))
        XCTAssertEqual(grid[4][2], "z")
        let xml = try WorkbookReadBack(path: file).text("xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains("<row r=\"2\" ht=\"45\" customHeight=\"1\">"), "row height of the first row")
        XCTAssertFalse(xml.contains("<f>"), "text is never a formula")
        XCTAssertEqual(xml.components(separatedBy: "<c ").count - 1, 1 + 2 + 2 + 1 + 2, "empty cells are not written")
    }

    /// Every character XML 1.0 forbids that a Swift string can hold: the C0 controls but tab, line feed and carriage
    /// return, U+FFFE and U+FFFF (a lone surrogate cannot be in a String).
    static let forbidden: String = {
        var view = String.UnicodeScalarView()
        for v in UInt32(0)..<0x20 where ![0x09, 0x0A, 0x0D].contains(v) { view.append(Unicode.Scalar(v)!) }
        view.append(Unicode.Scalar(0xFFFE)!)
        view.append(Unicode.Scalar(0xFFFF)!)
        return String(view)
    }()

    func testEveryStringPassedToLibxlsxwriterIsCleanedOfCharactersXMLForbids() throws {
        func dirty(_ text: String) -> String { "\(text)\(Self.forbidden)\u{FFFF}!" }
        let file = path("dirty.xlsx")
        try Workbook.write(to: file) { workbook in
            try workbook.setProperties(Workbook.Properties(
                title: dirty("Titel"), subject: dirty("Onderwerp"), author: dirty("Auteur"), manager: dirty("Manager"),
                company: dirty("Bedrijf"), category: dirty("Categorie"), keywords: dirty("Trefwoorden"), comments: dirty("Opmerking")))
            try workbook.setCustomProperty(dirty("Naam"), dirty("Waarde"))
            let format = try workbook.format(FormatSpec(numberFormat: dirty("0.0")))
            let sheet = try workbook.addWorksheet(dirty("Blad"))
            XCTAssertEqual(sheet.name, "Blad!")
            try sheet.write(0, 0, dirty("Cel"))
            try sheet.write(0, 1, number: 2, format)
            try sheet.merge(1, 0, 1, 1, dirty("Samengevoegd"))
            var rows = TextRows(columns: 2)
            rows.append([dirty("Rij"), dirty(String(repeating: "y", count: 33_000))])
            try sheet.write(rows, firstRow: 2, formats: [nil, nil])
            let chart = try workbook.addChart(.line)
            chart.title(dirty("Grafiek"))
            try chart.addSeries(
                name: dirty("Reeks"), categories: CellRange(sheet: dirty("Blad"), firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 0),
                values: CellRange(sheet: sheet.name, firstRow: 0, firstColumn: 1, lastRow: 0, lastColumn: 1))
            chart.axes(x: dirty("X-as"), y: dirty("Y-as"), yNumberFormat: dirty("0.00"))
            try sheet.insert(chart, row: 4, column: 0)
        }
        let package = try WorkbookReadBack(path: file)
        var parts = 0
        for (name, data) in package.allBytes where name.hasSuffix(".xml") || name.hasSuffix(".rels") {
            let parser = XMLParser(data: data)
            XCTAssertTrue(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "")")
            let text = String(decoding: data, as: UTF8.self)
            XCTAssertFalse(text.unicodeScalars.contains { !XMLText.isAllowed($0) }, name)
            parts += 1
        }
        XCTAssertGreaterThanOrEqual(parts, 9, "content types, rels, core, app, custom, workbook, styles, sheet, chart, drawing")
        let grid = try XLSXReader.grid(path: file, sheet: "Blad!")
        XCTAssertEqual(grid[0].first, "Cel!")
        XCTAssertEqual(grid[1].first, "Samengevoegd!")
        XCTAssertEqual(grid[2].first, "Rij!")
        XCTAssertEqual(grid[2][1].count, 32_000)
        XCTAssertTrue(package.text("docProps/core.xml").contains("<dc:title>Titel!</dc:title>"))
        XCTAssertTrue(package.text("docProps/core.xml").contains("Opmerking!"))
        XCTAssertTrue(package.text("docProps/app.xml").contains("<Company>Bedrijf!</Company>"))
        XCTAssertTrue(package.text("docProps/custom.xml").contains("name=\"Naam!\""))
        XCTAssertTrue(package.text("docProps/custom.xml").contains("<vt:lpwstr>Waarde!</vt:lpwstr>"))
        let chart = package.text("xl/charts/chart1.xml")
        for text in ["Grafiek!", "Reeks!", "X-as!", "Y-as!", "Blad!"] { XCTAssertTrue(chart.contains(text), text) }
        XCTAssertTrue(package.text("xl/styles.xml").contains("formatCode=\"0.0!\""))
    }

    func testBandedRowsAlternateFormatsAndFillEmptyCells() throws {
        var rows = TextRows(columns: 2)
        for i in 0..<4 { rows.append(["naam \(i)", i == 2 ? "" : "x"]) }
        let file = path("bands.xlsx")
        try Workbook.write(to: file, options: Workbook.Options(constantMemory: true)) { workbook in
            let even = try workbook.format(FormatSpec(vertical: .top))
            let odd = try workbook.format(FormatSpec(background: 0xF2F2F2, vertical: .top))
            try workbook.addWorksheet("Blad").write(rows, firstRow: 0, formats: [], bands: [[even, even], [odd, odd]])
        }
        let xml = try WorkbookReadBack(path: file).text("xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains("<c r=\"B3\" s=\"1\"/>"), "the empty cell of an even row is a formatted blank: \(xml)")
        XCTAssertTrue(xml.contains("<c r=\"A2\" s=\"2\" t=\"inlineStr\">"))
        XCTAssertTrue(xml.contains("<c r=\"A3\" s=\"1\" t=\"inlineStr\">"))
    }

    func testAnUnwritablePathFailsOnCloseNamingThePathAndCloseRunsOnce() throws {
        let file = path("missing-folder/out.xlsx")
        let workbook = try Workbook(path: file)
        let sheet = try workbook.addWorksheet("Blad")
        try sheet.write(0, 0, "x")
        XCTAssertTrue(workbook.isOpen)
        XCTAssertThrowsError(try workbook.close()) { error in
            let xlsx = error as? XLSXWriterError
            XCTAssertEqual(xlsx?.code, .creatingFile)
            XCTAssertEqual(xlsx?.function, "workbook_close")
            XCTAssertEqual(xlsx?.path, file)
            XCTAssertFalse(xlsx?.message.isEmpty ?? true)
            XCTAssertTrue("\(error)".hasPrefix(file), "\(error)")
        }
        XCTAssertFalse(workbook.isOpen)
        XCTAssertNoThrow(try workbook.close(), "a second close does nothing")
        XCTAssertThrowsError(try workbook.addWorksheet("Later")) { error in
            XCTAssertEqual((error as? XLSXWriterError)?.code, .closed)
            XCTAssertEqual((error as? XLSXWriterError)?.function, "workbook_add_worksheet")
        }
        XCTAssertThrowsError(try workbook.format(FormatSpec(bold: true))) { error in
            XCTAssertEqual((error as? XLSXWriterError)?.code, .closed)
        }
    }

    func testRowsOutOfOrderInConstantMemoryFailAndLeaveNoFile() throws {
        let file = path("ok.xlsx")
        XCTAssertThrowsError(try Workbook.write(to: file, options: Workbook.Options(constantMemory: true)) { workbook in
            let sheet = try workbook.addWorksheet("A")
            try sheet.write(5, 0, "later row")
            try sheet.write(1, 0, "earlier row")
        }) { error in
            XCTAssertEqual((error as? XLSXWriterError)?.function, "worksheet_write_string")
            XCTAssertEqual((error as? XLSXWriterError)?.path, file)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file), "a failed workbook leaves no file")
    }

    func testTemporaryFilesGoToTheChosenFolderARAMBackedOneByDefault() throws {
        let shm = FileManager.default.isWritableFile(atPath: "/dev/shm")
        XCTAssertEqual(Workbook.Options().temporaryDirectory, shm ? "/dev/shm" : NSTemporaryDirectory())
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/proc/self/fd"), "needs /proc to see open files")
        let folder = directory.appendingPathComponent("tmp").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func openFilesInFolder() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter { fd in
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) ?? ""
                return target.hasPrefix(folder + "/")
            }.count
        }
        let file = path("tmp.xlsx")
        try Workbook.write(to: file, options: Workbook.Options(constantMemory: true, temporaryDirectory: folder)) { workbook in
            try workbook.addWorksheet("A").write(0, 0, "x")
            XCTAssertEqual(try openFilesInFolder(), 1, "a constant-memory sheet keeps its rows in a temporary file there")
        }
        XCTAssertEqual(try openFilesInFolder(), 0)
        XCTAssertEqual(try XLSXReader.grid(path: file, sheet: nil), [["x"]])
    }

    func testSheetNamesAreMadeValidAndUnique() throws {
        let file = path("names.xlsx")
        try Workbook.write(to: file) { workbook in
            XCTAssertEqual(try workbook.addWorksheet("a/b:c?").name, "abc")
            XCTAssertEqual(try workbook.addWorksheet("ABC").name, "ABC (2)")
            XCTAssertEqual(try workbook.addWorksheet(String(repeating: "x", count: 40)).name.count, 31)
            XCTAssertEqual(try workbook.addWorksheet("'citaat'").name, "citaat")
        }
        XCTAssertEqual(try WorkbookReadBack(path: file).sheetNames, ["abc", "ABC (2)", String(repeating: "x", count: 31), "citaat"])
    }

    func testWorkbooksWrittenAtTheSameTimeFromSharedRowsAreComplete() throws {
        var rows = TextRows(columns: 3)
        for i in 0..<400 { rows.append(["deelnemer \(i)", "organisatie \(i % 17)", String(repeating: "é", count: i % 30)]) }
        let shared = rows
        let files = (0..<6).map { path("parallel\($0).xlsx") }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: files.count) { k in
            do {
                try Workbook.write(to: files[k], options: Workbook.Options(constantMemory: k % 2 == 0)) { workbook in
                    let wrap = try workbook.format(FormatSpec(wrap: true, vertical: .top))
                    try workbook.addWorksheet("Blad \(k)").write(shared, firstRow: 0, formats: [nil, wrap, wrap])
                }
            } catch {
                failures.add(error)
            }
        }
        XCTAssertTrue(failures.all.isEmpty, "\(failures.all)")
        for (k, file) in files.enumerated() {
            let grid = try XLSXReader.grid(path: file, sheet: nil)
            XCTAssertEqual(grid.count, 400, file)
            XCTAssertEqual(grid[399], ["deelnemer 399", "organisatie \(399 % 17)", String(repeating: "é", count: 399 % 30)])
            XCTAssertEqual(try WorkbookReadBack(path: file).sheetNames, ["Blad \(k)"])
        }
    }
}

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []
    func add(_ error: any Error) {
        lock.lock()
        errors.append(error)
        lock.unlock()
    }
    var all: [any Error] {
        lock.lock()
        defer { lock.unlock() }
        return errors
    }
}
