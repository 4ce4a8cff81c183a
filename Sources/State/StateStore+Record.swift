import Dispatch
import Foundation
import GRDB
import SQLiteBulk
import WerksessiesModel

// How `registrant.lastSeenRun` stays exact without rewriting unchanged rows (schema v2):
//
// Runs are numbered in recording order (`run.seq`). Let L be the latest recorded run and K the latest
// run with seenAll = 0 (a v1 run, or a run that did not record every known registrant). A row whose
// stored lastSeenRun is K or later was seen by every run since, so it was last seen by L; a row whose
// stored lastSeenRun is before K was last seen by exactly that run.
//
// Recording a run R keeps this true:
// - R records every known registrant (checked against the snapshot it was computed from): it writes only
//   new and changed rows and sets seenAll = 1. If L has seenAll = 0, rows L did not see (stored value
//   not L) are first set to R, once.
// - Otherwise R materialises the rows L saw without rewriting them (stored value not L, when L has
//   seenAll = 1) to L, then writes every row it records with lastSeenRun = R, and sets seenAll = 0.

extension StateStore {
    /// A recorded run: its recording order, id and whether it saw every known registrant.
    struct RecordedRun: Equatable {
        var seq: Int
        var id: String
        var seenAll: Bool
    }

    /// Every recorded run, in recording order.
    static func recordedRuns(_ db: Database) throws -> [RecordedRun] {
        try Row.fetchAll(db, sql: "SELECT seq, id, seenAll FROM run ORDER BY seq, rowid").map {
            RecordedRun(seq: $0[0], id: $0[1], seenAll: $0[2])
        }
    }

    /// The latest recorded run, if any.
    static func latestRecorded(_ db: Database) throws -> RecordedRun? {
        try Row.fetchOne(db, sql: "SELECT seq, id, seenAll FROM run ORDER BY seq DESC, rowid DESC LIMIT 1").map {
            RecordedRun(seq: $0[0], id: $0[1], seenAll: $0[2])
        }
    }

    /// Identifies the database's registrants as of the latest recorded run (only `record` changes them).
    static func mark(of run: RecordedRun?) -> String {
        run.map { "\($0.seq) \($0.id)" } ?? "-"
    }

    /// Indices of `keys` in ascending UTF-8 byte order (SQLite's BINARY order: B-tree pages fill in sequence);
    /// keys that are already in order (the usual case) are not sorted again.
    static func ascending(_ keys: [String]) -> [Int] {
        var sorted = true
        var index = 1
        while sorted && index < keys.count {
            sorted = ByteOrder.compare(keys[index], keys[index - 1]) >= 0
            index += 1
        }
        return sorted ? Array(keys.indices) : ByteOrder.sortedIndices(keys)
    }

    /// Records a published run, its registrants, assignments and new pins, in one transaction.
    public func record(_ run: RunRecord) throws {
        try record(
            runID: run.summary.runID, participants: run.participants, basis: run.basis, manifestJSON: run.manifestJSON,
            decision: { RunDecision(summary: run.summary, placements: run.placements, newPins: run.newPins) },
            beforeCommit: nil)
    }

    /// Copies the pages of earlier commits from the write-ahead log into the database, on a background
    /// thread (the writes of this run wait for it; a crash in the middle is harmless).
    public func checkpointInBackground() {
        let thread = Thread { try? self.checkpoint() }
        thread.name = "state.checkpoint"
        thread.start()
    }

