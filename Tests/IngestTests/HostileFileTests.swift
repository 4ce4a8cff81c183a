import XCTest
import ZIPFoundation
@testable import Ingest
import TestSupport
import WerksessiesModel

/// Every bad file gets one clear line naming the file; none crashes or hangs.
final class HostileFileTests: XCTestCase {
    private func simpleWorkbook(_ dir: TempDir, _ name: String, sheetXML: String? = nil, compress: Bool = true) throws -> String {
        var builder = XLSXBuilder()
        builder.compress = compress
        builder.sheets = [("S", sheetXML ?? XLSXBuilder.sheetXML([XLSXBuilder.inlineRow(1, ["E-mail"]), XLSXBuilder.inlineRow(2, ["z@example.nl"])]))]
        let path = dir.path(name)
        try builder.write(to: path)
        return path
    }

    func testMissingDirectoryUnknownAndLegacyFiles() throws {
        let dir = try TempDir()
        let missing = dir.path("nope.csv")
        assertIngestError(try Ingest.run([InputSpec(path: missing)]), file: missing, contains: ["file not found"])
        let folder = dir.path("folder.csv")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        assertIngestError(try Ingest.run([InputSpec(path: folder)]), file: folder, contains: ["is a directory"])
        let pdf = try dir.write("report.pdf", "x")
        assertIngestError(try Ingest.run([InputSpec(path: pdf)]), file: pdf, contains: ["unknown file type '.pdf'", "expected .xlsx or .csv"])
        let xls = try dir.write("old.xls", "x")
        assertIngestError(try Ingest.run([InputSpec(path: xls)]), file: xls, contains: ["legacy Excel 97-2003 (.xls)"])
    }

