import Normalise
import TestSupport
import WerksessiesModel
import XCTest

final class BatchTests: XCTestCase {
    func testParticipantsAndDiagnostics() throws {
        let result = Fixtures.normaliser.normalise([
            Fixture.registration("A@x.nl", row: 2, file: "aanmeldingen.xlsx", sheet: "Blad1",
                organisation: "Gem. Utrecht", discipline: "Stedebouwkundige", interests: "NOVI; groen"),
            Fixture.registration("b@x.nl", row: 3, file: "aanmeldingen.xlsx", sheet: "Blad1",
                discipline: "Tandarts", interests: "leefbaarheid; voetbal"),
            Fixture.registration("c@x.nl", row: 4, file: "aanmeldingen.xlsx", sheet: "Blad1",
                discipline: "n.v.t.", interests: "n.v.t."),
            Fixture.registration("d@x.nl", row: 5, file: "aanmeldingen.xlsx", sheet: "Blad1", discipline: "archtect"),
            Fixture.registration("e@x.nl", row: 6, file: "aanmeldingen.xlsx", sheet: "Blad1",
                role: "Senior beleidsadviseur", discipline: ""),
            Fixture.registration("f@x.nl", row: 7, file: "aanmeldingen.xlsx", sheet: "Blad1",
                discipline: "Loodgieter", cancelled: true),
        ])
        XCTAssertEqual(result.participants.count, 6)
        let a = result.participants[0]
        XCTAssertEqual(a.id, Participant.id(forEmailKey: "a@x.nl"))
        XCTAssertEqual(a.discipline, "stedenbouwkundige")
        XCTAssertEqual(a.family, "design")
        XCTAssertEqual(a.interests, ["groen", "novi"])
        XCTAssertEqual(a.organisationKey, "gemeente utrecht")
        XCTAssertTrue(a.gaveInterests)
        XCTAssertNil(result.participants[1].discipline)
        XCTAssertEqual(result.participants[1].interests, ["leefbaarheid"])
        XCTAssertFalse(result.participants[2].gaveInterests)
        XCTAssertEqual(result.participants[3].discipline, "architect")
        XCTAssertEqual(result.participants[4].discipline, "beleidsadviseur")  // from the role

        let byRow = Dictionary(grouping: result.diagnostics, by: { $0.row ?? 0 })
        XCTAssertNil(byRow[2])
        let unmapped = try XCTUnwrap(byRow[3]?.first { $0.code == "unmapped_discipline" })
        XCTAssertEqual(unmapped.severity, .warning)
        XCTAssertEqual(unmapped.file, "aanmeldingen.xlsx")
        XCTAssertEqual(unmapped.sheet, "Blad1")
        XCTAssertEqual(unmapped.column, "discipline")
        XCTAssertEqual(unmapped.value, "Tandarts")
        XCTAssertTrue(unmapped.message.contains("bedoelde u"), unmapped.message)
        let interest = try XCTUnwrap(byRow[3]?.first { $0.code == "unmapped_interest" })
        XCTAssertEqual(interest.severity, .info)
        XCTAssertEqual(interest.column, "interests")
        XCTAssertEqual(interest.value, "voetbal")
        XCTAssertEqual(byRow[4]?.map(\.code), ["no_discipline"])
        XCTAssertEqual(byRow[4]?.first?.severity, .info)
        XCTAssertEqual(byRow[5]?.map(\.code), ["fuzzy_discipline"])
        XCTAssertNil(byRow[6])
        XCTAssertNil(byRow[7], "cancelled registrations get no diagnostics")
    }

    func testSuggestionMessageNamesThreeDisciplines() throws {
        let result = Fixtures.normaliser.normalise([
            Fixture.registration("g@x.nl", row: 9, file: "aanmeldingen.xlsx", sheet: "Blad1",
                discipline: "stedenbouwkundig planologisch landschapsbureau xq")
        ])
        _ = result
        let match = Fixtures.normaliser.matchDiscipline("ruimtelijk xq-ontwerpbureau")
        if match.discipline == nil {
            XCTAssertEqual(match.suggestions.count, 3, "\(match.suggestions)")
        }
    }

    func testSameInputSameOutput() {
        let registrations = (0..<50).map {
            Fixture.registration("p\($0)@x.nl", row: $0 + 2, file: "aanmeldingen.xlsx", sheet: "Blad1",
                discipline: ["architect", "archtect", "xyz"][$0 % 3], interests: "groen; foo")
        }
        let first = Fixtures.normaliser.normalise(registrations)
        let second = Fixtures.normaliser.normalise(registrations)
        XCTAssertEqual(first.participants, second.participants)
        XCTAssertEqual(first.diagnostics, second.diagnostics)
    }
}
