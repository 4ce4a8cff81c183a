import XCTest
import Digest
@testable import Ingest
import TestSupport
import WerksessiesModel

final class CSVIngestTests: XCTestCase {
    func testBasicCommaFileWithDutchHeaders() throws {
        let dir = try TempDir()
        let path = try dir.write("a.csv", """
            Tijdstempel,E-mailadres,Voornaam,Achternaam,Organisatie,Functie,Vakgebied,Wat zijn uw interessegebieden?,Heeft u mandaat om namens uw organisatie te tekenen?,Toestemming
            14-9-2020 10:23,Jan@Example.nl,Jan,Jansen,Gemeente Utrecht,Stedenbouwkundige,Stedenbouw,"Klimaat; Wonen",Ja,ja
            2020-09-15 08:00:00,piet@example.org,Piet,de Vries,"Bureau ""X"", Amsterdam",Adviseur,Landschap,"Natuur
            Water",Nee,nee

            """)
        let result = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(result.counts.rowsRead, 2)
        XCTAssertEqual(result.registrations.count, 2)
        let jan = try XCTUnwrap(result.registration("jan@example.nl"))
        XCTAssertEqual(jan.email, "Jan@Example.nl")
        XCTAssertEqual(jan.emailKey, "jan@example.nl")
        XCTAssertEqual(jan.name, "Jan Jansen")
        XCTAssertEqual(jan.organisation, "Gemeente Utrecht")
        XCTAssertEqual(jan.role, "Stedenbouwkundige")
        XCTAssertEqual(jan.discipline, "Stedenbouw")
        XCTAssertEqual(jan.interests, "Klimaat; Wonen")
        XCTAssertEqual(jan.mandate, true)
        XCTAssertEqual(jan.consent, true)
        XCTAssertEqual(jan.source.row, 2)
        let piet = try XCTUnwrap(result.registration("piet@example.org"))
        XCTAssertEqual(piet.organisation, "Bureau \"X\", Amsterdam")
        XCTAssertEqual(piet.interests, "Natuur\nWater")
        XCTAssertEqual(piet.mandate, false)
        XCTAssertEqual(piet.source.row, 3)
        XCTAssertEqual(result.files.count, 1)
        XCTAssertEqual(result.files[0].rows, 2)
        XCTAssertEqual(result.files[0].sha256, SHA256.hex(Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
    }
}

final class CSVFormatTests: XCTestCase {
    func testWindows1252SemicolonCRLF() throws {
        let dir = try TempDir()
        // "Organisatie" with € and curly quotes, as Dutch Excel writes them (cp1252 bytes 0x80, 0x91, 0x92, 0x93, 0x94).
        var bytes = Array("E-mail;Naam;Organisatie;Interesses\r\n".utf8)
        bytes += Array("a@example.nl;Jos".utf8) + [0xE9] + Array(" M".utf8) + [0xFC] + Array("ller;".utf8)
        bytes += [0x80] + Array(" Fonds ".utf8) + [0x91] + Array("x".utf8) + [0x92] + Array(" ".utf8) + [0x93] + Array("y".utf8) + [0x94]
        bytes += Array(";\"Wonen; Water\"\r\n".utf8)
        let path = try dir.write("cp1252.csv", bytes: bytes)
        let result = try Ingest.run([InputSpec(path: path)])
        let r = try XCTUnwrap(result.registration("a@example.nl"))
        XCTAssertEqual(r.name, "José Müller")
        XCTAssertEqual(r.organisation, "€ Fonds ‘x’ “y”")
        XCTAssertEqual(r.interests, "Wonen; Water")
        XCTAssertEqual(result.diagnostics("encoding").first?.message, "read as Windows-1252 (not UTF-8)")
    }

    func testUTF8BOMAndTabs() throws {
        let dir = try TempDir()
        let path = try dir.write("tabs.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("Email address\tFirst name\tLast name\tOrganisation, department\nx@example.com\tÅsa\tÖberg\tACME, R&D\n".utf8))
        let result = try Ingest.run([InputSpec(path: path)])
        let r = try XCTUnwrap(result.registration("x@example.com"))
        XCTAssertEqual(r.name, "Åsa Öberg")
        XCTAssertEqual(r.organisation, "ACME, R&D")
    }

    func testUTF16LittleAndBigEndianWithBOM() throws {
        let dir = try TempDir()
        let text = "E-mailadres;Naam\r\nlé@example.nl;Zoë 😀\r\n"
        var le: [UInt8] = [0xFF, 0xFE], be: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 {
            le += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            be += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        for (name, bytes) in [("le.csv", le), ("be.csv", be)] {
            let path = try dir.write(name, bytes: bytes)
            let result = try Ingest.run([InputSpec(path: path)])
            XCTAssertEqual(result.registrations.first?.name, "Zoë 😀", name)
            XCTAssertEqual(result.registrations.first?.email, "lé@example.nl", name)
        }
    }

    func testDelimiterSniffingIsQuoteAware() throws {
        let rows = try CSVReader.parse("\"a,b,c\";x\n\"d,e\";y\n")
        XCTAssertEqual(rows, [["a,b,c", "x"], ["d,e", "y"]])
        XCTAssertEqual(try CSVReader.parse("a,b\n1,2\n"), [["a", "b"], ["1", "2"]])
        XCTAssertEqual(try CSVReader.parse("a\tb\tc; d\n1\t2\t3; 4\n"), [["a", "b", "c; d"], ["1", "2", "3; 4"]])
    }

    func testRaggedRowsInvalidEmailsAndRowNumbers() throws {
        let dir = try TempDir()
        let path = try dir.write("ragged.csv", "E-mail,Naam,Organisatie\nok@example.nl,Ok,Org\n\nnot-an-email,Bad,Org\nshort@example.nl,Short\nlong@example.nl,Long,Org,extra\n,Nobody,Org\n")
        let result = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(result.counts.rowsRead, 5)
        XCTAssertEqual(result.counts.rejected, 2)
        XCTAssertEqual(result.registrations.count, 3)
        XCTAssertEqual(result.counts.rowsRead, result.registrations.count + result.counts.duplicatesMerged + result.counts.rejected)
        let invalid = try XCTUnwrap(result.diagnostics("invalid_email").first)
        XCTAssertEqual(invalid.file, path)
        XCTAssertEqual(invalid.row, 4)  // the blank line 3 counts, as in a spreadsheet
        XCTAssertEqual(invalid.column, "E-mail")
        XCTAssertEqual(invalid.value, "not-an-email")
        XCTAssertEqual(invalid.severity, .error)
        XCTAssertEqual(result.diagnostics("missing_email").first?.row, 7)
        let ragged = result.diagnostics("ragged_row")
        XCTAssertEqual(ragged.map(\.row), [5, 6])
        XCTAssertEqual(ragged.first?.message, "row has 2 fields, the header has 3; missing fields are empty")
        XCTAssertEqual(result.registration("short@example.nl")?.source.row, 5)
    }

    func testHeaderRowFoundBelowATitleAndDuplicateHeaders() throws {
        let dir = try TempDir()
        let path = try dir.write("title.csv", "Export inschrijvingen werksessies\n\nNaam;E-mailadres;Naam;Functie\nAnna;anna@example.nl;Anna B;Adviseur\n")
        let result = try Ingest.run([InputSpec(path: path)])
        let r = try XCTUnwrap(result.registration("anna@example.nl"))
        XCTAssertEqual(r.name, "Anna")
        XCTAssertEqual(r.source.row, 4)
        XCTAssertEqual(result.diagnostics("header_row").first?.row, 3)
        let dup = try XCTUnwrap(result.diagnostics("duplicate_header").first)
        XCTAssertEqual(dup.column, "Naam")
        XCTAssertEqual(dup.row, 3)
        XCTAssertEqual(dup.severity, .warning)
    }

    func testMissingEmailColumnListsHeaders() throws {
        let dir = try TempDir()
        let path = try dir.write("noemail.csv", "Naam,Organisatie,Telefoon\nA,B,C\n")
        assertIngestError(try Ingest.run([InputSpec(path: path)]), file: path, contains: [
            "no e-mail column found", "headers found: \"Naam\", \"Organisatie\", \"Telefoon\"",
        ])
    }

    func testConfigAliasesAndLongQuestions() throws {
        let dir = try TempDir()
        let path = try dir.write("alias.csv", "Contactadres,Wat zijn uw interessegebieden?,Heeft u mandaat om namens uw organisatie te tekenen?,Ik geef toestemming voor het delen van mijn gegevens,Stand\nq@example.nl,Wonen,\"Ja, ik heb mandaat\",✓,Afgevallen\n")
        let options = IngestOptions(columnAliases: ["email": ["Contactadres"], "status": ["Stand"]], cancelledValues: ["Afgevallen"])
        let result = try Ingest.run([InputSpec(path: path)], options: options)
        let r = try XCTUnwrap(result.registration("q@example.nl"))
        XCTAssertEqual(r.interests, "Wonen")
        XCTAssertEqual(r.mandate, true)
        XCTAssertEqual(r.mandateRaw, "Ja, ik heb mandaat")
        XCTAssertEqual(r.consent, true)
        XCTAssertTrue(r.cancelled)
        XCTAssertEqual(result.counts.cancelled, 1)
    }

    func testMicrosoftFormsAnonymousEmailFallsBackToQuestion() throws {
        let dir = try TempDir()
        let path = try dir.write("msforms.csv", "ID,Begintijd,Tijd van voltooien,E-mail,Naam,E-mailadres\n1,9/14/20 10:20:00,9/14/20 10:23:45,anonymous,,m@example.nl\n")
        let result = try Ingest.run([InputSpec(path: path)])
        let r = try XCTUnwrap(result.registration("m@example.nl"))
        XCTAssertNotNil(r.submittedAt)
        XCTAssertEqual(result.counts.rejected, 0)
    }

    func testAnswersStatusesAndValuesKeptAsData() throws {
        let dir = try TempDir()
        let path = try dir.write("answers.csv", """
            E-mail,Naam,Organisatie,Mandaat,Toestemming,Status
            a@example.nl,=HYPERLINK("http://evil"),@SUM(1),Nee,,Bevestigd
            b@example.nl,\u{202E}Jan,-1+1,,nee,Geannuleerd door deelnemer
            c@example.nl,C,Org,misschien,weet niet,niet bevestigd
            \u{200B}D@Example.NL\u{200B} ,D,Org,x,1,Afgemeld

            """)
        let result = try Ingest.run([InputSpec(path: path)])
        let a = try XCTUnwrap(result.registration("a@example.nl"))
        XCTAssertEqual(a.name, "=HYPERLINK(\"http://evil\")")
        XCTAssertEqual(a.organisation, "@SUM(1)")
        XCTAssertEqual(a.mandate, false)
        XCTAssertFalse(a.consent)
        XCTAssertTrue(a.confirmed)
        let b = try XCTUnwrap(result.registration("b@example.nl"))
        XCTAssertEqual(b.name, "\u{202E}Jan")
        XCTAssertNil(b.mandate)
        XCTAssertTrue(b.cancelled)
        let c = try XCTUnwrap(result.registration("c@example.nl"))
        XCTAssertNil(c.mandate)
        XCTAssertFalse(c.confirmed)
        let unclear = try XCTUnwrap(result.diagnostics("unclear_mandate").first)
        XCTAssertEqual(unclear.row, 4)
        XCTAssertEqual(unclear.column, "Mandaat")
        XCTAssertEqual(unclear.value, "misschien")
        let d = try XCTUnwrap(result.registration("d@example.nl"))
        XCTAssertEqual(d.email, "D@Example.NL")
        XCTAssertNil(d.mandate, "a lone x is a yes only in a checkbox column")
        XCTAssertTrue(d.consent)
        XCTAssertEqual(result.counts.cancelled, 2)
    }

    func testTenThousandInterestsAreCutAtExcelsLimitWithAWarning() throws {
        let dir = try TempDir()
        let interests = (1...10_000).map { "interesse\($0)" }.joined(separator: "; ")
        let path = try dir.write("many.csv", "E-mail,Interesses\nk@example.nl,\"\(interests)\"\n")
        let result = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(result.registration("k@example.nl")?.interests.utf16.count, 32_767)
        let warning = try XCTUnwrap(result.diagnostics("value_truncated").first)
        XCTAssertEqual(warning.row, 2)
        XCTAssertEqual(warning.column, "Interesses")
    }
}

final class MergeTests: XCTestCase {
    func testLatestSubmissionWinsAcrossFilesAndCountsAddUp() throws {
        let dir = try TempDir()
        let first = try dir.write("first.csv", """
            Tijdstempel,E-mailadres,Naam,Status
            2020-09-14 10:00:00,ann@example.nl ,Ann old,
            2020-09-16 10:00:00,bob@example.nl,Bob new,
            ,cee@example.nl,Cee first,
            2020-09-14 10:00:00,dee@example.nl,Dee,Geannuleerd

            """)
        let second = try dir.write("second.xlsx.csv", """
            Tijdstempel;E-mailadres;Naam;Status
            15-9-2020 09:00;ANN@EXAMPLE.NL;Ann new;
            15-9-2020 09:00;Bob@Example.nl;Bob old;
            ;CEE@example.nl;Cee second;
            ;broken;Broken;

            """)
        let result = try Ingest.run([InputSpec(path: first), InputSpec(path: second)])
        XCTAssertEqual(result.counts.rowsRead, 8)
        XCTAssertEqual(result.counts.rejected, 1)
        XCTAssertEqual(result.counts.duplicatesMerged, 3)
        XCTAssertEqual(result.registrations.count, 4)
        XCTAssertEqual(result.counts.rowsRead, result.registrations.count + result.counts.duplicatesMerged + result.counts.rejected)
        XCTAssertEqual(result.counts.cancelled, 1)
        // First-seen order, winner's data.
        XCTAssertEqual(result.registrations.map(\.name), ["Ann new", "Bob new", "Cee second", "Dee"])
        XCTAssertEqual(result.registration("ann@example.nl")?.source.fileIndex, 1)
        let merged = result.diagnostics("duplicate_merged")
        XCTAssertEqual(merged.count, 3)
        XCTAssertEqual(merged.first { $0.value == "ann@example.nl " || $0.value == "ann@example.nl" }?.file, first)
        XCTAssertEqual(result.files.map(\.rows), [4, 4])
    }
}