    /// Copies the pages of earlier commits from the write-ahead log into the database and empties the log.
    public func checkpoint() throws {
        try wrap { try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) } }
    }

    /// Starts recording a run on a background thread while the caller goes on (writing the reports):
    /// everything is inserted in one open transaction, which commits only when `commit(manifestJSON:)`
    /// is called after the publish. `cancel()`, an error or a crash before that rolls it back.
    public func beginRecord(_ run: RunRecord) -> PendingRecord {
        let pending = beginRecord(runID: run.summary.runID, participants: run.participants, basis: run.basis)
        pending.supply(RunDecision(summary: run.summary, placements: run.placements, newPins: run.newPins))
        return pending
    }

    /// Starts recording a run before it is assigned: the registrants are written while the caller solves
    /// the assignment, which it then hands over with `supply(_:)`; `commit` and `cancel` as above.
    public func beginRecord(runID: String, participants: [Participant], basis: StateSnapshot?) -> PendingRecord {
        let pending = PendingRecord(path: path)
        let thread = Thread {
            do {
                try self.record(
                    runID: runID, participants: participants, basis: basis, manifestJSON: "",
                    decision: {
                        guard let decision = pending.suppliedDecision() else { throw PendingRecord.Cancelled() }
                        return decision
                    },
                    beforeCommit: { db in
                        guard let completion = pending.decision() else { throw PendingRecord.Cancelled() }
                        try db.execute(
                            sql: "UPDATE run SET manifest = ?, meanShannon = COALESCE(?, meanShannon), status = ? WHERE id = ?",
                            arguments: [completion.manifest, completion.meanShannon, completion.status.rawValue, runID])
                        if let board = completion.board { try Self.writeBoardTrendRow(board, runID: runID, db: db) }
                        if let mix = completion.boardMix { try Self.writeBoardMix(mix, runID: runID, db: db) }
                    })
                pending.finish(nil)
            } catch {
                pending.finish(error)
            }
        }
        thread.name = "state.record"
        thread.start()
        return pending
    }

    /// The one transaction of a record: registrants first (they are known before the assignment), then,
    /// once `decision` returns, the run, its assignments and pins; `beforeCommit` last.
    func record(
        runID: String, participants: [Participant], basis: StateSnapshot?, manifestJSON: String,
        decision: () throws -> RunDecision, beforeCommit: ((Database) throws -> Void)?
    ) throws {
        try wrap {
            // The night's pages are copied from the WAL into the database when the store is closed (or by
            // the next run, in the background: `checkpointInBackground`), not by this commit, which the
            // publish waits for.
            let automatic = try queue.writeWithoutTransaction { db in
                let pages = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
                return pages
            }
            defer { try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(automatic)") } }
            try queue.write { db in
                let latest = try Self.latestRecorded(db)
                let order = Self.ascending(participants.map(\.id))

                // With a basis that is the database as it is now: skip unchanged rows if every known
                // registrant is among tonight's (otherwise write them all, as v1 did).
                var unchanged: [Bool] = []
                var seenAll = false
                if let basis, basis.recordedMark == Self.mark(of: latest) {
                    let known: Int
                    (unchanged, known) = Self.unchangedRows(participants, order: order, basis: basis.registrants)
                    seenAll = known == basis.registrants.count
                    if !seenAll { unchanged = [] }
                }
                if let latest {
                    if seenAll && !latest.seenAll {
                        // Rows the latest run did not see are seen by this one.
                        try db.execute(
                            sql: "UPDATE registrant SET lastSeenRun = ? WHERE lastSeenRun <> ?",
                            arguments: [runID, latest.id])
                    } else if !seenAll && latest.seenAll {
                        // Rows the latest run saw without rewriting them get its id before this run rewrites its own.
                        try db.execute(
                            sql: "UPDATE registrant SET lastSeenRun = ? WHERE lastSeenRun <> ?",
                            arguments: [latest.id, latest.id])
                    }
                }
                try Self.writeRegistrants(
                    participants, order: unchanged.isEmpty ? order : order.filter { !unchanged[$0] }, runID: runID, db: db)

                let run = try decision()
                try db.execute(
                    sql: """
                        INSERT INTO run (id, startedAt, registrants, assigned, waitlisted, meanShannon, objective, status,
                          manifest, seq, seenAll)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?)
                        """,
                    arguments: [
                        runID, run.summary.startedAt, run.summary.registrants, run.summary.assigned,
                        run.summary.waitlisted, run.summary.meanShannon, run.summary.objective, manifestJSON,
                        (latest?.seq ?? 0) + 1, seenAll,
                    ])
                if let board = run.summary.board { try Self.writeBoardTrendRow(board, runID: runID, db: db) }
                try Self.writeBoardMix(run.summary.boardMix, runID: runID, db: db)
                try Self.writeAssignments(
                    run.placements, order: Self.ascending(run.placements.map(\.participantID)), runID: runID, db: db)
                let pin = try db.bulkStatement("INSERT OR REPLACE INTO pin (participantId, session, pinnedAt) VALUES (?, ?, ?)")
                try pin.bind(3, runID)
                for (participantID, session) in run.newPins.sorted(by: { $0.key < $1.key }) {
                    pin.stage(1, participantID)
                    try pin.bind(2, session)
                    try pin.execute()
                }
                try beforeCommit?(db)
            }
        }
    }
}

