import Foundation
import GRDB
import SQLiteBulk
import WerksessiesModel

/// What the pipeline knows from earlier runs.
public struct StateSnapshot: Sendable {
    /// The latest completed run, if any.
    public var previousRunID: String?
    /// Session per participant id in the latest completed run (`nil` = waitlisted).
    public var previousSessions: [String: Int?]
    /// Pinned session per participant id.
    public var pins: [String: Int]
    /// Every registrant ever seen, as last seen, by participant id.
    public var registrants: [String: Participant]
    /// Earlier completed runs, oldest first.
    public var history: [RunSummary]
    /// Unique registrants of the latest completed run.
    public var previousRegistrants: Int
    /// The latest recorded run when this snapshot was read whole (not `excluding` a run): lets `record` skip
    /// registrants that did not change, as long as no other run was recorded in between.
    var recordedMark: String?

    public init(
        previousRunID: String? = nil, previousSessions: [String: Int?] = [:], pins: [String: Int] = [:],
        registrants: [String: Participant] = [:], history: [RunSummary] = [], previousRegistrants: Int = 0
    ) {
        self.previousRunID = previousRunID
        self.previousSessions = previousSessions
        self.pins = pins
        self.registrants = registrants
        self.history = history
        self.previousRegistrants = previousRegistrants
    }
}

/// One completed run, recorded in a single transaction after its reports were published.
public struct RunRecord: Sendable {
    public var summary: RunSummary
    public var manifestJSON: String
    public var participants: [Participant]
    public var placements: [Placement]
    /// New pins to record (participant id → session).
    public var newPins: [String: Int]
    /// The snapshot the run was computed from: registrants equal to it are not rewritten (nil: write them all).
    public var basis: StateSnapshot?

    public init(
        summary: RunSummary, manifestJSON: String, participants: [Participant], placements: [Placement],
        newPins: [String: Int], basis: StateSnapshot? = nil
    ) {
        self.summary = summary
        self.manifestJSON = manifestJSON
        self.participants = participants
        self.placements = placements
        self.newPins = newPins
        self.basis = basis
    }
}

/// What the assignment decided: the second half of a record begun before it was known (`beginRecord(runID:participants:basis:)`).
public struct RunDecision: Sendable {
    public var summary: RunSummary
    public var placements: [Placement]
    /// New pins to record (participant id → session).
    public var newPins: [String: Int]

    public init(summary: RunSummary, placements: [Placement], newPins: [String: Int]) {
        self.summary = summary
        self.placements = placements
        self.newPins = newPins
    }
}

/// The SQLite state of the pipeline (GRDB): runs, registrants as last seen, assignments per run, pins.
public final class StateStore: Sendable {
    let queue: DatabaseQueue
    public let path: String

    /// Opens (and migrates) the database at `path`, creating it when missing.
    public init(path: String) throws {
        self.path = path
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            // WAL with synchronous=NORMAL: a killed process never corrupts the database or loses a committed
            // run; a power cut may lose the last run, which the next night simply recomputes.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // 32 MB: the night's writes run alongside the report writers, so the cache spills to the WAL early
                // rather than adding to the run's peak memory (a million registrants are ~300 MB of pages).
                try db.execute(sql: "PRAGMA cache_size = -32768")
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try Self.refuseNewerSchema(queue, path: path)
            try Self.migrator.migrate(queue)
            try Self.checkSchema(queue, path: path)
        } catch let error as StateError {
            throw error
        } catch let error as DatabaseError {
            throw StateError(database: error, path: path)
        } catch {
            throw StateError(.cannotOpen, path: path, message: "cannot open the state database (\(error))", underlying: error)
        }
    }

    /// Pins a participant to a session (or removes the pin when `session` is nil).
    public func setPin(participantID: String, session: Int?, note: String) throws {
        try wrap {
            try queue.write { db in
                if let session {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO pin (participantId, session, pinnedAt) VALUES (?, ?, ?)",
                        arguments: [participantID, session, note])
                } else {
                    try db.execute(sql: "DELETE FROM pin WHERE participantId = ?", arguments: [participantID])
                }
            }
        }
    }

    /// Drops the per-participant assignments of runs not among `keep` (the run rows stay, for trends).
    public func pruneAssignments(keeping keep: Set<String>) throws {
        try wrap {
            try queue.write { db in
                // One index probe per run instead of a scan of every kept assignment row.
                let ids = try String.fetchAll(
                    db, sql: "SELECT id FROM run WHERE EXISTS (SELECT 1 FROM assignment WHERE runId = run.id)")
                for id in ids where !keep.contains(id) {
                    try db.execute(sql: "DELETE FROM assignment WHERE runId = ?", arguments: [id])
                }
            }
        }
    }

    /// Runs a quick integrity check; returns SQLite's answer ("ok" when consistent).
    public func integrityCheck() throws -> String {
        try wrap { try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" } }
    }

    /// Runs `body`, turning database errors into `StateError`s naming the database.
    func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StateError(database: error, path: path)
        } catch let error as SQLiteBulkError {
            throw StateError(bulk: error, path: path)
        }
    }
}
