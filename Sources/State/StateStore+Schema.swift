import Foundation
import GRDB

extension StateStore {
    /// The columns every table must have; a file written by another program or version is refused, not trapped on.
    static let expectedColumns: [String: Set<String>] = [
        "run": [
            "id", "startedAt", "registrants", "assigned", "waitlisted", "meanShannon", "objective", "status", "manifest",
            "seq", "seenAll",
        ],
        "registrant": [
            "participantId", "emailKey", "lastSeenRun", "cancelled", "email", "name", "organisation", "organisationKey",
            "role", "discipline", "family", "interests", "gaveInterests", "mandate", "consent", "sourceFile",
            "sourceSheet", "sourceRow",
        ],
        "assignment": ["runId", "participantId", "session"],
        "pin": ["participantId", "session", "pinnedAt"],
        "boardFigure": ["runId", "figure", "value", "marker"],
        "boardMix": ["runId", "session", "cell", "count", "hidden"],
    ]

    /// A database migrated by a newer version of the program is refused (this one would misread it).
    static func refuseNewerSchema(_ queue: DatabaseQueue, path: String) throws {
        let unknown = try queue.read { db in
            try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
        }
        guard unknown.isEmpty else {
            throw StateError(
                .foreignFile, path: path,
                message:
                    "written by a newer werksessies (schema \(unknown.joined(separator: ", "))); run that version, or give --state another file")
        }
    }

    static func checkSchema(_ queue: DatabaseQueue, path: String) throws {
        try queue.read { db in
            for (table, expected) in expectedColumns.sorted(by: { $0.key < $1.key }) {
                let present = Set(try db.columns(in: table).map(\.name))
                let missing = expected.subtracting(present).sorted()
                if !missing.isEmpty {
                    throw StateError(
                        .foreignFile, path: path,
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
        // Unchanged registrants are no longer rewritten every night. `seq` orders runs as recorded; `seenAll`
        // marks a run that recorded every registrant already known, so a row it did not rewrite was still seen
        // by it (see `StateStore+Record.swift` for how `lastSeenRun` is kept exact). v1 runs rewrote every row
        // they saw: seenAll = 0, and their recording order is their rowid.
        migrator.registerMigration("v2") { db in
            try db.alter(table: "run") { t in
                t.add(column: "seq", .integer).notNull().defaults(to: 0)
                t.add(column: "seenAll", .boolean).notNull().defaults(to: false)
            }
            try db.execute(sql: "UPDATE run SET seq = rowid")
        }
        // What each run's board showed of its trend row (`BoardTrendRow`): a figure's value, or the marker shown
        // in its place. Runs recorded before have no rows: a later trend shows none of their figures.
        migrator.registerMigration("v3") { db in
            try db.create(table: "boardFigure", options: [.withoutRowID]) { t in
                t.column("runId", .text).notNull().references("run", onDelete: .cascade)
                t.column("figure", .text).notNull()
                t.column("value", .double)
                t.column("marker", .text)
                t.primaryKey(["runId", "figure"])
                t.check(sql: "(value IS NULL) <> (marker IS NULL)")
            }
        }
        // What each run's board showed of its family mix (`BoardMixCell`, its column's key in `cell`): the next
        // night keeps a session's cells hidden and shown as they were while its mix is unchanged.
        migrator.registerMigration("v4") { db in
            try db.create(table: "boardMix", options: [.withoutRowID]) { t in
                t.column("runId", .text).notNull().references("run", onDelete: .cascade)
                t.column("session", .integer).notNull()
                t.column("cell", .text).notNull()
                t.column("count", .integer).notNull()
                t.column("hidden", .boolean).notNull()
                t.primaryKey(["runId", "session", "cell"])
            }
        }
        return migrator
    }
}
