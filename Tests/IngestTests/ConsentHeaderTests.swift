import XCTest
@testable import Ingest
import TestSupport
import WerksessiesModel

/// Consent questions as form tools export them: which column, if any, holds the consent to share data with partners.
final class ConsentHeaderTests: XCTestCase {
    /// (header, what it asks).
    static let questions: [(String, ConsentQuestion)] = [
        ("Toestemming", .plain), ("Consent", .plain), ("AVG", .plain), ("Privacy", .plain),
        ("Ik geef toestemming om mijn contactgegevens te delen met de trekkers van mijn werksessie", .sharing),
        ("Ik geef toestemming voor het delen van mijn gegevens", .sharing),
        ("Mogen wij uw gegevens delen met de organisatoren?", .sharing),
        ("I consent to sharing my contact details with the partners", .sharing),
        ("Toestemming delen contactgegevens met partners", .sharing),
        ("Ik geef GEEN toestemming om mijn gegevens te delen", .negated),
        ("Ik wil niet dat mijn gegevens worden gedeeld met partners", .negated),
        ("Opt-out: mijn gegevens niet delen", .negated), ("Opt out", .negated),
        ("I do not consent to sharing my details", .negated),
        ("Ik maak bezwaar tegen het delen van mijn gegevens", .negated),
        ("Toestemming foto's", .otherPurpose), ("Toestemming voor foto- en video-opnames", .otherPurpose),
        ("Ik geef toestemming om foto's te delen op social media", .otherPurpose),
        ("Consent newsletter", .otherPurpose), ("Toestemming nieuwsbrief", .otherPurpose),
        ("Ik ga akkoord met de privacyverklaring", .otherPurpose), ("Akkoord privacy", .otherPurpose),
        ("I agree to the privacy statement", .otherPurpose), ("Privacy policy consent", .otherPurpose),
    ]

    func testEveryQuestionIsReadAsMeant() {
        let mapper = HeaderMapper()
        for (header, expected) in Self.questions {
            XCTAssertEqual(ConsentQuestion.of(header), expected, header)
            XCTAssertEqual(mapper.field(for: header)?.0, .consent, "\(header) is consent-like")
        }
    }

    private func consentColumn(_ headers: [String], aliases: [String: [String]] = [:]) -> (Int?, HeaderMap) {
        let map = HeaderMapper(extraAliases: aliases).map(["E-mail"] + headers)
        return (map.column(.consent), map)
    }

    func testANegatingQuestionIsRefusedWithAdviceOnHowToMapIt() {
        let (column, map) = consentColumn(["Ik geef GEEN toestemming om mijn gegevens te delen"])
        XCTAssertNil(column)
        let issue = map.issues.first { $0.code == "negated_consent_header" }
        XCTAssertEqual(issue?.column, 1)
        XCTAssertTrue(issue?.message.contains("columns: consent_inverted") == true)
        XCTAssertFalse(issue?.message.contains("\n") == true)
    }

    func testOnlyTheSharingQuestionCountsAmongSeveral() {
        let (column, _) = consentColumn([
            "Toestemming foto's", "Ik ga akkoord met de privacyverklaring",
            "Ik geef toestemming om mijn contactgegevens te delen met de trekkers", "Toestemming nieuwsbrief",
        ])
        XCTAssertEqual(column, 3)
        XCTAssertEqual(consentColumn(["Toestemming", "Toestemming foto's", "Mogen wij uw gegevens delen met de partners?"]).0, 3)
    }

    func testPhotoOrNewsletterConsentNeverCounts() {
        for header in ["Toestemming foto's", "Consent newsletter", "Akkoord privacy", "Toestemming video-opnames"] {
            XCTAssertNil(consentColumn([header]).0, header)
        }
    }

    func testWhenItStaysUnclearNobodyIsSharedAndOneWarningListsTheColumns() {
        let (column, map) = consentColumn(["Toestemming", "Toestemming foto's"])
        XCTAssertNil(column)
        let unclear = map.issues.filter { $0.code == "unclear_consent_column" }
        XCTAssertEqual(unclear.count, 1)
        XCTAssertTrue(unclear[0].message.contains("B \"Toestemming\""))
        XCTAssertTrue(unclear[0].message.contains("C \"Toestemming foto's\""))
        let (two, twoMap) = consentColumn(["Delen met trekkers toegestaan?", "Toestemming om gegevens te delen met partners"])
        XCTAssertNil(two)
        XCTAssertEqual(twoMap.issues.filter { $0.code == "unclear_consent_column" }.count, 1)
    }

    func testTheConfigDecidesBetweenSeveralAndCanInvertARefusal() {
        XCTAssertEqual(consentColumn(["Toestemming", "Toestemming foto's"], aliases: ["consent": ["Toestemming"]]).0, 1)
        let inverted = HeaderMapper(extraAliases: ["consent_inverted": ["Ik geef GEEN toestemming om mijn gegevens te delen"]])
            .map(["E-mail", "Ik geef GEEN toestemming om mijn gegevens te delen"])
        XCTAssertNil(inverted.column(.consent))
        XCTAssertEqual(inverted.column(.consentInverted), 1)
    }

    func testAnInvertedColumnReadsYesAsNoConsentEndToEnd() throws {
        let dir = try TempDir()
        let path = try dir.write("optout.csv", """
            E-mail,Naam,Ik geef GEEN toestemming om mijn gegevens te delen
            a@example.nl,A,Ja
            b@example.nl,B,Nee
            c@example.nl,C,"Ja, nee"

            """)
        let plain = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(plain.registrations.filter(\.consent).count, 0, "a refusal question is never read as consent")
        XCTAssertEqual(plain.diagnostics("negated_consent_header").count, 1)
        let options = IngestOptions(columnAliases: ["consent_inverted": ["Ik geef GEEN toestemming om mijn gegevens te delen"]])
        let mapped = try Ingest.run([InputSpec(path: path)], options: options)
        XCTAssertEqual(mapped.registration("a@example.nl")?.consent, false)
        XCTAssertEqual(mapped.registration("b@example.nl")?.consent, true)
        XCTAssertEqual(mapped.registration("c@example.nl")?.consent, false)
        XCTAssertEqual(mapped.diagnostics("unclear_consent").map(\.row), [4])
        XCTAssertTrue(mapped.diagnostics("unknown_column_field").isEmpty)
    }

    func testSeveralConsentColumnsInAnExportShareNobodyWhenUnclear() throws {
        let dir = try TempDir()
        let path = try dir.write("two.csv", """
            E-mail,Naam,Toestemming,Toestemming foto's
            a@example.nl,A,Ja,Ja
            b@example.nl,B,Ja,Nee

            """)
        let result = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(result.registrations.filter(\.consent).count, 0)
        XCTAssertEqual(result.diagnostics("unclear_consent_column").count, 1)
    }
}
