import XCTest
@testable import Ingest
import TestSupport
import WerksessiesModel

/// Consent and mandate answers as people type them, with the reading each must get.
final class AnswerReadingTests: XCTestCase {
    typealias Y = AnswerParsing.YesNo

    /// (answer, reading in an ordinary column).
    static let table: [(String, Y)] = [
        // Plain yes.
        ("Ja", .yes), ("ja", .yes), ("JA", .yes), ("Ja.", .yes), ("Ja!", .yes), ("j", .yes), ("Yes", .yes), ("yes", .yes),
        ("Y", .yes), ("1", .yes), ("true", .yes), ("WAAR", .yes), ("Akkoord", .yes), ("akkoord", .yes), ("OK", .yes),
        ("Oké", .yes), ("Ik ga akkoord", .yes), ("Ja, ik ga akkoord", .yes), ("Yes, I agree", .yes), ("I agree", .yes),
        ("Ja graag", .yes), ("Graag", .yes), ("Jazeker", .yes), ("Ja hoor", .yes), ("Uiteraard", .yes), ("Prima", .yes),
        ("Geen bezwaar", .yes), ("Ik heb er geen bezwaar tegen", .yes), ("No problem", .yes), ("Ik vind het niet erg", .yes),
        ("✓", .yes), ("✔", .yes), ("☑", .yes), ("Ik geef toestemming", .yes), ("Toestemming", .yes), ("I consent", .yes),
        ("Ja, ik heb mandaat", .yes), ("Ja, ik ben bevoegd", .yes), ("Yes, I am mandated", .yes),
        ("Ja, namens mijn gemeente", .yes), ("Ja, mijn gegevens mogen gedeeld worden", .yes),
        // Plain no.
        ("Nee", .no), ("nee", .no), ("NEE", .no), ("n", .no), ("No", .no), ("0", .no), ("false", .no), ("ONWAAR", .no),
        ("Nee, liever niet", .no), ("Liever niet", .no), ("Graag niet", .no), ("Nee dank je", .no), ("No thanks", .no),
        ("Nee hoor", .no), ("Geen toestemming", .no), ("Ik geef geen toestemming", .no), ("Ik ga niet akkoord", .no),
        ("Niet akkoord", .no), ("I do not agree", .no), ("I don't agree", .no), ("Nee, niet delen", .no),
        ("Ik wil niet dat mijn gegevens gedeeld worden", .no), ("I do not want my details shared", .no),
        ("Nee, ik heb geen mandaat", .no), ("Geen mandaat", .no), ("Zeker niet", .no), ("✗", .no), ("❌", .no), ("☐", .no),
        // Yes and no at once: unclear.
        ("Ja, maar niet delen", .mixed), ("Yes, but do not share", .mixed), ("Ja (liever niet delen)", .mixed),
        ("Ja, nee", .mixed), ("Akkoord, behalve met partners", .mixed), ("Ja graag niet", .mixed), ("Ja/Nee", .mixed),
        ("Yes / No", .mixed), ("Ja, maar alleen mijn naam", .mixed), ("Ja, alleen voor de organisatie", .mixed),
        ("Yes, except my e-mail", .mixed), ("Toestemming, maar niet voor partners", .mixed),
        ("Ja, ik heb geen mandaat", .mixed), ("Nee, behalve voor kleine opdrachten", .mixed), ("✓ nee", .mixed),
        ("Yes, but not with third parties", .mixed), ("Akkoord, echter niet voor de nieuwsbrief", .mixed),
        // Yes under a condition: not a plain yes.
        ("ja, na overleg met mijn directeur", .conditional), ("Ja, in overleg", .conditional),
        ("Ja, onder voorbehoud", .conditional), ("Ja, mits anoniem", .conditional),
        ("Yes, subject to approval", .conditional), ("Yes, if my manager agrees", .conditional),
        ("Ja, gedeeltelijk", .conditional), ("Ja, afhankelijk van het onderwerp", .conditional),
        // Does not know: reported, never silently no.
        ("weet ik niet", .dontKnow), ("Weet niet", .dontKnow), ("Weet ik nog niet", .dontKnow), ("Misschien", .dontKnow),
        ("Maybe", .dontKnow), ("I don't know", .dontKnow), ("Not sure", .dontKnow), ("Geen idee", .dontKnow),
        ("Onbekend", .dontKnow), ("?", .dontKnow), ("Ja, denk ik, weet niet zeker", .dontKnow),
        // No answer.
        ("", .none), ("   ", .none), ("n.v.t.", .none), ("N.v.t.", .none), ("-", .none), ("n/a", .none),
        // Check-mark letters outside a checkbox column.
        ("x", .markOutsideCheckbox), ("X", .markOutsideCheckbox), ("v", .markOutsideCheckbox), ("V", .markOutsideCheckbox),
        // Not understood.
        ("blauw", .unknown), ("2", .unknown), ("Zie e-mail", .unknown),
    ]

