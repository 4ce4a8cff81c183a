import Foundation
import GRDB
import GRDBSQLite
import WerksessiesModel

// The only file of the module with unsafe pointer code: binding, stepping and reading GRDB's prepared
// statements through SQLite's C API, for the bulk rows of a night (GRDB's per-row argument arrays cost
// ~10 µs a row). GRDB keeps the connection, the transaction, the migrations and the errors.

/// SQLite copies the bytes during the bind call (the Swift string's storage is only borrowed for the call).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// The texts of one row, copied into one buffer that stays put until the row is stepped, so SQLite reads them
/// in place (SQLITE_STATIC) instead of allocating a copy of each.
private final class TextArena {
    var bytes: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var count = 0
    /// Parameter index, offset and length of each staged text.
    var staged: [(index: CInt, offset: Int, length: Int)] = []

    init() {
        capacity = 4096
        bytes = .allocate(capacity: capacity)
        staged.reserveCapacity(32)
    }

    deinit { bytes.deallocate() }

    func append(_ index: CInt, _ value: String) {
        let start = count
        copy(value)
        staged.append((index, start, count - start))
    }

    func appendJoined(_ index: CInt, _ items: [String], separator: UInt8) {
        let start = count
        for (position, item) in items.enumerated() {
            if position > 0 {
                reserve(1)
                bytes[count] = separator
                count += 1
            }
            copy(item)
        }
        staged.append((index, start, count - start))
    }

    private func reserve(_ length: Int) {
        guard count + length > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(2 * capacity, count + length))
        grown.update(from: bytes, count: count)
        bytes.deallocate()
        bytes = grown
        capacity = max(2 * capacity, count + length)
    }

    private func copy(_ value: String) {
        let length = value.utf8.count
        reserve(length)
        let target = bytes + count
        let copied: Void? = value.utf8.withContiguousStorageIfAvailable { source in
            if let base = source.baseAddress { target.update(from: base, count: length) }
        }
        if copied == nil {
            for (offset, byte) in value.utf8.enumerated() { target[offset] = byte }
        }
        count += length
    }

    func clear() {
        count = 0
        staged.removeAll(keepingCapacity: true)
    }
}

