/// Why a run stopped in the pipeline itself (the stages, the state and publishing have their own errors).
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    /// What stopped the run (the command line maps it to an exit status).
    public enum Kind: Sendable, Equatable {
        /// No inputs, or a command that needs a published run finds none, or an unknown registrant.
        case usage
        /// An input file holds no registrations.
        case input
        /// The reports could not be written.
        case reports
        /// The state database and the published runs do not fit together.
        case state
    }

    /// What stopped the run.
    public var kind: Kind
    /// What happened and what to do, one line.
    public var message: String
    /// The error underneath, if any.
    public var underlying: (any Error & Sendable)?

    init(_ kind: Kind, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.kind = kind
        self.message = message
        self.underlying = underlying
    }

    /// The message, with the underlying error's when there is one.
    public var description: String { underlying.map { "\(message): \($0)" } ?? message }
}
