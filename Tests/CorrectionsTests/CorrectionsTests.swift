import Corrections
import Foundation
import TestSupport
import WerksessiesModel
import XCTest

final class CorrectionsTests: XCTestCase {
    let file = "Pipelines/corrections.csv"

    func ingest(_ registrations: [Registration]) -> IngestResult {
        IngestResult(
            registrations: registrations, diagnostics: [],
            counts: IngestCounts(rowsRead: registrations.count, cancelled: registrations.filter(\.cancelled).count),
            files: [InputFileSummary(path: "in.csv", rows: registrations.count, sha256: "")])
    }

    func apply(_ csv: String, to registrations: [Registration], language: ReportOptions.Language = .nl) -> Corrections.Outcome {
        let list = CorrectionsFile.parse(Array(csv.utf8), file: file, language: language)
        return Corrections.apply(list, to: ingest(registrations), language: language)
    }

    func testEveryFieldIsApplied() {
        let jan = Fixture.registration(
            "jan@x.nl", row: 2, name: "Jan", organisation: "Gem. A", discipline: "kok", interests: "water; kunst",
            mandate: nil, consent: false)
        let csv = """
            email;field;value;note
            jan@x.nl;discipline;architect;is architect
            JAN@x.nl;interests;+erfgoed;
            jan@x.nl;mandate;ja;
            jan@x.nl;consent;ja;mondeling gegeven
            jan@x.nl;name;Jan de Vries;
            jan@x.nl;organisation;Gemeente Amsterdam;
            jan@x.nl;status;bevestigd;
            """
        let outcome = apply(csv, to: [jan])
        let r = outcome.ingest.registrations[0]
        XCTAssertEqual(r.discipline, "architect")
        XCTAssertEqual(r.interests, "water; kunst; erfgoed")
        XCTAssertEqual(r.mandate, true)
        XCTAssertEqual(r.mandateRaw, "ja")
        XCTAssertTrue(r.consent)
        XCTAssertEqual(r.name, "Jan de Vries")
        XCTAssertEqual(r.organisation, "Gemeente Amsterdam")
        XCTAssertTrue(r.confirmed)
        XCTAssertFalse(r.cancelled)
        XCTAssertEqual(outcome.applied, 7)
        let corrected = outcome.ingest.diagnostics.filter { $0.code == "corrected" }
        XCTAssertEqual(corrected.count, 7)
        XCTAssertEqual(corrected[0].file, file)
        XCTAssertEqual(corrected[0].row, 2)
        XCTAssertEqual(corrected[0].column, "discipline")
        XCTAssertEqual(corrected[0].value, "kok → architect")
        XCTAssertEqual(corrected[0].email, "jan@x.nl")
        XCTAssertEqual(corrected[0].message, "discipline gecorrigeerd van 'kok' naar 'architect' (is architect)")
        XCTAssertEqual(corrected[3].value, "nee → ja")
    }

    func testInterestsReplacedAndKeywordRemovedAfterNormalisation() {
        let a = Fixture.registration("a@x.nl", row: 2, interests: "water, kunst")
        let b = Fixture.registration("b@x.nl", row: 3, interests: "water")
        let outcome = apply("email,field,value\na@x.nl,interests,-water\nb@x.nl,interests,erfgoed|wonen\n", to: [a, b])
        XCTAssertEqual(outcome.ingest.registrations[0].interests, "kunst")
        XCTAssertEqual(outcome.ingest.registrations[1].interests, "erfgoed|wonen")
        // The normaliser may still map a synonym of the removed keyword: it is taken out by id afterwards.
        let taxonomy = Taxonomy(
            families: [], disciplines: [],
            keywords: [Keyword(id: "water", label: "Water", synonyms: ["rivieren"]), Keyword(id: "kunst", label: "Kunst", synonyms: [])])
        let normalised = NormaliseResult(
            participants: [Fixture.participant("PA", email: "a@x.nl", interests: ["kunst", "water"])], diagnostics: [])
        let finished = Corrections.finish(normalised, outcome: outcome, taxonomy: taxonomy)
        XCTAssertEqual(finished.participants[0].interests, ["kunst"])
        XCTAssertEqual(finished.diagnostics.map(\.code), ["corrected"])
        XCTAssertEqual(finished.diagnostics[0].value, "kunst|water → kunst")
        XCTAssertEqual(finished.diagnostics[0].row, 2)
    }