/// One GRDB statement driven through SQLite's C API: bind, step, reset, read columns by index.
struct RawStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer?
    private let arena = TextArena()

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
    }

    /// The error SQLite reported for `code`, with the statement's SQL (turned into a StateError by the store).
    private func failure(_ code: CInt) -> DatabaseError {
        let message = connection.map { String(cString: sqlite3_errmsg($0)) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    private func check(_ code: CInt) throws {
        if code != SQLITE_OK { throw failure(code) }
    }

    /// Binds UTF-8 text (SQLite copies it).
    func bind(_ index: CInt, _ value: String) throws {
        var value = value
        let code = value.withUTF8 { bytes in
            // An empty buffer may have no address; a null pointer would bind NULL instead of ''.
            bytes.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text(handle, index, $0, CInt(bytes.count), transient)
                }
            } ?? sqlite3_bind_text(handle, index, "", 0, transient)
        }
        try check(code)
    }

    /// Binds text, or NULL for nil.
    func bind(_ index: CInt, _ value: String?) throws {
        if let value { try bind(index, value) } else { try check(sqlite3_bind_null(handle, index)) }
    }

    /// Binds an integer.
    func bind(_ index: CInt, _ value: Int) throws {
        try check(sqlite3_bind_int64(handle, index, sqlite3_int64(value)))
    }

    /// Binds an integer, or NULL for nil.
    func bind(_ index: CInt, _ value: Int?) throws {
        if let value { try bind(index, value) } else { try check(sqlite3_bind_null(handle, index)) }
    }

    /// Binds a boolean as 0 or 1 (as GRDB stores Bool).
    func bind(_ index: CInt, _ value: Bool) throws {
        try check(sqlite3_bind_int64(handle, index, value ? 1 : 0))
    }

    /// Stages text for this row: copied once, bound in place by `execute`.
    func stage(_ index: CInt, _ value: String) {
        arena.append(index, value)
    }

    /// Stages `items` joined by `separator` as one text.
    func stageJoined(_ index: CInt, _ items: [String], separator: UInt8) {
        arena.appendJoined(index, items, separator: separator)
    }

    /// Stages text for this row, or binds NULL for nil.
    func stage(_ index: CInt, _ value: String?) throws {
        if let value { arena.append(index, value) } else { try check(sqlite3_bind_null(handle, index)) }
    }

    /// Binds the staged texts, runs the statement to completion and resets it for the next row.
    func execute() throws {
        defer { arena.clear() }
        for text in arena.staged {
            let bytes = UnsafeRawPointer(arena.bytes + text.offset).assumingMemoryBound(to: CChar.self)
            try check(sqlite3_bind_text(handle, text.index, bytes, CInt(text.length), nil))  // nil: SQLITE_STATIC
        }
        let code = sqlite3_step(handle)
        let error = code == SQLITE_DONE || code == SQLITE_ROW ? nil : failure(code)
        let reset = sqlite3_reset(handle)
        // The staged bytes are reused by the next row: no binding may point at them after this one.
        for text in arena.staged { sqlite3_bind_null(handle, text.index) }
        if let error { throw error }
        try check(reset)
    }

    /// Steps a query; true while it has a row.
    func next() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let error = failure(code)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Resets the statement (after a query that was not stepped to its end) and drops its bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Whether column `index` of the current row is NULL.
    func isNull(_ index: CInt) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    /// Column `index` of the current row as text ("" for NULL).
    func text(_ index: CInt) -> String {
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Column `index` of the current row as text, nil for NULL.
    func optionalText(_ index: CInt) -> String? {
        isNull(index) ? nil : text(index)
    }

    /// Column `index` of the current row as `|`-separated text, split (empty text: no items).
    func split(_ index: CInt, separator: UInt8) -> [String] {
        guard let bytes = sqlite3_column_text(handle, index) else { return [] }
        let buffer = UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, index)))
        if buffer.isEmpty { return [] }
        var items: [String] = []
        var start = 0
        for position in 0...buffer.count where position == buffer.count || buffer[position] == separator {
            items.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self))
            start = position + 1
        }
        return items
    }

    /// Column `index` of the current row as an integer (0 for NULL).
    func int(_ index: CInt) -> Int {
        Int(sqlite3_column_int64(handle, index))
    }

    /// Column `index` of the current row as an integer, nil for NULL.
    func optionalInt(_ index: CInt) -> Int? {
        isNull(index) ? nil : int(index)
    }

    /// Column `index` of the current row as a boolean (non-zero is true).
    func bool(_ index: CInt) -> Bool {
        sqlite3_column_int64(handle, index) != 0
    }
}

