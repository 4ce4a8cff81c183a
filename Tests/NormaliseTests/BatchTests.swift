import Normalise
import WerksessiesModel
import XCTest

final class BatchTests: XCTestCase {
    func registration(
        row: Int, email: String, discipline: String, interests: String = "", organisation: String = "",
        role: String = "", cancelled: Bool = false
    ) -> Registration {
        Registration(
            source: SourceRef(file: "aanmeldingen.xlsx", sheet: "Blad1", row: row), email: email,
            organisation: organisation, role: role, discipline: discipline, interests: interests, mandate: nil,
            cancelled: cancelled)
    }

    func testParticipantsAndDiagnostics() throws {
        let result = Fixtures.normaliser.normalise([
            registration(row: 2, email: "A@x.nl", discipline: "Stedebouwkundige", interests: "NOVI; groen", organisation: "Gem. Utrecht"),
            registration(row: 3, email: "b@x.nl", discipline: "Tandarts", interests: "leefbaarheid; voetbal"),
            registration(row: 4, email: "c@x.nl", discipline: "n.v.t.", interests: "n.v.t."),
            registration(row: 5, email: "d@x.nl", discipline: "archtect"),
            registration(row: 6, email: "e@x.nl", discipline: "", role: "Senior beleidsadviseur"),
            registration(row: 7, email: "f@x.nl", discipline: "Loodgieter", cancelled: true),
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
            registration(row: 9, email: "g@x.nl", discipline: "stedenbouwkundig planologisch landschapsbureau xq")
        ])
        _ = result
        let match = Fixtures.normaliser.matchDiscipline("ruimtelijk xq-ontwerpbureau")
        if match.discipline == nil {
            XCTAssertEqual(match.suggestions.count, 3, "\(match.suggestions)")
        }
    }

    func testSameInputSameOutput() {
        let registrations = (0..<50).map {
            registration(row: $0 + 2, email: "p\($0)@x.nl", discipline: ["architect", "archtect", "xyz"][$0 % 3], interests: "groen; foo")
        }
        let first = Fixtures.normaliser.normalise(registrations)
        let second = Fixtures.normaliser.normalise(registrations)
        XCTAssertEqual(first.participants, second.participants)
        XCTAssertEqual(first.diagnostics, second.diagnostics)
    }
}
