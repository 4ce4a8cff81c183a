import Foundation
import GRDB
import SQLiteBulk
import WerksessiesModel

extension StateStore {
    /// Reads what earlier runs left; with `excluding`, as it was before that run (for `explain`). Runs are
    /// in recording order (`seq`), never sorted by their clock readings.
    public func snapshot(excluding excludedRun: String? = nil) throws -> StateSnapshot {
        try wrap {
            try queue.read { db in
                var snapshot = StateSnapshot()
                let runs = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, startedAt, registrants, assigned, waitlisted, meanShannon, objective FROM run
                        WHERE status = 'published' AND id IS NOT ? ORDER BY seq, rowid
                        """,
                    arguments: [excludedRun])
                let boards = try Self.boardTrendRows(db)
                snapshot.history = runs.map { row in
                    RunSummary(
                        runID: row[0], startedAt: row[1], registrants: row[2], assigned: row[3], waitlisted: row[4],
                        meanShannon: row[5], objective: row[6], board: boards[row[0]])
                }
                if let last = snapshot.history.last {
                    snapshot.history[snapshot.history.count - 1].boardMix = try Self.boardMix(db, runID: last.runID)
                    snapshot.previousRunID = last.runID
                    snapshot.previousRegistrants = last.registrants
                    let sessions = try db.bulkStatement("SELECT participantId, session FROM assignment WHERE runId = ?")
                    try sessions.bind(1, last.runID)
                    snapshot.previousSessions.reserveCapacity(last.registrants)
                    while try sessions.next() {
                        snapshot.previousSessions[sessions.text(0)] = .some(sessions.optionalInt(1))
                    }
                }
                let pins = try db.bulkStatement("SELECT participantId, session FROM pin WHERE pinnedAt IS NOT ?")
                try pins.bind(1, excludedRun)
                while try pins.next() {
                    snapshot.pins[pins.text(0)] = pins.int(1)
                }
                if excludedRun == nil { snapshot.registrants.reserveCapacity(snapshot.previousRegistrants) }
                try Self.readRegistrants(db, excluding: excludedRun, into: &snapshot.registrants)
                if excludedRun == nil {
                    snapshot.recordedMark = Self.mark(of: try Self.latestRecorded(db))
                }
                return snapshot
            }
        }
    }

    /// The recorded trend rows of the boards, by run id (a run without rows was recorded before they were kept).
    static func boardTrendRows(_ db: Database) throws -> [String: BoardTrendRow] {
        var named: [String: [String: ShownFigure]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT runId, figure, value, marker FROM boardFigure") {
            let value: Double? = row[2]
            let marker: String? = row[3]
            named[row[0], default: [:]][row[1]] = value.map(ShownFigure.value) ?? .withheld(marker: marker ?? ShownFigure.unknownMarker)
        }
        return named.mapValues(BoardTrendRow.init(named:))
    }

    /// A run's recorded board family mix (empty when not recorded; cells this version does not know are left out).
    static func boardMix(_ db: Database, runID: String) throws -> [BoardMixCell] {
        try Row.fetchAll(
            db, sql: "SELECT session, cell, count, hidden FROM boardMix WHERE runId = ? ORDER BY session, cell", arguments: [runID]
        ).compactMap { row in
            BoardMixCell.Column(key: row[1]).map { BoardMixCell(session: row[0], column: $0, count: row[2], hidden: row[3]) }
        }
    }

    /// Reads the registrants, without those last seen by `excludedRun` (see `StateStore+Record.swift`).
    static func readRegistrants(
        _ db: Database, excluding excludedRun: String?, into registrants: inout [String: Participant]
    ) throws {
        var sql = """
            SELECT participantId, emailKey, cancelled, email, name, organisation, organisationKey, role, discipline,
              family, interests, gaveInterests, mandate, consent, sourceFile, sourceSheet, sourceRow
            FROM registrant
            """
        // Rows whose stored lastSeenRun is a run of recording order lo...hi were last seen by `excludedRun`.
        var excludedSeqs: (lo: Int, hi: Int)?
        if let excludedRun {
            let runs = try recordedRuns(db)
            let lastPartial = runs.last(where: { !$0.seenAll })?.seq
            if let latest = runs.last, latest.id == excludedRun {
                excludedSeqs = (lastPartial ?? Int.min, latest.seq)
            } else if let run = runs.first(where: { $0.id == excludedRun }), let lastPartial, run.seq < lastPartial {
                excludedSeqs = (run.seq, run.seq)
            }
            // Otherwise no row was last seen by it (a run after the latest partial one but not the latest).
        }
        if excludedSeqs != nil {
            sql += " WHERE lastSeenRun NOT IN (SELECT id FROM run WHERE seq BETWEEN ? AND ?)"
        }
        let rows = try db.bulkStatement(sql)
        if let excludedSeqs {
            try rows.bind(1, excludedSeqs.lo)
            try rows.bind(2, excludedSeqs.hi)
        }
        while try rows.next() {
            let participant = Participant(
                id: rows.text(0), email: rows.text(3), emailKey: rows.text(1), name: rows.text(4),
                organisation: rows.text(5), organisationKey: rows.text(6), role: rows.text(7),
                discipline: rows.optionalText(8), family: rows.optionalText(9),
                interests: rows.split(10, separator: UInt8(ascii: "|")), gaveInterests: rows.bool(11),
                mandate: rows.bool(12), consent: rows.bool(13), cancelled: rows.bool(2),
                source: SourceRef(file: rows.text(14), sheet: rows.optionalText(15), row: rows.int(16)))
            registrants[participant.id] = participant
        }
    }
}
