import GRDB
import SQLiteBulk
import WerksessiesModel

/// A state database problem, naming the database (the CLI's exit code 7).
public struct StateError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    enum Code: String, Sendable {
        /// The file cannot be opened or created.
        case cannotOpen
        /// The file is not a state database of this version.
        case foreignFile
        /// SQLite reported an error (the underlying error says which).
        case database
        /// A run could not be recorded as asked.
        case notRecorded
    }

    /// What kind of problem it is.
    let code: Code
    /// The state database's path.
    public var path: String
    /// What is wrong.
    public var message: String
    /// The error underneath (GRDB's or SQLite's), if any.
    public var underlying: (any Error & Sendable)?

    /// An error of kind `code` for the database at `path`.
    init(_ code: Code, path: String, message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.underlying = underlying
    }

    /// A GRDB error of the database at `path`.
    init(database error: DatabaseError, path: String) {
        self.init(.database, path: path, message: "database error \(error.resultCode): \(error.message ?? "")", underlying: error)
    }

    /// An error of the bulk rows' statements on the database at `path`.
    init(bulk error: SQLiteBulkError, path: String) {
        self.init(.database, path: path, message: "database error \(error.code): \(error.message)", underlying: error)
    }

    /// `path: message`, on one line.
    public var description: String { OneLine.escape("\(path): \(message)") }
}