    func testEveryAnswerOfTheTableReadsAsMeant() {
        XCTAssertGreaterThanOrEqual(Self.table.count, 60)
        for (answer, expected) in Self.table {
            XCTAssertEqual(AnswerParsing.yesNo(answer), expected, "\"\(answer)\"")
        }
    }

    func testCheckMarkLettersAreYesOnlyInACheckboxColumn() {
        for mark in ["x", "X", "v", "V", " x "] {
            XCTAssertEqual(AnswerParsing.yesNo(mark, checkbox: true), .yes, mark)
            XCTAssertEqual(AnswerParsing.yesNo(mark, checkbox: false), .markOutsideCheckbox, mark)
        }
        XCTAssertEqual(AnswerParsing.yesNo("", checkbox: true), .none)
        XCTAssertEqual(AnswerParsing.yesNo("Nee", checkbox: true), .no)
    }

    func testOnlyAPlainYesIsConsentAndEveryUnclearAnswerIsReported() {
        for (answer, reading) in Self.table {
            let (consent, problem) = AnswerParsing.consent(reading)
            XCTAssertEqual(consent, reading == .yes, answer)
            let reported = ![.yes, .no, .none].contains(reading)
            XCTAssertEqual(problem != nil, reported, answer)
        }
    }

    func testTheMandateIsUnknownUnlessAPlainYesOrNo() {
        XCTAssertEqual(AnswerParsing.mandate(AnswerParsing.yesNo("ja, na overleg met mijn directeur")).mandate, nil)
        XCTAssertNotNil(AnswerParsing.mandate(AnswerParsing.yesNo("ja, na overleg met mijn directeur")).problem)
        let dontKnow = AnswerParsing.mandate(AnswerParsing.yesNo("weet ik niet"))
        XCTAssertNil(dontKnow.mandate)
        XCTAssertNotNil(dontKnow.problem, "unknown is reported, never silently no")
        XCTAssertEqual(AnswerParsing.mandate(.yes).mandate, true)
        XCTAssertEqual(AnswerParsing.mandate(.no).mandate, false)
        XCTAssertNil(AnswerParsing.mandate(.none).problem)
    }

    func testUnclearAnswersInAnExportAreWarnedWithFileRowColumnAndText() throws {
        let dir = try TempDir()
        let rows = Self.table.enumerated().map { i, entry in
            "p\(i)@example.nl,P\(i),\"\(entry.0)\",\"\(entry.0)\""
        }
        let path = try dir.write("answers.csv", (["E-mail,Naam,Mandaat,Toestemming"] + rows).joined(separator: "\n") + "\n")
        let result = try Ingest.run([InputSpec(path: path)])
        let consentWarnings = Dictionary(grouping: result.diagnostics.filter { $0.code == "unclear_consent" }, by: { $0.row ?? 0 })
        let mandateWarnings = Dictionary(grouping: result.diagnostics.filter { $0.code == "unclear_mandate" }, by: { $0.row ?? 0 })
        for (i, (answer, reading)) in Self.table.enumerated() {
            let r = try XCTUnwrap(result.registration("p\(i)@example.nl"), answer)
            XCTAssertEqual(r.consent, reading == .yes, answer)
            XCTAssertEqual(r.mandate, reading == .yes ? true : (reading == .no ? false : nil), answer)
            let unclear = ![.yes, .no, .none].contains(reading)
            let row = i + 2
            XCTAssertEqual(consentWarnings[row]?.count ?? 0, unclear ? 1 : 0, answer)
            XCTAssertEqual(mandateWarnings[row]?.count ?? 0, unclear ? 1 : 0, answer)
            if unclear, let warning = consentWarnings[row]?.first {
                XCTAssertEqual(warning.file, path)
                XCTAssertEqual(warning.column, "Toestemming")
                XCTAssertEqual(warning.value, LookupFolding.trim(answer))
                XCTAssertEqual(warning.severity, .warning)
            }
        }
    }

    func testACheckboxColumnReadsCheckMarkLetters() throws {
        let dir = try TempDir()
        let path = try dir.write("boxes.csv", """
            E-mail,Mandaat (aanvinken indien van toepassing),Ik geef toestemming om mijn contactgegevens te delen (vink aan)
            a@example.nl,x,v
            b@example.nl,,
            c@example.nl,X,nee

            """)
        let result = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(result.registration("a@example.nl")?.mandate, true)
        XCTAssertEqual(result.registration("a@example.nl")?.consent, true)
        XCTAssertEqual(result.registration("b@example.nl")?.mandate, nil)
        XCTAssertEqual(result.registration("b@example.nl")?.consent, false)
        XCTAssertEqual(result.registration("c@example.nl")?.mandate, true)
        XCTAssertEqual(result.registration("c@example.nl")?.consent, false)
        XCTAssertTrue(result.diagnostics.filter { $0.code.hasPrefix("unclear") }.isEmpty)
    }
}
