/// An error SQLite reported on the bulk path: its result code, its message and the statement.
public struct SQLiteBulkError: Error, Sendable, CustomStringConvertible {
    /// SQLite's (extended) result code.
    public var code: Int32
    /// SQLite's message for it.
    public var message: String
    /// The statement's SQL.
    public var sql: String

    /// `SQLite error <code>: <message>`, one line.
    public var description: String { "SQLite error \(code): \(message)" }
}