extension StateStore {
    /// Records what a run's board showed of its trend row (replacing an earlier record of that run).
    static func writeBoardTrendRow(_ board: BoardTrendRow, runID: String, db: Database) throws {
        try db.execute(sql: "DELETE FROM boardFigure WHERE runId = ?", arguments: [runID])
        for (name, figure) in zip(BoardTrendRow.names, board.figures) {
            let (value, marker): (Double?, String?) = switch figure {
            case .value(let value): (value, nil)
            case .withheld(let marker): (nil, marker)
            }
            try db.execute(
                sql: "INSERT INTO boardFigure (runId, figure, value, marker) VALUES (?, ?, ?, ?)",
                arguments: [runID, name, value, marker])
        }
    }
}

extension StateStore {
    /// Records what a run's board showed of its family mix (replacing an earlier record of that run).
    static func writeBoardMix(_ cells: [BoardMixCell], runID: String, db: Database) throws {
        try db.execute(sql: "DELETE FROM boardMix WHERE runId = ?", arguments: [runID])
        for cell in cells {
            try db.execute(
                sql: "INSERT INTO boardMix (runId, session, cell, count, hidden) VALUES (?, ?, ?, ?, ?)",
                arguments: [runID, cell.session, cell.column.key, cell.count, cell.hidden])
        }
    }
}

/// A run whose state is being written in the background (see `StateStore.beginRecord`).
public final class PendingRecord: Sendable {
    struct Cancelled: Error {}

    /// What the assignment decided (`nil`: cancelled before it was supplied).
    private let assignment = Handoff<RunDecision?>()
    /// What a commit completes the record with.
    struct Completion {
        var manifest: String
        var meanShannon: Double?
        var board: BoardTrendRow?
        var boardMix: [BoardMixCell]?
        var status: RunStatus
    }

    /// The manifest, mean Shannon and what the board showed, to commit with (`nil`: cancelled).
    private let manifest = Handoff<Completion?>()
    /// How the writer thread ended (`nil`: committed).
    private let outcome = Handoff<(any Error)?>()
    /// The database being written (for errors).
    let path: String

    init(path: String) {
        self.path = path
    }

    /// Hands over what the assignment decided (once; later calls and calls after `cancel` do nothing).
    public func supply(_ decision: RunDecision) {
        assignment.give(decision)
    }

    /// Commits the transaction with the run's manifest, waits for it, and rethrows a failure of the write.
    /// `meanShannon`, `board` and `boardMix`, when given, replace the summary's (the metrics and the board come
    /// after the record started). `status` is `.publishing` when the run's reports are switched into place after
    /// the commit (`StateStore.markPublished(runID:)` then completes it).
    public func commit(
        manifestJSON: String, meanShannon: Double? = nil, board: BoardTrendRow? = nil, boardMix: [BoardMixCell]? = nil,
        status: RunStatus = .published
    ) throws {
        guard assignment.isGiven else {
            cancel()
            throw StateError(.notRecorded, path: path, message: "a run was committed before its assignment was supplied; nothing recorded")
        }
        manifest.give(Completion(manifest: manifestJSON, meanShannon: meanShannon, board: board, boardMix: boardMix, status: status))
        if let error = outcome.take(), !(error is Cancelled) { throw error }
    }

    /// Rolls the transaction back (nothing is recorded) and waits for it; does nothing after `commit`.
    public func cancel() {
        assignment.give(nil)
        manifest.give(nil)
        _ = outcome.take()
    }

    /// Called on the writer thread inside the transaction: blocks until `supply` or cancel.
    fileprivate func suppliedDecision() -> RunDecision? { assignment.take() }

    /// Called on the writer thread inside the transaction: blocks until commit or cancel.
    fileprivate func decision() -> Completion? { manifest.take() }

    fileprivate func finish(_ error: (any Error)?) { outcome.give(error) }
}

/// A value handed from one thread to another once: the first `give` wins, `take` waits for it (as often as asked).
private final class Handoff<Value>: @unchecked Sendable {
    // `value` and `isGiven` are guarded by `condition`.
    private let condition = NSCondition()
    private var value: Value?
    private var given = false

    /// True once a value was given.
    var isGiven: Bool {
        condition.lock()
        defer { condition.unlock() }
        return given
    }

    /// Gives the value, unless one was given before.
    func give(_ newValue: Value) {
        condition.lock()
        defer { condition.unlock() }
        guard !given else { return }
        value = newValue
        given = true
        condition.broadcast()
    }

    /// Waits until a value is given and returns it.
    func take() -> Value {
        condition.lock()
        defer { condition.unlock() }
        while !given { condition.wait() }
        return value!
    }
}
