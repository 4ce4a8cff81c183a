import Foundation
import GRDB
import SQLiteBulk
import WerksessiesModel

// The bulk rows of a night (registrants, assignments) are bound and stepped through SQLiteBulk's statements on
// GRDB's connection: GRDB's per-row argument arrays cost several times more a row. GRDB keeps the connection, the
// transaction, the migrations and the errors.

extension Database {
    /// A bulk statement on this connection (valid inside the current GRDB access).
    func bulkStatement(_ sql: String) throws -> BulkStatement {
        try BulkStatement(connection: sqliteConnection, sql: sql)
    }
}

/// Whether two strings hold the same UTF-8 bytes (`==` would also equate canonically equivalent strings,
/// whose stored bytes differ).
func sameBytes(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
}

/// Optional strings with the same bytes (nil equals only nil).
func sameBytes(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let x?, let y?): return sameBytes(x, y)
    default: return false
    }
}

// The rows of a night, read in place: a copy of a Participant (a struct of many strings) costs a retain and a
// release per string, more than binding it.
extension StateStore {
    /// Which participants (by index) equal their row in `basis`, and how many distinct known ids they hold.
    static func unchangedRows(
        _ participants: [Participant], order: [Int], basis: [String: Participant]
    ) -> (unchanged: [Bool], known: Int) {
        var unchanged = [Bool](repeating: false, count: participants.count)
        var known = 0
        var previous: String?
        for index in order {
            let id = participants[index].id
            guard let before = basis[id] else { continue }
            if previous.map({ !sameBytes($0, id) }) ?? true { known += 1 }
            previous = id
            unchanged[index] = samePersisted(before, participants[index])
        }
        return (unchanged, known)
    }

    /// Whether the stored fields of two registrants are byte for byte the same.
    static func samePersisted(_ a: Participant, _ b: Participant) -> Bool {
        a.cancelled == b.cancelled && a.gaveInterests == b.gaveInterests && a.mandate == b.mandate
            && a.consent == b.consent && a.source.row == b.source.row
            && sameBytes(a.id, b.id) && sameBytes(a.emailKey, b.emailKey) && sameBytes(a.email, b.email)
            && sameBytes(a.name, b.name) && sameBytes(a.organisation, b.organisation)
            && sameBytes(a.organisationKey, b.organisationKey) && sameBytes(a.role, b.role)
            && sameBytes(a.discipline, b.discipline) && sameBytes(a.family, b.family)
            && sameInterests(a.interests, b.interests) && sameBytes(a.source.file, b.source.file)
            && sameBytes(a.source.sheet, b.source.sheet)
    }

    private static func sameInterests(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { sameBytes($0, $1) }
    }

    /// Upserts the participants at `order` (all their stored fields), last seen by `runID`.
    static func writeRegistrants(_ participants: [Participant], order: [Int], runID: String, db: Database) throws {
        let insert = BatchInsert(
            db: db,
            head: """
                INSERT OR REPLACE INTO registrant (participantId, emailKey, lastSeenRun, cancelled, email, name,
                  organisation, organisationKey, role, discipline, family, interests, gaveInterests, mandate,
                  consent, sourceFile, sourceSheet, sourceRow) VALUES
                """,
            columns: 18)
        try insert.run(order) { statement, base, index in
            let p = participants[index]
            statement.stage(base + 1, p.id)
            statement.stage(base + 2, p.emailKey)
            statement.stage(base + 3, runID)
            try statement.bind(base + 4, p.cancelled)
            statement.stage(base + 5, p.email)
            statement.stage(base + 6, p.name)
            statement.stage(base + 7, p.organisation)
            statement.stage(base + 8, p.organisationKey)
            statement.stage(base + 9, p.role)
            try statement.stage(base + 10, p.discipline)
            try statement.stage(base + 11, p.family)
            statement.stageJoined(base + 12, p.interests, separator: UInt8(ascii: "|"))
            try statement.bind(base + 13, p.gaveInterests)
            try statement.bind(base + 14, p.mandate)
            try statement.bind(base + 15, p.consent)
            statement.stage(base + 16, p.source.file)
            try statement.stage(base + 17, p.source.sheet)
            try statement.bind(base + 18, p.source.row)
        }
    }

    /// Inserts the placements at `order` as the assignments of `runID`.
    static func writeAssignments(_ placements: [Placement], order: [Int], runID: String, db: Database) throws {
        let insert = BatchInsert(db: db, head: "INSERT INTO assignment (runId, participantId, session) VALUES", columns: 3)
        try insert.run(order) { statement, base, index in
            statement.stage(base + 1, runID)
            statement.stage(base + 2, placements[index].participantID)
            try statement.bind(base + 3, placements[index].session)
        }
    }
}

/// Inserts rows by statements of many rows each (`VALUES (...), (...)`): stepping a statement costs more than
/// binding a row, so one statement per row would spend most of a night's write on statement overhead.
struct BatchInsert {
    let db: Database
    /// The statement up to and including `VALUES`.
    let head: String
    let columns: Int
    /// Rows per statement: 128 amortise the step, within SQLite's parameter limit (32766 since 3.32, 999 before).
    let rowsPerStatement: Int

    init(db: Database, head: String, columns: Int) {
        self.db = db
        self.head = head
        self.columns = columns
        let limit = BulkStatement.parameterLimit(connection: db.sqliteConnection)
        rowsPerStatement = max(1, min(128, limit / columns))
    }

    private func statement(rows: Int) throws -> BulkStatement {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        return try db.bulkStatement(head + " " + Array(repeating: row, count: rows).joined(separator: ","))
    }

    /// Binds `bind(statement, base, element)` for each element of `order` (parameters base+1...base+columns),
    /// and executes each full statement.
    func run(_ order: [Int], bind: (BulkStatement, Int32, Int) throws -> Void) throws {
        var full: BulkStatement?
        var start = 0
        while start < order.count {
            let rows = min(rowsPerStatement, order.count - start)
            let statement: BulkStatement
            if rows == rowsPerStatement {
                if full == nil { full = try self.statement(rows: rows) }
                statement = full!
            } else {
                statement = try self.statement(rows: rows)
            }
            for row in 0..<rows {
                try bind(statement, Int32(row * columns), order[start + row])
            }
            try statement.execute()
            start += rows
        }
    }
}
