import WerksessiesModel

/// A config, catalog or taxonomy file that cannot be used: the run stops with one line naming the file
/// (and the line in it, where known).
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, broadly.
    public enum Kind: Sendable, Equatable {
        /// The file cannot be read.
        case unreadable
        /// The file is not valid YAML, or not of the expected shape.
        case syntax
        /// A value is out of range or refers to something unknown.
        case value
        /// A value given on the command line.
        case argument
    }

    /// What is wrong, broadly.
    public var kind: Kind
    /// The file (or the command-line option).
    public var file: String
    /// The line in the file, 1-based, where known.
    public var line: Int?
    /// What is wrong, one line.
    public var message: String
    /// The error underneath (Yams's or Foundation's), if any.
    public var underlying: (any Error & Sendable)?

    /// An error in `file` (at `line`).
    public init(
        _ kind: Kind = .value, file: String, line: Int? = nil, message: String, underlying: (any Error & Sendable)? = nil
    ) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
        self.underlying = underlying
    }

    /// `<file>:<line>: <message>` (or `<file>: <message>`), on one line whatever the file holds.
    public var description: String {
        OneLine.escape(line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)")
    }
}
