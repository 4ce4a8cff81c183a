import SystemCalls

/// Why publishing stopped: the lock, the output folder, a file or the switch of `latest`.
public struct PublishingError: Error, Sendable, CustomStringConvertible {
    /// What kind of step failed (the command line maps it to an exit status).
    public enum Kind: Sendable, Equatable {
        /// Another run holds the lock.
        case locked
        /// The output folder, its `runs/` or the staging folder cannot be made or used.
        case outputFolder
        /// A report file cannot be written, flushed or renamed into place.
        case file
        /// The run folder cannot be renamed into `runs/` or `latest` cannot be switched.
        case publish
    }

    /// What kind of step failed.
    public var kind: Kind
    /// The file or folder concerned.
    public var path: String
    /// What went wrong, one line (without the path).
    public var message: String
    /// The error underneath (a `SystemError` mostly).
    public var underlying: (any Error & Sendable)?

    init(_ kind: Kind, path: String, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.kind = kind
        self.path = path
        self.message = message
        self.underlying = underlying
    }

    /// `<path>: <message>`, with the system's reason when there is one.
    public var description: String {
        if let system = underlying as? SystemError {
            return "\(path): \(message) (\(system.call): \(system.reason))"
        }
        return underlying.map { "\(path): \(message) (\($0))" } ?? "\(path): \(message)"
    }
}
