import Foundation
import GRDB
import TestSupport
import WerksessiesModel
import XCTest

@testable import State

/// Recording and reading back: every field, unchanged rows not rewritten, `lastSeenRun` as v1 kept it, v1 files.
final class StateStoreRecordTests: XCTestCase {
    var path: String!

    override func setUpWithError() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString).sqlite").path
    }

    override func tearDownWithError() throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func record(
        _ store: StateStore, run: String, seconds: Double, participants: [Participant], basis: StateSnapshot?,
        pins: [String: Int] = [:]
    ) throws {
        try store.record(
            RunRecord(
                summary: RunSummary(
                    runID: run, startedAt: Date(timeIntervalSince1970: seconds), registrants: participants.count,
                    assigned: participants.count, waitlisted: 0, meanShannon: 0.5, objective: 1),
                manifestJSON: "{}", participants: participants,
                placements: participants.map {
                    Placement(
                        participantID: $0.id, session: $0.cancelled ? nil : 1, matchedKeywords: [],
                        outsideComfortZone: false, score: 0, rank: 1, reason: .bestFit, explanation: "")
                }, newPins: pins, basis: basis))
    }

    /// The stored lastSeenRun per participant (what a v1 reader would see).
    func storedLastSeen(_ path: String) throws -> [String: String] {
        try DatabaseQueue(path: path).read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT participantId, lastSeenRun FROM registrant").map {
                    (row: Row) -> (String, String) in (row[0], row[1])
                })
        }
    }

    func testEveryFieldRoundTripsIncludingNilsEmptiesAndUnicode() throws {
        let store = try StateStore(path: path)
        let full = Participant(
            id: "P1", email: "Zoë.Ünal@Example.nl", emailKey: "zoe.unal@example.nl", name: "Zoë Ünal | \"x\"",
            organisation: "Gemeente 's-Hertogenbosch", organisationKey: "gemeente s hertogenbosch", role: "beleid",
            discipline: "architect", family: "design", interests: ["erfgoed", "kunst", "water"], gaveInterests: true,
            mandate: true, consent: true, cancelled: true, source: SourceRef(file: "a.xlsx", sheet: "Blad 1", row: 12))
        let bare = Participant(
            id: "P2", email: "", emailKey: "", name: "", organisation: "", organisationKey: "", role: "",
            discipline: nil, family: nil, interests: [], gaveInterests: false, mandate: false, consent: false,
            cancelled: false, source: SourceRef(file: "", sheet: nil, row: 0))
        let decomposed = Participant(
            id: "P3", email: "e\u{301}@x.nl", emailKey: "e\u{301}@x.nl", name: "Rene\u{301}", organisation: "",
            organisationKey: "", role: "", discipline: "", family: "", interests: ["één"], gaveInterests: true,
            mandate: false, consent: true, source: SourceRef(file: "b.csv", sheet: "", row: Int(Int32.max) + 7))
        try record(store, run: "r1", seconds: 100, participants: [decomposed, bare, full], basis: try store.snapshot())
        let snapshot = try StateStore(path: path).snapshot()
        XCTAssertEqual(snapshot.registrants, ["P1": full, "P2": bare, "P3": decomposed])
        // Byte for byte (== alone equates canonically equivalent strings).
        XCTAssertEqual(Array(snapshot.registrants["P3"]!.name.utf8), Array("Rene\u{301}".utf8))
        XCTAssertEqual(snapshot.registrants["P3"]?.discipline, "")
        XCTAssertEqual(snapshot.registrants["P3"]?.source.sheet, "")
        XCTAssertNil(snapshot.registrants["P2"]?.discipline)
        XCTAssertNil(snapshot.registrants["P2"]?.source.sheet)
        let sessions: [String: Int?] = ["P1": nil, "P2": 1, "P3": 1]
        XCTAssertEqual(snapshot.previousSessions, sessions)
    }

    func testUnchangedRowsAreNotRewrittenButReadBackTheSame() throws {
        let store = try StateStore(path: path)
        let first = (0..<50).map { Fixture.storedParticipant(String(format: "P%03d", $0)) }
        try record(store, run: "r1", seconds: 100, participants: first, basis: try store.snapshot())
        var second = first
        second[7].name = "Renamed"
        second[9].interests = []
        second[11].source.sheet = "Blad 2"
        second.append(Fixture.storedParticipant("P999"))
        // An NFC/NFD change is a change (the stored bytes must follow), though Swift's == calls it equal.
        second[13].name = "Rene\u{301}"
        let basis = try store.snapshot()
        var nfc = second
        nfc[13].name = "Ren\u{E9}"
        try record(store, run: "r1b", seconds: 150, participants: nfc, basis: basis)
        try record(store, run: "r2", seconds: 200, participants: second, basis: try store.snapshot())

        let stored = try storedLastSeen(path)
        XCTAssertEqual(stored["P000"], "r1", "unchanged rows are not rewritten")
        XCTAssertEqual(stored["P007"], "r1b")
        XCTAssertEqual(stored["P013"], "r2")
        XCTAssertEqual(stored["P999"], "r1b")
        let snapshot = try store.snapshot()
        XCTAssertEqual(snapshot.registrants, Dictionary(uniqueKeysWithValues: second.map { ($0.id, $0) }))
        XCTAssertEqual(Array(snapshot.registrants["P013"]!.name.utf8), Array("Rene\u{301}".utf8))
        // Every registrant was seen by r2: as before r2 none is left (as when every row was rewritten).
        XCTAssertEqual(try store.snapshot(excluding: "r2").registrants, [:])
        XCTAssertEqual(try store.snapshot(excluding: "r1").registrants.count, 51)
    }

    func testAStaleBasisIsNotTrusted() throws {
        let store = try StateStore(path: path)
        try record(store, run: "r1", seconds: 100, participants: [Fixture.storedParticipant("a", name: "A1")], basis: try store.snapshot())
        let basis = try store.snapshot()
        try record(store, run: "r2", seconds: 200, participants: [Fixture.storedParticipant("a", name: "A2")], basis: basis)
        // r3 was computed from the state before r2: its "a" equals that basis, but not the database.
        try record(store, run: "r3", seconds: 300, participants: [Fixture.storedParticipant("a", name: "A1")], basis: basis)
        XCTAssertEqual(try store.snapshot().registrants["a"]?.name, "A1")
        // A snapshot `excluding` a run is not a basis either.
        let partial = try store.snapshot(excluding: "r3")
        try record(store, run: "r4", seconds: 400, participants: [Fixture.storedParticipant("a", name: "A4")], basis: partial)
        XCTAssertEqual(try store.snapshot().registrants["a"]?.name, "A4")
    }

    /// Random nights (registrants coming, going, changing; with and without a basis) against a model of v1,
    /// which rewrote every recorded row: the same registrants, and the same ones "as before" every run.
    func testLastSeenMatchesRewritingEveryRowOverRandomNights() throws {
        var rng = SplitMix64(seed: 7)
        let store = try StateStore(path: path)
        var model: [String: (participant: Participant, lastSeen: String)] = [:]
        var runs: [String] = []
        for night in 0..<40 {
            let runID = String(format: "r%02d", night)
            var tonight: [Participant] = []
            for index in 0..<30 {
                let id = String(format: "P%02d", index)
                let present = rng.next() % 5 != 0 || (night > 0 && rng.next() % 2 == 0 && model[id] != nil)
                guard present else { continue }
                var p = model[id]?.participant ?? Fixture.storedParticipant(id)
                if rng.next() % 6 == 0 { p.name = "N \(id) \(night)" }
                if rng.next() % 9 == 0 { p.cancelled.toggle() }
                tonight.append(p)
            }
            // Mostly everyone known (the pipeline keeps disappeared registrants), sometimes a partial night.
            if rng.next() % 3 != 0 {
                let ids = Set(tonight.map(\.id))
                tonight += model.values.map(\.participant).filter { !ids.contains($0.id) }
            }
            tonight.shuffle(using: &rng)
            let basis: StateSnapshot? = rng.next() % 4 == 0 ? nil : try store.snapshot()
            try record(store, run: runID, seconds: Double(1000 + night), participants: tonight, basis: basis)
            for p in tonight { model[p.id] = (p, runID) }
            runs.append(runID)

            let snapshot = try store.snapshot()
            XCTAssertEqual(snapshot.registrants, model.mapValues(\.participant), "night \(night)")
            for excluded in [runID, runs[night / 2], runs[max(0, night - 1)], "nope"] {
                let before = try store.snapshot(excluding: excluded)
                XCTAssertEqual(
                    Set(before.registrants.keys), Set(model.filter { $0.value.lastSeen != excluded }.keys),
                    "night \(night), excluding \(excluded)")
            }
        }
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testAVersion1DatabaseMigratesAndKeepsItsMeaning() throws {
        // A v1 file as v1 wrote it: every recorded row rewritten, no seq/seenAll columns.
        let v1 = try DatabaseQueue(path: path)
        try StateStore.migrator.migrate(v1, upTo: "v1")
        try v1.write { db in
            for (run, at) in [("r1", 100), ("r2", 200)] {
                try db.execute(
                    sql: """
                        INSERT INTO run (id, startedAt, registrants, assigned, waitlisted, meanShannon, objective, status, manifest)
                        VALUES (?, ?, 2, 2, 0, 0.5, 1, 'published', '{}')
                        """, arguments: [run, Date(timeIntervalSince1970: Double(at))])
            }
            // "a" seen by r1 and r2, "b" only by r1.
            for (id, seen) in [("a", "r2"), ("b", "r1")] {
                try db.execute(
                    sql: """
                        INSERT INTO registrant VALUES (?, ?, ?, 0, ?, ?, 'Org', 'org', '', 'architect', 'design',
                          'kunst', 1, 1, 0, 'in.csv', NULL, 3)
                        """, arguments: [id, "\(id)@x.nl", seen, "\(id)@x.nl", "N \(id)"])
            }
            try db.execute(sql: "INSERT INTO assignment VALUES ('r2', 'a', 1)")
        }
        try v1.close()

        let store = try StateStore(path: path)
        let migrated = try store.snapshot()
        XCTAssertEqual(migrated.previousRunID, "r2")
        XCTAssertEqual(migrated.registrants, ["a": Fixture.storedParticipant("a"), "b": Fixture.storedParticipant("b")])
        XCTAssertEqual(Set(try store.snapshot(excluding: "r2").registrants.keys), ["b"])
        XCTAssertEqual(Set(try store.snapshot(excluding: "r1").registrants.keys), ["a"])

        // A v2 night seeing both: "b" (not seen by the v1 run r2) is now last seen by r3, like "a".
        try record(store, run: "r3", seconds: 300, participants: [Fixture.storedParticipant("a"), Fixture.storedParticipant("b")], basis: migrated)
        XCTAssertEqual(try store.snapshot(excluding: "r3").registrants, [:])
        XCTAssertEqual(try store.snapshot(excluding: "r2").registrants.count, 2)
        try record(store, run: "r4", seconds: 400, participants: [Fixture.storedParticipant("a"), Fixture.storedParticipant("b")], basis: try store.snapshot())
        XCTAssertEqual(try store.snapshot(excluding: "r4").registrants, [:])
        XCTAssertEqual(try store.snapshot(excluding: "r3").registrants.count, 2)
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testAFailingRowNamesTheDatabaseAndRollsBack() throws {
        let store = try StateStore(path: path)
        let twice = [Fixture.storedParticipant("a"), Fixture.storedParticipant("a")]
        XCTAssertThrowsError(try record(store, run: "r1", seconds: 100, participants: twice, basis: nil)) { error in
            XCTAssertTrue(error is StateError && "\(error)".contains(self.path) && "\(error)".contains("UNIQUE"), "\(error)")
        }
        let snapshot = try store.snapshot()
        XCTAssertNil(snapshot.previousRunID)
        XCTAssertEqual(snapshot.registrants, [:])
    }

    func runRecord(_ run: String, _ participants: [Participant]) -> RunRecord {
        RunRecord(
            summary: RunSummary(
                runID: run, startedAt: Date(timeIntervalSince1970: 100), registrants: participants.count,
                assigned: participants.count, waitlisted: 0, meanShannon: 0.5, objective: 1),
            manifestJSON: "", participants: participants,
            placements: participants.map {
                Placement(
                    participantID: $0.id, session: 2, matchedKeywords: [], outsideComfortZone: false, score: 0, rank: 1,
                    reason: .bestFit, explanation: "")
            }, newPins: [:])
    }

    func testABackgroundRecordCommitsOnlyWithItsManifest() throws {
        let store = try StateStore(path: path)
        let pending = store.beginRecord(runRecord("r1", [Fixture.storedParticipant("a"), Fixture.storedParticipant("b")]))
        try pending.commit(manifestJSON: #"{"run":"r1"}"#, meanShannon: 0.75)
        pending.cancel()  // after a commit: nothing happens
        let snapshot = try store.snapshot()
        XCTAssertEqual(snapshot.previousRunID, "r1")
        XCTAssertEqual(snapshot.history.last?.meanShannon, 0.75, "the metrics given at commit replace the summary's")
        XCTAssertEqual(snapshot.previousSessions, ["a": 2, "b": 2])
        XCTAssertEqual(Set(snapshot.registrants.keys), ["a", "b"])
        let manifest = try DatabaseQueue(path: path).read { db in
            try String.fetchOne(db, sql: "SELECT manifest FROM run WHERE id = 'r1'")
        }
        XCTAssertEqual(manifest, #"{"run":"r1"}"#)
    }

    func testACancelledBackgroundRecordLeavesNothing() throws {
        let store = try StateStore(path: path)
        store.beginRecord(runRecord("r1", [Fixture.storedParticipant("a")])).cancel()
        let snapshot = try store.snapshot()
        XCTAssertNil(snapshot.previousRunID)
        XCTAssertEqual(snapshot.registrants, [:])
        // The database is free again: a next run records normally.
        try store.beginRecord(runRecord("r2", [Fixture.storedParticipant("c")])).commit(manifestJSON: "{}")
        XCTAssertEqual(try store.snapshot().previousRunID, "r2")
    }

    func testARecordBegunBeforeTheAssignmentCommitsWhatIsSuppliedLater() throws {
        let store = try StateStore(path: path)
        let run = runRecord("r1", [Fixture.storedParticipant("a"), Fixture.storedParticipant("b")])
        let pending = store.beginRecord(runID: "r1", participants: run.participants, basis: nil)
        // The registrants are written (uncommitted) while the caller solves; the assignment comes later.
        pending.supply(RunDecision(summary: run.summary, placements: run.placements, newPins: ["b": 2]))
        pending.supply(RunDecision(summary: run.summary, placements: [], newPins: [:]))  // a second supply is ignored
        try pending.commit(manifestJSON: "{}", meanShannon: 0.25)
        let snapshot = try store.snapshot()
        XCTAssertEqual(snapshot.previousRunID, "r1")
        XCTAssertEqual(snapshot.previousSessions, ["a": 2, "b": 2])
        XCTAssertEqual(snapshot.pins, ["b": 2])
        XCTAssertEqual(snapshot.history.map(\.meanShannon), [0.25])
    }

    func testARecordCancelledOrCommittedBeforeItsAssignmentLeavesNothing() throws {
        let store = try StateStore(path: path)
        store.beginRecord(runID: "r1", participants: [Fixture.storedParticipant("a")], basis: nil).cancel()
        XCTAssertEqual(try store.snapshot().registrants, [:])
        let early = store.beginRecord(runID: "r2", participants: [Fixture.storedParticipant("b")], basis: nil)
        XCTAssertThrowsError(try early.commit(manifestJSON: "{}")) { error in
            XCTAssertTrue("\(error)".contains("before its assignment was supplied"), "\(error)")
        }
        let snapshot = try store.snapshot()
        XCTAssertNil(snapshot.previousRunID)
        XCTAssertEqual(snapshot.registrants, [:])
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testARecordLeavesItsPagesInTheLogUntilTheNextCheckpoint() throws {
        let store = try StateStore(path: path)
        func bytes(_ suffix: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size]) as? Int) ?? 0
        }
        let many = (0..<40_000).map { Fixture.storedParticipant(String(format: "p%05d", $0)) }
        try record(store, run: "r1", seconds: 100, participants: many, basis: nil)
        // Over 1,000 pages: SQLite's automatic checkpoint would have copied them into the database file.
        XCTAssertGreaterThan(bytes("-wal"), 1_000 * 4_096)
        XCTAssertLessThan(bytes(""), 100_000, "the commit left the night's pages in the log")
        try store.checkpoint()
        XCTAssertGreaterThan(bytes(""), 1_000 * 4_096, "the checkpoint copied them into the database")
        XCTAssertEqual(bytes("-wal"), 0, "and emptied the log")
        try record(store, run: "r2", seconds: 200, participants: many, basis: try store.snapshot())
        XCTAssertEqual(try store.snapshot().previousRunID, "r2")
        XCTAssertEqual(try store.integrityCheck(), "ok")
        XCTAssertEqual(try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM registrant") }, 40_000)
    }

    func testABackgroundRecordThatFailsThrowsAtCommitAndRollsBack() throws {
        let store = try StateStore(path: path)
        let pending = store.beginRecord(runRecord("r1", [Fixture.storedParticipant("a"), Fixture.storedParticipant("a")]))
        XCTAssertThrowsError(try pending.commit(manifestJSON: "{}")) { error in
            XCTAssertTrue(error is StateError && "\(error)".contains("UNIQUE"), "\(error)")
        }
        XCTAssertNil(try store.snapshot().previousRunID)
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }
}
