import CSQLite

/// One prepared statement on an open SQLite connection, driven through SQLite's C API for bulk rows: bind, stage
/// text, step, reset, and read columns by index.
///
/// The connection is one that someone else opened and owns (GRDB's `Database.sqliteConnection`); use the statement
/// only while that connection is open, inside the same access (e.g. within one GRDB `write` or `read` block).
/// The statement is finalized when released.
public final class BulkStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private let sql: String
    private let arena = TextArena()

    /// Prepares `sql` on `connection` (an open `sqlite3 *`).
    public init(connection: OpaquePointer?, sql: String) throws {
        guard let connection else { throw SQLiteBulkError(code: SQLITE_MISUSE, message: "no open connection", sql: sql) }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw SQLiteBulkError(code: code, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// The most host parameters a statement may have on `connection` (999 when unknown).
    public static func parameterLimit(connection: OpaquePointer?) -> Int {
        connection.map { Int(sqlite3_limit($0, SQLITE_LIMIT_VARIABLE_NUMBER, -1)) } ?? 999
    }

    private func failure(_ code: CInt) -> SQLiteBulkError {
        SQLiteBulkError(code: code, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }

    private func check(_ code: CInt) throws {
        if code != SQLITE_OK { throw failure(code) }
    }

    /// Binds UTF-8 text to parameter `index` (1-based; SQLite copies it).
    public func bind(_ index: Int32, _ value: String) throws {
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
    public func bind(_ index: Int32, _ value: String?) throws {
        if let value { try bind(index, value) } else { try check(sqlite3_bind_null(handle, index)) }
    }

    /// Binds an integer.
    public func bind(_ index: Int32, _ value: Int) throws {
        try check(sqlite3_bind_int64(handle, index, sqlite3_int64(value)))
    }

    /// Binds an integer, or NULL for nil.
    public func bind(_ index: Int32, _ value: Int?) throws {
        if let value { try bind(index, value) } else { try check(sqlite3_bind_null(handle, index)) }
    }

    /// Binds a boolean as 0 or 1 (as GRDB stores Bool).
    public func bind(_ index: Int32, _ value: Bool) throws {
        try check(sqlite3_bind_int64(handle, index, value ? 1 : 0))
    }

    /// Stages text for this row: copied once into the statement's buffer, bound in place by `execute`.
    public func stage(_ index: Int32, _ value: String) {
        arena.append(index, value)
    }

    /// Stages `items` joined by `separator` as one text.
    public func stageJoined(_ index: Int32, _ items: [String], separator: UInt8) {
        arena.appendJoined(index, items, separator: separator)
    }

    /// Stages text for this row, or binds NULL for nil.
    public func stage(_ index: Int32, _ value: String?) throws {
        if let value { arena.append(index, value) } else { try check(sqlite3_bind_null(handle, index)) }
    }

    /// Binds the staged texts, runs the statement to completion and resets it for the next row.
    public func execute() throws {
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
    public func next() throws -> Bool {
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
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Whether column `index` (0-based) of the current row is NULL.
    public func isNull(_ index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    /// Column `index` of the current row as text ("" for NULL).
    public func text(_ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Column `index` of the current row as text, nil for NULL.
    public func optionalText(_ index: Int32) -> String? {
        isNull(index) ? nil : text(index)
    }

    /// Column `index` of the current row as text split at `separator` (empty text: no items).
    public func split(_ index: Int32, separator: UInt8) -> [String] {
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
    public func int(_ index: Int32) -> Int {
        Int(sqlite3_column_int64(handle, index))
    }

    /// Column `index` of the current row as an integer, nil for NULL.
    public func optionalInt(_ index: Int32) -> Int? {
        isNull(index) ? nil : int(index)
    }

    /// Column `index` of the current row as a boolean (non-zero is true).
    public func bool(_ index: Int32) -> Bool {
        sqlite3_column_int64(handle, index) != 0
    }
}

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