    func testUnreadableFile() throws {
        let dir = try TempDir()
        let path = try dir.write("secret.csv", "E-mail\na@b.nl\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        if FileManager.default.isReadableFile(atPath: path) { throw XCTSkip("running as root: permissions are not enforced") }
        assertIngestError(try Ingest.run([InputSpec(path: path)]), file: path, contains: ["permission denied"])
    }

    func testEmptyBlankAndHeaderOnlyCSV() throws {
        let dir = try TempDir()
        let empty = try dir.write("empty.csv", "")
        assertIngestError(try Ingest.run([InputSpec(path: empty)]), file: empty, contains: ["the file is empty (0 bytes)"])
        let blank = try dir.write("blank.csv", "\n\r\n  \n")
        assertIngestError(try Ingest.run([InputSpec(path: blank)]), file: blank, contains: ["no rows"])
        let headerOnly = try dir.write("header.csv", "E-mailadres,Naam\r\n")
        let result = try Ingest.run([InputSpec(path: headerOnly)])
        XCTAssertEqual(result.counts.rowsRead, 0)
        XCTAssertEqual(result.files.first?.rows, 0)
        XCTAssertEqual(result.diagnostics("no_data_rows").first?.message, "the file has a header row but no data rows")
    }

    func testBinaryGarbageAndWrongContent() throws {
        let dir = try TempDir()
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let csv = try dir.write("garbage.csv", bytes: garbage)
        assertIngestError(try Ingest.run([InputSpec(path: csv)]), file: csv, contains: ["binary data", "not CSV text"])
        let xlsx = try dir.write("garbage.xlsx", bytes: [0x00, 0x01] + garbage)
        assertIngestError(try Ingest.run([InputSpec(path: xlsx)]), file: xlsx, contains: ["not an xlsx workbook: not a zip archive"])
        let zipAsCSV = try simpleWorkbook(dir, "book.xlsx")
        let renamed = dir.path("book.csv")
        try FileManager.default.copyItem(atPath: zipAsCSV, toPath: renamed)
        assertIngestError(try Ingest.run([InputSpec(path: renamed)]), file: renamed, contains: ["a zip archive (an .xlsx workbook with the wrong extension?)"])
    }

    func testCSVRenamedToXLSXIsRejectedWithAHint() throws {
        let dir = try TempDir()
        let path = try dir.write("export.xlsx", "E-mail;Naam\na@b.nl;A\n")
        assertIngestError(try Ingest.run([InputSpec(path: path)]), file: path, contains: ["the file is plain text (a CSV file renamed to .xlsx?); rename it to .csv"])
        let empty = try dir.write("empty.xlsx", "")
        assertIngestError(try Ingest.run([InputSpec(path: empty)]), file: empty, contains: ["the file is empty"])
    }

    func testTruncatedAndCorruptWorkbooks() throws {
        let dir = try TempDir()
        let good = try simpleWorkbook(dir, "good.xlsx")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: good)))
        for cut in [bytes.count / 2, bytes.count - 10, 40] {
            let path = try dir.write("cut\(cut).xlsx", bytes: Array(bytes[0..<cut]))
            assertIngestError(try Ingest.run([InputSpec(path: path)]), file: path, contains: ["corrupt or truncated xlsx"])
        }
        // Flip bytes inside the compressed sheet data: inflating or the CRC check must fail cleanly.
        let members = try ZipPackage.readCentralDirectory(bytes, file: good)
        let sheet = try XCTUnwrap(members["xl/worksheets/sheet1.xml"])
        var flipped = bytes
        let start = sheet.localHeaderOffset + 30 + "xl/worksheets/sheet1.xml".utf8.count
        for i in start..<(start + sheet.compressedSize) where i % 3 == 0 { flipped[i] ^= 0x5A }
        let corrupt = try dir.write("flipped.xlsx", bytes: flipped)
        assertIngestError(try Ingest.run([InputSpec(path: corrupt)]), file: corrupt, contains: ["corrupt"])
        // A zip that is not a workbook.
        let plainZip = dir.path("plain.xlsx")
        let archive = try Archive(url: URL(fileURLWithPath: plainZip), accessMode: .create)
        try XLSXBuilder.add(archive, "readme.txt", Array("hello".utf8))
        assertIngestError(try Ingest.run([InputSpec(path: plainZip)]), file: plainZip, contains: ["the zip archive has no xl/workbook.xml"])
    }

    /// Patches the uncompressed size of a part in the central directory (and local header) of a zip.
    private func patchDeclaredSize(_ path: String, part: String, to size: UInt32) throws {
        try patchMember(path, part: part, centralOffset: 24, localOffset: 22, to: size)
    }

    /// Patches a 32-bit field of a part's entry in the central directory and its local header.
    private func patchMember(_ path: String, part: String, centralOffset: Int, localOffset: Int, to size: UInt32) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let member = try XCTUnwrap(try ZipPackage.readCentralDirectory(bytes, file: path)[part])
        let name = Array(part.utf8)
        var i = 0
        while i + 46 + name.count <= bytes.count {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x01, bytes[i + 3] == 0x02, Array(bytes[(i + 46)..<(i + 46 + name.count)]) == name {
                for k in 0..<4 { bytes[i + centralOffset + k] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(k))) }
            }
            i += 1
        }
        for k in 0..<4 { bytes[member.localHeaderOffset + localOffset + k] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(k))) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The sheet is inflated while it is read: an inflate error still wins over what the rows before it caused
    /// (here: no e-mail column), as when the whole part was inflated first.
    func testInflateErrorWinsOverRowErrors() throws {
        let dir = try TempDir()
        let rows = (1...5000).map { XLSXBuilder.inlineRow($0, ["naam \($0)", "organisatie \($0)", "functie"]) }
        let path = try simpleWorkbook(dir, "crc.xlsx", sheetXML: XLSXBuilder.sheetXML(rows))
        assertIngestError(try Ingest.run([InputSpec(path: path)]), file: path, contains: ["no e-mail column found"])
        try patchMember(path, part: "xl/worksheets/sheet1.xml", centralOffset: 16, localOffset: 14, to: 0x1234_5678)
        assertIngestError(try Ingest.run([InputSpec(path: path)]), file: path, contains: ["fails its CRC-32 check"])
        let sheet = XLSXSheetRef(name: "S", part: "xl/worksheets/sheet1.xml", hidden: false, isWorksheet: true)
        XCTAssertThrowsError(try XLSXPackage(path: path).readRows(of: sheet) { _, _ in throw CancellationError() }) { error in
            XCTAssertTrue((error as? IngestError)?.message.contains("fails its CRC-32 check") == true, "\(error)")
        }
    }

    func testZipBombs() throws {
        let dir = try TempDir()
        // 1. A part that declares 3 GB.
        let declared = try simpleWorkbook(dir, "declared.xlsx")
        try patchDeclaredSize(declared, part: "xl/worksheets/sheet1.xml", to: 3_000_000_000)
        assertIngestError(try Ingest.run([InputSpec(path: declared)]), file: declared, contains: ["zip bomb protection", "declares"])
        // 2. A part that lies: declares 100 bytes, inflates to 20 MB of padding.
        let padding = String(repeating: " ", count: 20 << 20)
        let lying = try simpleWorkbook(dir, "lying.xlsx", sheetXML: XLSXBuilder.sheetXML([XLSXBuilder.inlineRow(1, ["E-mail"])]) + padding)
        try patchDeclaredSize(lying, part: "xl/worksheets/sheet1.xml", to: 100)
        assertIngestError(try Ingest.run([InputSpec(path: lying)]), file: lying, contains: ["zip bomb protection", "inflates to more than its declared"])
        // 3. An honest part above the ratio limit (20 MB of spaces compress about 1000:1).
        let honest = try simpleWorkbook(dir, "ratio.xlsx", sheetXML: XLSXBuilder.sheetXML([XLSXBuilder.inlineRow(1, ["E-mail"])]) + padding)
        assertIngestError(try Ingest.run([InputSpec(path: honest)]), file: honest, contains: ["zip bomb protection", "expands"])
        // 4. The counted limit while inflating, with a small limit.
        var limits = XLSXLimits()
        limits.maxEntryBytes = 1 << 20
        limits.ratioThresholdBytes = Int.max
        XCTAssertThrowsError(try XLSXPackage(path: honest, limits: limits).readRows(of: XLSXSheetRef(name: "S", part: "xl/worksheets/sheet1.xml", hidden: false, isWorksheet: true)) { _, _ in }) { error in
            XCTAssertTrue((error as? IngestError)?.message.contains("zip bomb protection") == true, "\(error)")
        }
    }

    func testXMLBombAndExternalEntities() throws {
        let dir = try TempDir()
        let lol = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\
            <worksheet xmlns="\(XLSXBuilder.ns)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>
            """
        let bomb = try simpleWorkbook(dir, "bomb.xlsx", sheetXML: lol)
        assertIngestError(try Ingest.run([InputSpec(path: bomb)]), file: bomb, contains: ["XML bomb protection", "xl/worksheets/sheet1.xml", "<!DOCTYPE"])
        var builder = XLSXBuilder()
        builder.sheets = [("S", XLSXBuilder.sheetXML([XLSXBuilder.inlineRow(1, ["E-mail"])]))]
        builder.sharedStringsXML = """
            <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst xmlns="\(XLSXBuilder.ns)"><si><t>&xxe;</t></si></sst>
            """
        let xxe = dir.path("xxe.xlsx")
        try builder.write(to: xxe)
        assertIngestError(try Ingest.run([InputSpec(path: xxe)]), file: xxe, contains: ["XML bomb protection", "xl/sharedStrings.xml"])
        // Undeclared entities stay text; character references are decoded.
        let refs = try simpleWorkbook(dir, "refs.xlsx", sheetXML: XLSXBuilder.sheetXML([
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&amp;xxe; &#233;&#x20AC; &unknown; &lt;b&gt;</t></is></c></row>",
        ]))
        XCTAssertEqual(try XLSXReader.grid(path: refs, sheet: nil), [["&xxe; é€ &unknown; <b>"]])
    }

    func testCSVRowWithTooManyFields() throws {
        let dir = try TempDir()
        let wide = try dir.write("wide.csv", "E-mail,Naam\na@b.nl," + String(repeating: ",", count: 20_000) + "\n")
        assertIngestError(try Ingest.run([InputSpec(path: wide)]), file: wide, contains: ["row 2 has 20002 fields (16384 at most)"])
    }

    func testFiftyMegabyteCell() throws {
        let dir = try TempDir()
        let huge = String(repeating: "A", count: 50 << 20)
        // Stored, not deflated, so that the size and not the compression ratio is what stops it.
        let xlsx = try simpleWorkbook(dir, "huge.xlsx", sheetXML: XLSXBuilder.sheetXML([
            XLSXBuilder.inlineRow(1, ["E-mail", "Naam"]), "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>\(huge)</t></is></c></row>",
        ]), compress: false)
        assertIngestError(try Ingest.run([InputSpec(path: xlsx)]), file: xlsx, contains: ["cell B2 of sheet 'S'", "long (limit 1.0 MB)", "not a registration export"])
        let csv = try dir.write("huge.csv", "E-mail,Naam\na@b.nl,\"" + huge + "\"\n")
        assertIngestError(try Ingest.run([InputSpec(path: csv)]), file: csv, contains: ["row 2, field 2", "(limit 1.0 MB)"])
        let unclosed = try dir.write("unclosed.csv", "E-mail,Naam\na@b.nl,\"" + huge)
        assertIngestError(try Ingest.run([InputSpec(path: unclosed)]), file: unclosed, contains: ["row 2, field 2", "an unclosed quote?"])
    }
}