    func testRemovingAKeywordNotHeldIsAWarning() {
        let a = Fixture.registration("a@x.nl", row: 2, interests: "kunst")
        let outcome = apply("email,field,value\na@x.nl,interests,'-water\n", to: [a])
        let normalised = NormaliseResult(
            participants: [Fixture.participant("PA", email: "a@x.nl", interests: ["kunst"])], diagnostics: [])
        let finished = Corrections.finish(
            normalised, outcome: outcome, taxonomy: Taxonomy(families: [], disciplines: [], keywords: []))
        XCTAssertEqual(finished.participants[0].interests, ["kunst"])
        XCTAssertEqual(finished.diagnostics.map(\.code), ["correction_invalid_value"])
        XCTAssertEqual(finished.diagnostics[0].severity, .warning)
    }

    func testStatusCancelledAndExclude() {
        let a = Fixture.registration("a@x.nl", row: 2)
        let b = Fixture.registration("b@x.nl", row: 3)
        let c = Fixture.registration("c@x.nl", row: 4, cancelled: true)
        let outcome = apply(
            "email,field,value,note\na@x.nl,status,geannuleerd,belde af\nb@x.nl,exclude,ja,spreker\nc@x.nl,status,actief,\n",
            to: [a, b, c])
        XCTAssertEqual(outcome.ingest.registrations.map(\.cancelled), [true, true, false])
        XCTAssertEqual(outcome.excluded, ["b@x.nl"])
        XCTAssertEqual(outcome.ingest.counts.cancelled, 2)
    }

    func testEmailMergesTwoAddressesOfOnePersonKeepingTheLaterRegistration() {
        let early = Date(timeIntervalSince1970: 1_000)
        let late = Date(timeIntervalSince1970: 2_000)
        let old = Fixture.registration("jan.prive@gmail.com", row: 2, discipline: "architect", submittedAt: late)
        let work = Fixture.registration("jan@gemeente.nl", row: 3, discipline: "kok", submittedAt: early)
        let other = Fixture.registration("piet@x.nl", row: 4)
        let outcome = apply(
            "email,field,value\njan.prive@gmail.com,organisation,Gemeente\njan.prive@gmail.com,email,jan@gemeente.nl\n",
            to: [old, work, other])
        XCTAssertEqual(outcome.ingest.registrations.map(\.emailKey), ["jan@gemeente.nl", "piet@x.nl"])
        XCTAssertEqual(outcome.ingest.registrations[0].discipline, "architect")
        // The organisation row names the old address: it follows the merge.
        XCTAssertEqual(outcome.ingest.registrations[0].organisation, "Gemeente")
        XCTAssertEqual(outcome.ingest.counts.duplicatesMerged, 1)
        XCTAssertEqual(
            outcome.ingest.counts.rowsRead,
            outcome.ingest.counts.rejected + outcome.ingest.counts.duplicatesMerged + outcome.ingest.registrations.count)
        XCTAssertEqual(outcome.mergedAway, [Participant.id(forEmailKey: "jan.prive@gmail.com")])
    }

    func testEmailToANewAddressRenamesTheRegistrant() {
        let old = Fixture.registration("typo@gmial.com", row: 2)
        let outcome = apply("email,field,value\ntypo@gmial.com,email,typo@gmail.com\n", to: [old])
        XCTAssertEqual(outcome.ingest.registrations.map(\.email), ["typo@gmail.com"])
        XCTAssertEqual(outcome.ingest.counts.duplicatesMerged, 0)
    }

