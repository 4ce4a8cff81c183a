import Foundation
import TestSupport
import WerksessiesModel
import XCTest

final class ParticipantTests: XCTestCase {
    func testCopiesKeepValueSemantics() {
        let original = Fixture.participant(
            "P2", name: "Persoon 2", organisation: "Gemeente 2", discipline: "stedenbouw", family: "ontwerp", interests: ["wonen", "water"])
        var copy = original
        XCTAssertEqual(copy, original)
        copy.name = "Ander"
        copy.interests.append("energie")
        copy.discipline = nil
        copy.pinnedSession = 3
        XCTAssertEqual(original.name, "Persoon 2", "changing a copy leaves the original alone")
        XCTAssertEqual(original.interests, ["wonen", "water"])
        XCTAssertEqual(original.discipline, "stedenbouw")
        XCTAssertNil(original.pinnedSession)
        XCTAssertEqual(copy.name, "Ander")
        XCTAssertEqual(copy.interests, ["wonen", "water", "energie"])
        XCTAssertNotEqual(copy, original)

        var array = [original, original]
        array[1].organisation = "Provincie"
        XCTAssertEqual(array[0].organisation, "Gemeente 2")
        XCTAssertEqual(array[1].organisation, "Provincie")
    }

    func testEqualityAndHashCoverEveryField() {
        let a = Fixture.participant("P4")
        var b = Fixture.participant("P4")
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        b.source.row = 99
        XCTAssertNotEqual(a, b)
        b = Fixture.participant("P4")
        b.previousSession = 1
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(Set([a, Fixture.participant("P4"), Fixture.participant("P5")]).count, 2)
    }

    func testCodableRoundTripKeepsEveryField() throws {
        var p = Fixture.participant("P6", discipline: "stedenbouw", family: "ontwerp", interests: ["wonen"])
        p.pinnedSession = 2
        p.previousSession = 5
        p.source = SourceRef(file: "a.xlsx", sheet: "Blad1", row: 7, fileIndex: 1)
        let data = try JSONEncoder().encode([p, Fixture.participant("P7")])
        let decoded = try JSONDecoder().decode([Participant].self, from: data)
        XCTAssertEqual(decoded, [p, Fixture.participant("P7")])
        let keys = try JSONSerialization.jsonObject(with: JSONEncoder().encode(p)) as? [String: Any]
        XCTAssertEqual(Set(keys?.keys.map { $0 } ?? []), [
            "id", "email", "emailKey", "name", "organisation", "organisationKey", "role", "discipline", "family",
            "interests", "gaveInterests", "mandate", "consent", "cancelled", "pinnedSession", "previousSession", "source",
        ])
    }

    private func placement(_ id: String, _ session: Int?) -> Placement {
        Placement(
            participantID: id, session: session, matchedKeywords: [], outsideComfortZone: false, score: 0, rank: nil,
            reason: .bestFit, explanation: "")
    }

    func testPlacementIndicesInParticipantOrderSkipCancelled() {
        let people = [Fixture.participant("P0"), Fixture.participant("P1", cancelled: true), Fixture.participant("P2"), Fixture.participant("P3")]
        let assignment = Assignment(placements: [placement("P0", 1), placement("P2", nil), placement("P3", 2)], objective: 0)
        XCTAssertEqual(assignment.placementIndices(for: people), [0, -1, 1, 2])
    }

    func testPlacementIndicesInAnyOtherOrderFallBackToIDs() {
        let people = [Fixture.participant("P0"), Fixture.participant("P1"), Fixture.participant("P2")]
        let shuffled = Assignment(placements: [placement("P2", 1), placement("P0", 2), placement("P9", 3)], objective: 0)
        XCTAssertEqual(shuffled.placementIndices(for: people), [1, -1, 0])
        let duplicate = Assignment(placements: [placement("P0", 1), placement("P0", 2), placement("P1", 1)], objective: 0)
        XCTAssertEqual(duplicate.placementIndices(for: people), [0, 2, -1], "the first placement of an id wins")
        XCTAssertEqual(Assignment(placements: [], objective: 0).placementIndices(for: people), [-1, -1, -1])
    }
}
