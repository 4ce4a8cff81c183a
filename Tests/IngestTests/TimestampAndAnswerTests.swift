import XCTest
@testable import Ingest

final class TimestampAndAnswerTests: XCTestCase {
    private func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Date {
        Date(timeIntervalSince1970: TimeInterval(CivilDate.days(year: y, month: m, day: d) * 86_400 + h * 3600 + mi * 60 + s))
    }

    func testFormTimestampForms() {
        var parser = TimestampParser(zone: TimeZone(secondsFromGMT: 7200)!)
        let expected = utc(2020, 9, 14, 8, 23, 45)  // 10:23:45 at UTC+2
        XCTAssertEqual(parser.parse("2020-09-14 10:23:45"), expected)
        XCTAssertEqual(parser.parse("2020-09-14T10:23:45"), expected)
        XCTAssertEqual(parser.parse("2020-09-14T08:23:45Z"), expected)
        XCTAssertEqual(parser.parse("2020-09-14T10:23:45.123+02:00"), expected)
        XCTAssertEqual(parser.parse("14/09/2020 10:23:45"), expected)
        XCTAssertEqual(parser.parse("14-9-2020 10:23"), utc(2020, 9, 14, 8, 23))
        XCTAssertEqual(parser.parse("9/14/20 10:23:45"), expected)  // Microsoft Forms (US)
        XCTAssertEqual(parser.parse("2020/09/14 10:23:45 AM GMT+2"), expected)  // Google Forms
        XCTAssertEqual(parser.parse("2020/09/14 10:23:45 PM GMT+2"), utc(2020, 9, 14, 20, 23, 45))
        XCTAssertEqual(parser.parse("14 september 2020 10:23:45"), expected)
        XCTAssertEqual(parser.parse("Sep 14, 2020 10:23:45"), expected)
        XCTAssertEqual(parser.parse("2020-09-14"), utc(2020, 9, 13, 22))
        XCTAssertEqual(parser.parse("44088.5"), utc(2020, 9, 14, 10))  // Excel serial, local noon
        XCTAssertNil(parser.parse("gisteren"))
        XCTAssertNil(parser.parse("31-02-2020 10:00"))
        XCTAssertNil(parser.parse("2020-13-01"))
        XCTAssertNil(parser.parse("99999999999999999999-1-1"))
    }

    func testAmsterdamSummerAndWinterTime() throws {
        var parser = TimestampParser()
        XCTAssertEqual(parser.parse("2020-07-01 12:00"), utc(2020, 7, 1, 10))
        XCTAssertEqual(parser.parse("2020-12-01 12:00"), utc(2020, 12, 1, 11))
    }

    func testAmsterdamOffsetsAgreeWithTheTimeZoneDatabase() throws {
        let zone = try XCTUnwrap(TimeZone(identifier: "Europe/Amsterdam"))
        // Every 3 hours (and a bit) through 2019-2021: only a local hour that is skipped or repeated at one of the
        // six transitions may come out differently.
        let start = CivilDate.days(year: 2019, month: 1, day: 1) * 86_400
        var mismatches = 0
        for naive in stride(from: start, to: start + 3 * 365 * 86_400, by: 3 * 3600 + 17) {
            let computed = try XCTUnwrap(TimestampParser.amsterdamOffset(naive: naive))
            let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive - computed)))
            if computed != expected { mismatches += 1 }
        }
        XCTAssertLessThanOrEqual(mismatches, 6)
        XCTAssertEqual(TimestampParser.amsterdamOffset(naive: CivilDate.days(year: 2020, month: 3, day: 29) * 86_400 + 1 * 3600), 3600)
        XCTAssertEqual(TimestampParser.amsterdamOffset(naive: CivilDate.days(year: 2020, month: 3, day: 29) * 86_400 + 4 * 3600), 7200)
        XCTAssertEqual(TimestampParser.amsterdamOffset(naive: CivilDate.days(year: 2020, month: 10, day: 25) * 86_400 + 4 * 3600), 3600)
        XCTAssertNil(TimestampParser.amsterdamOffset(naive: 0))
    }

    func testYesNoForms() {
        for yes in ["ja", "Ja", "JA", "j", "yes", "Y", "true", "1", "✓", "✔", "Ja, ik heb mandaat", "Ik ga akkoord", "Akkoord"] {
            XCTAssertEqual(AnswerParsing.yesNo(yes), .yes, yes)
        }
        for no in ["nee", "Nee", "n", "no", "false", "0", "Nee, ik heb geen mandaat", "Ik ga niet akkoord", "geen"] {
            XCTAssertEqual(AnswerParsing.yesNo(no), .no, no)
        }
        for none in ["", "n.v.t.", "-"] {
            XCTAssertEqual(AnswerParsing.yesNo(none), .none, none)
        }
        XCTAssertEqual(AnswerParsing.yesNo("weet niet"), .dontKnow)
        XCTAssertEqual(AnswerParsing.yesNo("misschien"), .dontKnow)
    }

    func testEmailChecks() {
        for good in ["a@b.nl", "first.last+tag@sub.example.org", "o'brien@example.ie", "jürgen@müller.de"] {
            XCTAssertTrue(AnswerParsing.isValidEmail(good), good)
        }
        for bad in ["", "a@b", "@b.nl", "a@.nl", "a..b@c.nl", "a b@c.nl", "a@b@c.nl", "a@b.n", "a@-b.nl", "anonymous", "a@b.nl."] {
            XCTAssertFalse(AnswerParsing.isValidEmail(bad), bad)
        }
        XCTAssertEqual(AnswerParsing.cleanEmail("\u{200B}mailto:a@b.nl\u{FEFF}"), "a@b.nl")
        XCTAssertEqual(AnswerParsing.cleanEmail("Jan Jansen <jan@b.nl>"), "jan@b.nl")
        XCTAssertEqual(AnswerParsing.emailKey("Jan@B.NL"), Registration.foldEmail("Jan@B.NL"))
        XCTAssertEqual(AnswerParsing.emailKey("JÜrgen@b.nl"), Registration.foldEmail("JÜrgen@b.nl"))
    }

    func testHeaderMapping() {
        let mapper = HeaderMapper()
        XCTAssertEqual(mapper.field(for: "E-mailadres")?.0, .email)
        XCTAssertEqual(mapper.field(for: "Email address")?.0, .email)
        XCTAssertEqual(mapper.field(for: " E-MAIL ")?.0, .email)
        XCTAssertEqual(mapper.field(for: "Wat is uw e-mailadres?")?.0, .email)
        XCTAssertEqual(mapper.field(for: "Heeft u mandaat om namens uw organisatie te tekenen?")?.0, .mandate)
        XCTAssertEqual(mapper.field(for: "Wat zijn uw interessegebieden?")?.0, .interests)
        XCTAssertEqual(mapper.field(for: "Thema's")?.0, .interests)
        XCTAssertEqual(mapper.field(for: "Naam van uw organisatie")?.0, .organisation)
        XCTAssertEqual(mapper.field(for: "Vakgebied / discipline")?.0, .discipline)
        XCTAssertEqual(mapper.field(for: "Tijd van voltooien")?.0, .submittedAt)
        XCTAssertEqual(mapper.field(for: "Voornaam")?.0, .firstName)
        XCTAssertEqual(mapper.field(for: "Achternaam")?.0, .lastName)
        XCTAssertEqual(mapper.field(for: "Organisatié")?.0, .organisation)
        XCTAssertNil(mapper.field(for: "Telefoonnummer"))
        XCTAssertNil(mapper.field(for: "Begintijd"))
    }
}

import WerksessiesModel
