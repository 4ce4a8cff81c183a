import Foundation
import XCTest

@testable import Pipeline

/// notifications.csv over three nights: new, moved, waitlisted, promoted, cancelled; told (pinned) ones not again.
final class NotificationNightsTests: XCTestCase {
    var nights: Nights!

    override func setUpWithError() throws {
        nights = try Nights()
    }

    override func tearDownWithError() throws {
        nights.remove()
    }

    static let people = [
        "a@x.nl;Anna Smit;Org A;architect;kunst;nee;ja;2020-09-01 10:00;",
        "b@x.nl;Bert;Org B;ecoloog;kunst;nee;ja;2020-09-01 10:01;",
        "c@x.nl;Cees;Org C;beleidsadviseur;energietransitie;ja;ja;2020-09-01 10:02;",
        "d@x.nl;Dora;Org D;architect;samenwerking;ja;nee;2020-09-01 10:03;",
        "e@x.nl;Eva;Org E;energieadviseur;duurzaamheid;nee;ja;2020-09-01 10:04;",
    ]

    func notifications(_ outcome: RunOutcome) throws -> [String: [String: String]] {
        Dictionary(try nights.rows(of: outcome, "notifications.csv").map { ($0["email"]!, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func testThreeNights() throws {
        // Night 1: everyone is new and told their session and why.
        try nights.writeInput(Self.people)
        let first = try nights.run(night: 1)
        let one = try notifications(first)
        XCTAssertEqual(one.count, 5)
        XCTAssertEqual(Set(one.values.map { $0["change"]! }), ["new"])
        let anna = try XCTUnwrap(one["a@x.nl"])
        let session = try XCTUnwrap(anna["session"])
        XCTAssertEqual(anna["session_title"], ["1": "Kunst", "2": "Energie", "3": "Pact"][session])
        XCTAssertTrue(
            anna["message"]!.hasPrefix("Beste Anna, je bent ingedeeld bij werksessie \(session) '\(anna["session_title"]!)'."),
            anna["message"]!)
        XCTAssertTrue(anna["message"]!.contains("kunst"), anna["message"]!)
        let sessions = try nights.column("session", of: first)
        XCTAssertEqual(try nights.column("session", of: first)["c@x.nl"], "2")

        // Night 2: d cancels; sessions 1 and 2 shrink to one seat each, so one of a, b, e is waitlisted and
        // c (with a mandate) moves to session 3.
        try nights.writeCatalog(capacityOne: 1, capacityTwo: 1)
        try nights.writeInput(Self.people + ["d@x.nl;Dora;Org D;architect;samenwerking;ja;nee;2020-09-02 10:03;Geannuleerd"])
        let second = try nights.run(night: 2, allowShrink: true)
        let two = try notifications(second)
        XCTAssertEqual(two["d@x.nl"]?["change"], "cancelled")
        XCTAssertEqual(two["d@x.nl"]?["session"], sessions["d@x.nl"])
        XCTAssertTrue(two["d@x.nl"]!["message"]!.hasPrefix("Beste Dora, we hebben je afmelding ontvangen"))
        XCTAssertEqual(two["c@x.nl"]?["change"], "moved")
        XCTAssertEqual(two["c@x.nl"]?["session"], "3")
        XCTAssertTrue(two["c@x.nl"]!["message"]!.contains("in plaats van werksessie 2 'Energie'. Reden: "), two["c@x.nl"]!["message"]!)
        let waitlisted = two.values.filter { $0["change"] == "waitlisted" }
        XCTAssertEqual(waitlisted.count, 1, "\(two)")
        XCTAssertEqual(waitlisted.first?["session"], "")
        XCTAssertTrue(waitlisted.first!["message"]!.contains("wachtlijst"))
        XCTAssertEqual(two.count, 3, "nobody else changed: \(two)")

        // Everyone told tonight is pinned; the waitlisted and the cancelled have no session to keep.
        let pinned = try nights.pipeline(night: 2).pinNotified()
        XCTAssertTrue(pinned.hasPrefix("pinned 1 notified participant(s)"), pinned)

        // Night 3: the seats are back: the waitlisted one is promoted; c, pinned and told, gets no row.
        try nights.writeCatalog(capacityOne: 3, capacityTwo: 3)
        let third = try nights.run(night: 3)
        let three = try notifications(third)
        let promoted = try XCTUnwrap(three[waitlisted.first!["email"]!])
        XCTAssertEqual(promoted["change"], "promoted")
        XCTAssertTrue(promoted["message"]!.contains("je bent van de wachtlijst ingedeeld bij werksessie"), promoted["message"]!)
        XCTAssertNil(three["c@x.nl"])
        XCTAssertEqual(try nights.column("session", of: third)["c@x.nl"], "3")
    }

    func testAPinnedParticipantWhoWasToldGetsNoRowAndAnExcludedOneNone() throws {
        try nights.writeInput(Self.people)
        _ = try nights.run(night: 1)
        let run = try nights.pipeline(night: 2)
        _ = try run.pin(email: "c@x.nl", session: 3, remove: false)
        _ = try run.correct(email: "a@x.nl", field: "exclude", value: "ja", note: "spreker")
        let second = try nights.run(night: 2)
        XCTAssertEqual(try nights.column("session", of: second)["c@x.nl"], "3")
        let rows = try notifications(second)
        XCTAssertNil(rows["c@x.nl"], "pinned to the session they were told")
        XCTAssertNil(rows["a@x.nl"], "excluded by a correction")
    }
}
