/// Weights of the assignment objective (README, "How the assignment is chosen"); all integers but the distance.
public struct Weights: Sendable, Hashable, Codable {
    /// Weight of one matched keyword that belongs to one session only; shared keywords count less.
    public var interest: Int
    /// Each further matched keyword counts this fraction (percent) of the previous one (concavity).
    public var interestDecayPercent: Int
    /// Bonus for being outside one's comfort zone.
    public var challenge: Int
    /// Weight of the board's Rao-Stirling: a session of capacity C costs
    /// `diversity · M · (d·Σᵢ nᵢ² + (1 − d)·Σ_F N_F²) / C²` (nᵢ people per discipline, N_F per family, d the
    /// same-family distance, M the mean capacity C̄, times √(C̄ / 50) above 50 seats), which for a full session
    /// is `diversity · M · (1 − Rao-Stirling)`.
    public var diversity: Int
    /// The Rao-Stirling distance that the diversity term and the metrics share (`metrics.same_family_distance`).
    public var distance: DisciplineDistance
    /// Bonus for keeping last night's session.
    public var stability: Int
    /// Penalty for every waitlisted participant.
    public var waitlist: Int

    public init(
        interest: Int = 100, interestDecayPercent: Int = 50, challenge: Int = 50, diversity: Int = 250,
        distance: DisciplineDistance = DisciplineDistance(), stability: Int = 1_000, waitlist: Int = 10_000
    ) {
        self.interest = interest
        self.interestDecayPercent = interestDecayPercent
        self.challenge = challenge
        self.diversity = diversity
        self.distance = distance
        self.stability = stability
        self.waitlist = waitlist
    }
}

/// Why a participant is where they are.
public enum AssignmentReason: String, Sendable, Hashable, Codable {
    /// Got the best-scoring session available to them.
    case bestFit = "best_fit"
    /// Pinned (notified earlier); never moves.
    case pinned
    /// A better-scoring session was full.
    case capacity
    /// A better-scoring session was not open to them (e.g. mandate required).
    case eligibility
    /// A better-scoring session already had many people of their discipline or discipline family.
    case diversity
    /// Kept last night's session.
    case stability
    /// No seat anywhere they are eligible.
    case waitlisted
}

/// One participant's placement.
public struct Placement: Sendable, Hashable {
    public var participantID: String
    /// Session id, `nil` for the waitlist.
    public var session: Int?
    /// The participant's interests that are keywords of the session.
    public var matchedKeywords: [String]
    public var outsideComfortZone: Bool
    /// The participant's own score (fit + challenge + stability) in the session.
    public var score: Int
    /// 1 = the best-scoring eligible session for this person, 2 = second, …; `nil` when waitlisted.
    public var rank: Int?
    public var reason: AssignmentReason
    /// One line for people: why this session.
    public var explanation: String

    public init(
        participantID: String, session: Int?, matchedKeywords: [String], outsideComfortZone: Bool,
        score: Int, rank: Int?, reason: AssignmentReason, explanation: String
    ) {
        self.participantID = participantID
        self.session = session
        self.matchedKeywords = matchedKeywords
        self.outsideComfortZone = outsideComfortZone
        self.score = score
        self.rank = rank
        self.reason = reason
        self.explanation = explanation
    }
}

/// The result of the Assign stage.
public struct Assignment: Sendable {
    /// One placement per active (not cancelled) participant, in participant order.
    public var placements: [Placement]
    /// The exact optimum of the objective (maximised).
    public var objective: Int
    public var diagnostics: [Diagnostic]

    public init(placements: [Placement], objective: Int, diagnostics: [Diagnostic] = []) {
        self.placements = placements
        self.objective = objective
        self.diagnostics = diagnostics
    }

    /// For each participant, the index of its placement (the first one with its id), or -1 when it has none.
    /// Placements normally follow the participants' order, which is walked in one pass; any other order
    /// falls back to a look-up by id.
    public func placementIndices(for participants: [Participant]) -> [Int] {
        var result = [Int](repeating: -1, count: participants.count)
        var next = 0
        var inOrder = true
        for (index, participant) in participants.enumerated() where next < placements.count {
            if placements[next].participantID == participant.id {
                result[index] = next
                next += 1
            } else if !participant.cancelled {
                inOrder = false
                break
            }
        }
        if inOrder && next == placements.count { return result }
        var byID: [String: Int] = [:]
        byID.reserveCapacity(placements.count)
        for (index, placement) in placements.enumerated() where byID[placement.participantID] == nil {
            byID[placement.participantID] = index
        }
        for (index, participant) in participants.enumerated() { result[index] = byID[participant.id] ?? -1 }
        return result
    }

    /// Placement by participant id.
    public func placementsByID() -> [String: Placement] {
        Dictionary(placements.map { ($0.participantID, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
