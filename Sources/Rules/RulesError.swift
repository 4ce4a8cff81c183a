/// A domain rule that stops the run: a guard, or capacities that cannot be scaled.
public struct RulesError: Error, Sendable, CustomStringConvertible {
    /// Which rule stopped the run.
    public enum Kind: Sendable, Equatable {
        /// Far fewer registrants than last night.
        case shrinking
        /// Registrants seen before are missing without a cancellation.
        case disappeared
        /// `--capacity-scale` gives capacities that do not fit.
        case capacityScale
    }

    /// Which rule stopped the run.
    public var kind: Kind
    /// What happened and what to do, one line.
    public var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Whether a guard (not a bad value) stopped the run.
    public var isGuard: Bool { kind != .capacityScale }

    /// The message.
    public var description: String { message }
}
