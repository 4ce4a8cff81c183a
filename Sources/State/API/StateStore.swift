import Foundation
import GRDB
import WerksessiesModel

/// A state database problem, with the database path.
public struct StateError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}

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

    public init(summary: RunSummary, manifestJSON: String, participants: [Participant], placements: [Placement], newPins: [String: Int]) {
        self.summary = summary
        self.manifestJSON = manifestJSON
        self.participants = participants
        self.placements = placements
        self.newPins = newPins
    }
}

/// The SQLite state of the pipeline (GRDB): runs, registrants as last seen, assignments per run, pins.
public final class StateStore: Sendable {
    private let queue: DatabaseQueue
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
                try db.execute(sql: "PRAGMA cache_size = -131072")  // 128 MB: a night's writes stay in memory until commit
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try Self.migrator.migrate(queue)
            try Self.checkSchema(queue, path: path)
        } catch let error as DatabaseError {
            throw StateError(path: path, message: "database error \(error.resultCode): \(error.message ?? "")")
        } catch let error as StateError {
            throw error
        } catch {
            throw StateError(path: path, message: "cannot open the state database (\(error))")
        }
    }

    /// The columns every table must have; a file written by another program or version is refused, not trapped on.
    static let expectedColumns: [String: Set<String>] = [
        "run": ["id", "startedAt", "registrants", "assigned", "waitlisted", "meanShannon", "objective", "status", "manifest"],
        "registrant": [
            "participantId", "emailKey", "lastSeenRun", "cancelled", "email", "name", "organisation", "organisationKey",
            "role", "discipline", "family", "interests", "gaveInterests", "mandate", "consent", "sourceFile",
            "sourceSheet", "sourceRow",
        ],
        "assignment": ["runId", "participantId", "session"],
        "pin": ["participantId", "session", "pinnedAt"],
    ]

    static func checkSchema(_ queue: DatabaseQueue, path: String) throws {
        try queue.read { db in
            for (table, expected) in expectedColumns.sorted(by: { $0.key < $1.key }) {
                let present = Set(try db.columns(in: table).map(\.name))
                let missing = expected.subtracting(present).sorted()
                if !missing.isEmpty {
                    throw StateError(
                        path: path,
                        message:
                            "not a werksessies state database of this version (table \(table) lacks \(missing.joined(separator: ", "))); move it aside or give --state a new file"
                    )
                }
            }
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.primaryKey("id", .text)
                t.column("startedAt", .datetime).notNull()
                t.column("registrants", .integer).notNull()
                t.column("assigned", .integer).notNull()
                t.column("waitlisted", .integer).notNull()
                t.column("meanShannon", .double).notNull()
                t.column("objective", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("manifest", .text).notNull()
            }
            // Registrants as last seen, one column per field (fast to write and readable with any SQLite tool).
            // Clustered on the participant id (WITHOUT ROWID): a night's upserts, written in id order,
            // fill pages sequentially instead of touching random pages of two B-trees.
            try db.create(table: "registrant", options: [.withoutRowID]) { t in
                t.primaryKey("participantId", .text)
                t.column("emailKey", .text).notNull()
                t.column("lastSeenRun", .text).notNull()
                t.column("cancelled", .boolean).notNull()
                t.column("email", .text).notNull()
                t.column("name", .text).notNull()
                t.column("organisation", .text).notNull()
                t.column("organisationKey", .text).notNull()
                t.column("role", .text).notNull()
                t.column("discipline", .text)
                t.column("family", .text)
                t.column("interests", .text).notNull()
                t.column("gaveInterests", .boolean).notNull()
                t.column("mandate", .boolean).notNull()
                t.column("consent", .boolean).notNull()
                t.column("sourceFile", .text).notNull()
                t.column("sourceSheet", .text)
                t.column("sourceRow", .integer).notNull()
            }
            try db.create(table: "assignment", options: [.withoutRowID]) { t in
                t.column("runId", .text).notNull().references("run", onDelete: .cascade)
                t.column("participantId", .text).notNull()
                t.column("session", .integer)
                t.primaryKey(["runId", "participantId"])
            }
            try db.create(table: "pin") { t in
                t.primaryKey("participantId", .text)
                t.column("session", .integer).notNull()
                t.column("pinnedAt", .text).notNull()
            }
        }
        return migrator
    }

    /// Reads what earlier runs left; with `excluding`, as it was before that run (for `explain`).
    public func snapshot(excluding excludedRun: String? = nil) throws -> StateSnapshot {
        try wrap {
            try queue.read { db in
                var snapshot = StateSnapshot()
                let runs = try Row.fetchAll(
                    db, sql: "SELECT * FROM run WHERE status = 'published' AND id IS NOT ? ORDER BY startedAt, id",
                    arguments: [excludedRun])
                snapshot.history = runs.map { row in
                    RunSummary(
                        runID: row["id"], startedAt: row["startedAt"], registrants: row["registrants"],
                        assigned: row["assigned"], waitlisted: row["waitlisted"], meanShannon: row["meanShannon"],
                        objective: row["objective"])
                }
                if let last = snapshot.history.last {
                    snapshot.previousRunID = last.runID
                    snapshot.previousRegistrants = last.registrants
                    for row in try Row.fetchAll(
                        db, sql: "SELECT participantId, session FROM assignment WHERE runId = ?", arguments: [last.runID])
                    {
                        let session: Int? = row["session"]
                        snapshot.previousSessions[row["participantId"]] = .some(session)
                    }
                }
                for row in try Row.fetchAll(
                    db, sql: "SELECT participantId, session FROM pin WHERE pinnedAt IS NOT ?", arguments: [excludedRun])
                {
                    snapshot.pins[row["participantId"]] = row["session"]
                }
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT * FROM registrant WHERE lastSeenRun IS NOT ? OR ? IS NULL",
                    arguments: [excludedRun, excludedRun])
                while let row = try rows.next() {
                    let interests: String = row["interests"]
                    let participant = Participant(
                        id: row["participantId"], email: row["email"], emailKey: row["emailKey"], name: row["name"],
                        organisation: row["organisation"], organisationKey: row["organisationKey"], role: row["role"],
                        discipline: row["discipline"], family: row["family"],
                        interests: interests.isEmpty ? [] : interests.split(separator: "|").map(String.init),
                        gaveInterests: row["gaveInterests"], mandate: row["mandate"], consent: row["consent"],
                        cancelled: row["cancelled"],
                        source: SourceRef(file: row["sourceFile"], sheet: row["sourceSheet"], row: row["sourceRow"]))
                    snapshot.registrants[participant.id] = participant
                }
                return snapshot
            }
        }
    }

    /// Records a published run, its registrants, assignments and new pins, in one transaction.
    public func record(_ run: RunRecord) throws {
        try wrap {
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO run (id, startedAt, registrants, assigned, waitlisted, meanShannon, objective, status, manifest)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'published', ?)
                        """,
                    arguments: [
                        run.summary.runID, run.summary.startedAt, run.summary.registrants, run.summary.assigned,
                        run.summary.waitlisted, run.summary.meanShannon, run.summary.objective, run.manifestJSON,
                    ])
                let upsert = try db.makeStatement(
                    sql: """
                        INSERT OR REPLACE INTO registrant (participantId, emailKey, lastSeenRun, cancelled, email, name,
                          organisation, organisationKey, role, discipline, family, interests, gaveInterests, mandate,
                          consent, sourceFile, sourceSheet, sourceRow)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                let participants = run.participants
                for index in participants.indices.sorted(by: { participants[$0].id < participants[$1].id }) {
                    let p = participants[index]
                    try upsert.execute(arguments: [
                        p.id, p.emailKey, run.summary.runID, p.cancelled, p.email, p.name, p.organisation,
                        p.organisationKey, p.role, p.discipline, p.family, p.interests.joined(separator: "|"),
                        p.gaveInterests, p.mandate, p.consent, p.source.file, p.source.sheet, p.source.row,
                    ])
                }
                let insert = try db.makeStatement(
                    sql: "INSERT INTO assignment (runId, participantId, session) VALUES (?, ?, ?)")
                for placement in run.placements.sorted(by: { $0.participantID < $1.participantID }) {
                    try insert.execute(arguments: [run.summary.runID, placement.participantID, placement.session])
                }
                for (participantID, session) in run.newPins.sorted(by: { $0.key < $1.key }) {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO pin (participantId, session, pinnedAt) VALUES (?, ?, ?)",
                        arguments: [participantID, session, run.summary.runID])
                }
            }
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
                let ids = try String.fetchAll(db, sql: "SELECT DISTINCT runId FROM assignment")
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

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StateError(path: path, message: "database error \(error.resultCode): \(error.message ?? "")")
        }
    }
}
