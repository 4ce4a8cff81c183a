import WerksessiesModel

/// The assignment problem: plain values in, an exact optimum out.
public struct AssignmentProblem: Sendable {
    /// Active participants (cancelled ones are not assigned).
    public var participants: [Participant]
    /// The sessions (any order; the solver sorts them by id).
    public var sessions: [Session]
    /// Integer weights of the objective.
    public var weights: Weights
    /// When false, pins that exceed a session's capacity stop the run with an `AssignError`; when true
    /// (default) the pins hold, the capacity is raised to the number of pins for this run and a warning
    /// diagnostic explains it.
    public var pinsMayExceedCapacity: Bool

    /// Creates a problem.
    public init(participants: [Participant], sessions: [Session], weights: Weights, pinsMayExceedCapacity: Bool = true) {
        self.participants = participants
        self.sessions = sessions
        self.weights = weights
        self.pinsMayExceedCapacity = pinsMayExceedCapacity
    }
}

/// A constraint that cannot be met, with the smallest relaxation that would make it feasible.
public struct AssignError: Error, Sendable, CustomStringConvertible {
    /// One line (or several joined by "; ") naming the constraint, the shortfall and the relaxation.
    public var message: String
    /// Stable machine-readable code: `minimum_unmet`, `pins_exceed_capacity`, `invalid_weights`, `duplicate_session`.
    public var code: String
    /// The (first) session concerned, if any.
    public var session: Int?
    /// By how much the constraint is violated (people), if it applies.
    public var shortfall: Int?
    /// The smallest relaxation that makes the problem feasible, if there is one.
    public var relaxation: String?

    /// Creates an error from a message only.
    public init(message: String) {
        self.message = message
        self.code = "infeasible"
    }

    /// Creates an error with all details.
    public init(message: String, code: String, session: Int? = nil, shortfall: Int? = nil, relaxation: String? = nil) {
        self.message = message
        self.code = code
        self.session = session
        self.shortfall = shortfall
        self.relaxation = relaxation
    }

    /// The message.
    public var description: String { message }
}

/// The Assign stage.
public enum Assigner {
    /// Solves the problem to its exact optimum.
    public static func solve(_ problem: AssignmentProblem) throws -> Assignment {
        try Solver(problem).solve().assignment
    }

    /// The same model in CPLEX LP format.
    public static func lpModel(_ problem: AssignmentProblem) -> String {
        LPWriter(model: PreparedModel(problem)).write()
    }
}
