/// Why a run stopped. Each case has its own exit status (documented in the README).
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    /// The kinds of stop, with their exit status.
    public enum Kind: Int32, Sendable {
        /// Config, catalog or taxonomy unusable, or bad command-line values.
        case config = 2
        /// An input file could not be read.
        case input = 3
        /// The assignment constraints cannot be met.
        case infeasible = 4
        /// A guard stopped the run (shrinking inputs, disappeared registrants).
        case guardStop = 5
        /// Another run holds the lock.
        case locked = 6
        /// Publishing or the state database failed.
        case publish = 7
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
    /// The process exit status for this error.
    public var exitCode: Int32 { kind.rawValue }
}