/// Whether two strings hold the same UTF-8 bytes (`==` would also equate canonically equivalent strings,
/// whose stored bytes differ).
func sameBytes(_ a: String, _ b: String) -> Bool {
    let fast = a.utf8.withContiguousStorageIfAvailable { x in
        b.utf8.withContiguousStorageIfAvailable { y in
            x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
        }
    }
    return (fast ?? nil) ?? a.utf8.elementsEqual(b.utf8)
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
        participants.withUnsafeBufferPointer { elements in
            var previous: UnsafePointer<Participant>?
            for index in order {
                let participant = elements.baseAddress! + index
                guard let before = basis[participant.pointee.id] else { continue }
                if previous.map({ !sameBytes($0.pointee.id, participant.pointee.id) }) ?? true { known += 1 }
                previous = participant
                unchanged[index] = withUnsafePointer(to: before) { samePersisted($0, participant) }
            }
        }
        return (unchanged, known)
    }

    /// Whether the stored fields of two registrants are byte for byte the same.
    static func samePersisted(_ a: UnsafePointer<Participant>, _ b: UnsafePointer<Participant>) -> Bool {
        a.pointee.cancelled == b.pointee.cancelled && a.pointee.gaveInterests == b.pointee.gaveInterests
            && a.pointee.mandate == b.pointee.mandate && a.pointee.consent == b.pointee.consent
            && a.pointee.source.row == b.pointee.source.row
            && sameBytes(a.pointee.id, b.pointee.id) && sameBytes(a.pointee.emailKey, b.pointee.emailKey)
            && sameBytes(a.pointee.email, b.pointee.email) && sameBytes(a.pointee.name, b.pointee.name)
            && sameBytes(a.pointee.organisation, b.pointee.organisation)
            && sameBytes(a.pointee.organisationKey, b.pointee.organisationKey)
            && sameBytes(a.pointee.role, b.pointee.role) && sameBytes(a.pointee.discipline, b.pointee.discipline)
            && sameBytes(a.pointee.family, b.pointee.family) && sameInterests(a.pointee.interests, b.pointee.interests)
            && sameBytes(a.pointee.source.file, b.pointee.source.file)
            && sameBytes(a.pointee.source.sheet, b.pointee.source.sheet)
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
        try participants.withUnsafeBufferPointer { elements in
            try insert.run(order) { statement, base, index in
                let p = elements.baseAddress! + index
                statement.stage(base + 1, p.pointee.id)
                statement.stage(base + 2, p.pointee.emailKey)
                statement.stage(base + 3, runID)
                try statement.bind(base + 4, p.pointee.cancelled)
                statement.stage(base + 5, p.pointee.email)
                statement.stage(base + 6, p.pointee.name)
                statement.stage(base + 7, p.pointee.organisation)
                statement.stage(base + 8, p.pointee.organisationKey)
                statement.stage(base + 9, p.pointee.role)
                try statement.stage(base + 10, p.pointee.discipline)
                try statement.stage(base + 11, p.pointee.family)
                statement.stageJoined(base + 12, p.pointee.interests, separator: UInt8(ascii: "|"))
                try statement.bind(base + 13, p.pointee.gaveInterests)
                try statement.bind(base + 14, p.pointee.mandate)
                try statement.bind(base + 15, p.pointee.consent)
                statement.stage(base + 16, p.pointee.source.file)
                try statement.stage(base + 17, p.pointee.source.sheet)
                try statement.bind(base + 18, p.pointee.source.row)
            }
        }
    }

    /// Inserts the placements at `order` as the assignments of `runID`.
    static func writeAssignments(_ placements: [Placement], order: [Int], runID: String, db: Database) throws {
        let insert = BatchInsert(db: db, head: "INSERT INTO assignment (runId, participantId, session) VALUES", columns: 3)
        try placements.withUnsafeBufferPointer { elements in
            try insert.run(order) { statement, base, index in
                let placement = elements.baseAddress! + index
                statement.stage(base + 1, runID)
                statement.stage(base + 2, placement.pointee.participantID)
                try statement.bind(base + 3, placement.pointee.session)
            }
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
        let limit = db.sqliteConnection.map { Int(sqlite3_limit($0, SQLITE_LIMIT_VARIABLE_NUMBER, -1)) } ?? 999
        rowsPerStatement = max(1, min(128, limit / columns))
    }

    private func statement(rows: Int) throws -> RawStatement {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        return try RawStatement(db, sql: head + " " + Array(repeating: row, count: rows).joined(separator: ","))
    }

    /// Binds `bind(statement, base, element)` for each element of `order` (parameters base+1...base+columns),
    /// and executes each full statement.
    func run(_ order: [Int], bind: (RawStatement, CInt, Int) throws -> Void) throws {
        var full: RawStatement?
        var start = 0
        while start < order.count {
            let rows = min(rowsPerStatement, order.count - start)
            let statement: RawStatement
            if rows == rowsPerStatement {
                if full == nil { full = try self.statement(rows: rows) }
                statement = full!
            } else {
                statement = try self.statement(rows: rows)
            }
            for row in 0..<rows {
                try bind(statement, CInt(row * columns), order[start + row])
            }
            try statement.execute()
            start += rows
        }
    }
}
