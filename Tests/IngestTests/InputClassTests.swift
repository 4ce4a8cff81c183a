import Foundation
import XCTest
import ZIPFoundation
@testable import Ingest
import TestSupport
import WerksessiesModel

/// The classes of input that a nightly run meets: special files, NUL bytes, damaged zips, broken UTF-8, anonymous
/// form exports. Each is read as meant or refused with one line naming the file.
final class InputClassTests: XCTestCase {
    // MARK: - Only regular files

    func testFolderPipeAndDeviceAreRefusedBeforeReading() throws {
        let dir = try TempDir()
        let folder = dir.path("exports")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        assertIngestError(try Ingest.run([InputSpec(path: folder)]), file: folder, contains: ["is a directory, not a file"])

        // A named pipe: opening it would wait for a writer forever; it is refused from its type.
        let pipe = dir.path("aanmeldingen.csv")
        let mkfifo = try Process.run(URL(fileURLWithPath: "/usr/bin/mkfifo"), arguments: [pipe])
        mkfifo.waitUntilExit()
        XCTAssertEqual(mkfifo.terminationStatus, 0)
        assertIngestError(try Ingest.run([InputSpec(path: pipe)]), file: pipe, contains: ["is a named pipe", "not a regular file"])

        // A device, also through a symbolic link with a .csv name.
        assertIngestError(try Ingest.run([InputSpec(path: "/dev/null")]), file: "/dev/null", contains: ["is a device, not a regular file"])
        let link = dir.path("null.csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
        assertIngestError(try Ingest.run([InputSpec(path: link)]), file: link, contains: ["is a device"])

        // A good file before a bad one: nothing is read, the bad one is named at once.
        let good = try dir.write("good.csv", "E-mail\na@example.nl\n")
        assertIngestError(try Ingest.run([InputSpec(path: good), InputSpec(path: pipe)]), file: pipe, contains: ["named pipe"])
        XCTAssertNoThrow(try Ingest.checkFiles([InputSpec(path: good)]))
    }

    // MARK: - NUL bytes

    func testANulByteAfterTheFirstKilobytesRefusesTheFileLikeOneAtTheStart() throws {
        let dir = try TempDir()
        var text = "E-mail;Naam\n"
        for i in 0..<400 { text += "p\(i)@example.nl;Persoon \(i)\n" }
        var bytes = Array(text.utf8)
        XCTAssertGreaterThan(bytes.count, 8192)
        let early = try dir.write("early.csv", bytes: Array(bytes.prefix(20)) + [0] + Array(bytes.dropFirst(20)))
        assertIngestError(try Ingest.run([InputSpec(path: early)]), file: early, contains: ["binary data", "not CSV text"])

        // Row 351 ("p349@…") holds a NUL byte, far past the first 8 KB.
        let line = Array("p349@example.nl;Pers".utf8)
        let at = try XCTUnwrap(bytes.firstRange(of: line)).upperBound
        bytes.insert(0, at: at)
        let late = try dir.write("late.csv", bytes: bytes)
        assertIngestError(try Ingest.run([InputSpec(path: late)]), file: late, contains: ["binary data (a NUL byte), not CSV text"])
        do {
            _ = try Ingest.run([InputSpec(path: late)])
        } catch let error as IngestError {
            XCTAssertEqual(error.row, 351)
            XCTAssertTrue(error.description.hasPrefix("\(late), row 351: "), error.description)
        }
    }

    // MARK: - Damaged zips

    func testAZipWithTwoEntriesOfOneNameIsRefused() throws {
        let dir = try TempDir()
        var builder = XLSXBuilder()
        builder.sheets = [("S", XLSXBuilder.sheetXML([XLSXBuilder.inlineRow(1, ["E-mail"]), XLSXBuilder.inlineRow(2, ["a@example.nl"])]))]
        let path = dir.path("twice.xlsx")
        try builder.write(to: path)
        // A second sheet1.xml with other people: which one a reader takes is up to the reader.
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .update)
        try XLSXBuilder.add(archive, "xl/worksheets/sheet1.xml", Array(XLSXBuilder.sheetXML([
            XLSXBuilder.inlineRow(1, ["E-mail"]), XLSXBuilder.inlineRow(2, ["someone.else@example.nl"]),
        ]).utf8))
        assertIngestError(try Ingest.run([InputSpec(path: path)]), file: path, contains: [
            "the zip archive holds two entries named xl/worksheets/sheet1.xml",
        ])
    }

