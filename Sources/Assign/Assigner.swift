import WerksessiesModel

/// The assignment problem: plain values in, an exact optimum out.
public struct AssignmentProblem: Sendable {
    /// Active participants (cancelled ones are not assigned).
    public var participants: [Participant]
    public var sessions: [Session]
    public var weights: Weights

    public init(participants: [Participant], sessions: [Session], weights: Weights) {
        self.participants = participants
        self.sessions = sessions
        self.weights = weights
    }
}

/// A constraint that cannot be met, with the smallest relaxation that would make it feasible.
public struct AssignError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// The Assign stage.
public enum Assigner {
    /// Solves the problem to its exact optimum.
    public static func solve(_ problem: AssignmentProblem) throws -> Assignment {
        // Walking-skeleton stub: everyone waitlisted; replaced by the min-cost-flow solver.
        let placements = problem.participants.map {
            Placement(
                participantID: $0.id, session: nil, matchedKeywords: [], outsideComfortZone: false, score: 0,
                rank: nil, reason: .waitlisted, explanation: "")
        }
        return Assignment(placements: placements, objective: -problem.weights.waitlist * placements.count)
    }

    /// The same model in CPLEX LP format.
    public static func lpModel(_ problem: AssignmentProblem) -> String {
        ""
    }
}