    func testProblemsAreWarningsNamingTheFileAndRow() {
        let a = Fixture.registration("a@x.nl", row: 2)
        let csv = """
            email,field,value
            nobody@x.nl,discipline,architect
            a@x.nl,colour,blue
            a@x.nl,mandate,misschien
            a@x.nl,email,not-an-address
            ,discipline,architect
            a@x.nl,consent,ja
            """
        let outcome = apply(csv, to: [a])
        let warnings = outcome.ingest.diagnostics.filter { $0.severity == .warning }
        XCTAssertEqual(
            warnings.map(\.code),
            ["correction_incomplete", "correction_invalid_value", "correction_unknown_email", "correction_unknown_field",
             "correction_invalid_value"])
        XCTAssertEqual(warnings.map(\.row), [6, 5, 2, 3, 4])
        XCTAssertTrue(warnings.allSatisfy { $0.file == file })
        XCTAssertEqual(outcome.applied, 1)
        XCTAssertTrue(outcome.ingest.registrations[0].consent)
    }

    func testMessagesInEnglish() {
        let a = Fixture.registration("a@x.nl", row: 2, discipline: "kok")
        let outcome = apply("email,field,value\na@x.nl,discipline,architect\nb@x.nl,name,B\n", to: [a], language: .en)
        XCTAssertEqual(
            outcome.ingest.diagnostics.map(\.message),
            ["discipline corrected from 'kok' to 'architect'",
             "correction for an e-mail address that is not in tonight's inputs; not applied"])
    }

    func testExcelFileWithBOMSemicolonsAndWindows1252() {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("E-mail;Veld;Waarde;Opmerking\r\na@x.nl;naam;Jos\u{E9}\r\n".utf8)
        let list = CorrectionsFile.parse(bytes, file: file)
        XCTAssertEqual(list.corrections, [Correction(email: "a@x.nl", field: "naam", value: "José", note: "", row: 2)])
        let cp1252: [UInt8] = Array("email;field;value\na@x.nl;name;Jos".utf8) + [0xE9]
        XCTAssertEqual(CorrectionsFile.parse(cp1252, file: file).corrections.map(\.value), ["José"])
    }

    func testAppendingARowKeepsTheFileReadable() {
        var bytes = CorrectionsFile.appending(
            Correction(email: "a@x.nl", field: "interests", value: "-water", note: "zei ze", row: 0), to: [])
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(decoding: bytes.dropFirst(3), as: UTF8.self), "email,field,value,note\r\na@x.nl,interests,'-water,zei ze\r\n")
        bytes = CorrectionsFile.appending(
            Correction(email: "b@x.nl", field: "name", value: "De Vries; Jan", row: 0), to: Array("email;field;value;note\na@x.nl;name;A".utf8))
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "email;field;value;note\na@x.nl;name;A\r\nb@x.nl;name;\"De Vries; Jan\";\r\n")
        let list = CorrectionsFile.parse(bytes, file: file)
        XCTAssertEqual(list.corrections.map(\.value), ["A", "De Vries; Jan"])
        XCTAssertEqual(list.corrections.map(\.row), [2, 3])
    }

    /// A lost letter is a U+FFFD anywhere or a `?` beside a letter outside the free-text interests; other text,
    /// characters that share U+FFFD's first UTF-8 byte included, is left alone.
    func testLostLettersAreFoundAndOtherTextIsLeftAlone() {
        let registrations = [
            Fixture.registration("a@x.nl", row: 2, name: "Andr? Meijer"),
            Fixture.registration("b@x.nl", row: 3, organisation: "M\u{FFFD}ller"),
            Fixture.registration("c@x.nl", row: 4, name: "Jan Müller", interests: "Wat is ruimte?"),
            Fixture.registration("d@x.nl", row: 5, name: "Kenji ｡ Sato", role: "Bureau ? nee"),
            Fixture.registration("e@x.nl", row: 6, interests: "groen, M\u{FFFD}ller"),
        ]
        let lost = RegistrationChecks.diagnose(registrations).filter { $0.code == "lost_character" }
        XCTAssertEqual(lost.map(\.row), [2, 3, 6])
        XCTAssertEqual(lost.map(\.column), ["name", "organisation", "interests"])
    }
}