    func testAStoredEntryWhoseCRCDoesNotMatchIsRefused() throws {
        let dir = try TempDir()
        var builder = XLSXBuilder()
        builder.compress = false
        builder.sheets = [("S", XLSXBuilder.sheetXML([XLSXBuilder.inlineRow(1, ["E-mail"]), XLSXBuilder.inlineRow(2, ["anna@example.nl"])]))]
        let path = dir.path("stored.xlsx")
        try builder.write(to: path)
        XCTAssertEqual(try Ingest.run([InputSpec(path: path)]).registrations.map(\.emailKey), ["anna@example.nl"])
        // One letter changed in the stored sheet: sizes agree, the CRC-32 does not.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let at = try XCTUnwrap(bytes.firstRange(of: Array("anna@".utf8))).lowerBound
        bytes[at] = UInt8(ascii: "h")
        let damaged = try dir.write("damaged.xlsx", bytes: bytes)
        assertIngestError(try Ingest.run([InputSpec(path: damaged)]), file: damaged, contains: [
            "corrupt xlsx: part xl/worksheets/sheet1.xml fails its CRC-32 check",
        ])
    }

    // MARK: - Broken UTF-8

    func testAUTF8ExportWithAFewInvalidBytesStaysUTF8() throws {
        let dir = try TempDir()
        var bytes = Array("E-mail;Naam;Organisatie\n".utf8)
        for i in 0..<20 { bytes += Array("p\(i)@example.nl;Zoë Ärtz \(i);Café Één\n".utf8) }
        // Row 12: a stray Latin-1 é (0xE9), as when one row was pasted from an old file.
        bytes += Array("stray@example.nl;Jos".utf8) + [0xE9] + Array(" Smit;Caf".utf8) + [0xE9] + Array("\n".utf8)
        bytes += Array("last@example.nl;Renée;Ærø\n".utf8)
        let path = try dir.write("mixed.csv", bytes: bytes)
        let result = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(result.registration("p3@example.nl")?.name, "Zoë Ärtz 3", "the rest keeps its accents")
        XCTAssertEqual(result.registration("last@example.nl")?.name, "Renée")
        XCTAssertEqual(result.registration("last@example.nl")?.organisation, "Ærø")
        XCTAssertEqual(result.registration("stray@example.nl")?.name, "José Smit", "the invalid byte read as Windows-1252")
        XCTAssertEqual(result.diagnostics("encoding"), [], "the file is UTF-8")
        let warnings = result.diagnostics("invalid_utf8")
        XCTAssertEqual(warnings.map(\.row), [22, 22])
        XCTAssertEqual(warnings.map(\.column), ["B", "C"])
        XCTAssertEqual(warnings.map(\.value), ["José Smit", "Café"])
        XCTAssertTrue(warnings.allSatisfy { $0.severity == .warning && $0.message.hasPrefix("bytes E9 are not UTF-8") }, "\(warnings)")
    }

    func testAWindows1252FileIsStillReadAsWindows1252() throws {
        let dir = try TempDir()
        var bytes = Array("E-mail;Naam\n".utf8)
        for i in 0..<10 { bytes += Array("p\(i)@example.nl;Ren".utf8) + [0xE9, 0x20, 0x80] + Array("\n".utf8) }
        let path = try dir.write("cp1252.csv", bytes: bytes)
        let result = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(result.registration("p0@example.nl")?.name, "René €")
        XCTAssertEqual(result.diagnostics("encoding").map(\.message), ["read as Windows-1252 (not UTF-8)"])
        XCTAssertEqual(result.diagnostics("invalid_utf8"), [])
    }

    // MARK: - Anonymous form exports

    func testAMicrosoftFormsAnonymousExportMapsTheQuestions() throws {
        let dir = try TempDir()
        // Microsoft Forms in anonymous mode: its own E-mail and Naam columns say "anonymous"/"Anonymous", the
        // questions the form asked hold the real answers.
        let csv = """
            ID;Begintijd;Tijd van voltooien;E-mail;Naam;Wat is uw naam?;Wat is uw e-mailadres?;Organisatie
            1;1-6-2024 10:00:00;1-6-2024 10:02:00;anonymous;Anonymous;Anna de Vries;anna@example.nl;Gemeente Utrecht
            2;1-6-2024 11:00:00;1-6-2024 11:05:00;anonymous;Anonymous;Bram Jansen;bram@example.nl;Provincie

            """
        let path = try dir.write("forms.csv", csv)
        let result = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(result.registrations.map(\.emailKey), ["anna@example.nl", "bram@example.nl"])
        XCTAssertEqual(result.registrations.map(\.name), ["Anna de Vries", "Bram Jansen"])
        XCTAssertEqual(result.counts.rejected, 0)
        XCTAssertEqual(result.diagnostics("duplicate_column"), [])

        // The same with the question titled exactly as the form's own column.
        let same = """
            ID;E-mail;Naam;Naam;E-mailadres
            1;anonymous;Anonymous;Carla Smit;carla@example.nl

            """
        let samePath = try dir.write("forms-same.csv", same)
        let again = try Ingest.run([InputSpec(path: samePath)])
        XCTAssertEqual(again.registrations.map(\.name), ["Carla Smit"])
        XCTAssertEqual(again.registrations.map(\.emailKey), ["carla@example.nl"])
    }
}
