import WerksessiesModel

/// Why one participant got their session: the score of every session for them and the constraint that
/// kept them from a better-scoring one (for `werksessies explain EMAIL`).
public struct Explanation: Sendable, Hashable, CustomStringConvertible {
    /// The participant's score in one session and whether they may join it.
    public struct SessionScore: Sendable, Hashable {
        /// Session id.
        public var session: Int
        /// Session title.
        public var title: String
        /// Interest fit (concave in the matched keywords).
        public var fit: Int
        /// Bonus for being outside the comfort zone.
        public var challenge: Int
        /// Bonus for keeping last night's session.
        public var stability: Int
        /// The participant's interests that are keywords of this session.
        public var matchedKeywords: [String]
        /// True when every eligibility rule of the session holds for the participant.
        public var eligible: Bool
        /// The label of the first rule that does not hold, when not eligible.
        public var ineligibleBecause: String?
        /// Participants assigned to the session.
        public var occupancy: Int
        /// Capacity of the session.
        public var capacity: Int

        /// fit + challenge + stability.
        public var total: Int { fit + challenge + stability }
    }

    /// Participant id.
    public var participantID: String
    /// E-mail as typed.
    public var email: String
    /// Name.
    public var name: String
    /// Discipline family, `nil` when unknown.
    public var family: String?
    /// Assigned session id, `nil` for the waitlist.
    public var session: Int?
    /// Title of the assigned session.
    public var sessionTitle: String?
    /// Interests matched in the assigned session.
    public var matchedKeywords: [String]
    /// Pinned (notified earlier).
    public var pinned: Bool
    /// 1 = the best-scoring eligible session.
    public var rank: Int?
    /// Why this session.
    public var reason: AssignmentReason
    /// The one-line Dutch reason for partners (as in the workbooks).
    public var reasonLine: String
    /// Every session, in id order.
    public var sessions: [SessionScore]

    /// A text rendering for the command line.
    public var description: String {
        var lines: [String] = []
        lines.append("\(name.isEmpty ? participantID : name) <\(email)> (\(participantID)), family: \(family ?? "unknown")")
        if let session {
            lines.append("assigned: session \(session) \"\(sessionTitle ?? "")\"" + (pinned ? " (pinned)" : "")
                + (rank.map { ", rank \($0)" } ?? ""))
        } else {
            lines.append("assigned: waitlist")
        }
        lines.append("matched keywords: " + (matchedKeywords.isEmpty ? "none" : matchedKeywords.joined(separator: ", ")))
        lines.append("reason: \(reason.rawValue) — \(reasonLine)")
        lines.append("scores per session (fit + challenge + stability = total):")
        for s in sessions {
            let mark = s.session == session ? "*" : " "
            var line = "\(mark) \(s.session) \(s.title): \(s.fit) + \(s.challenge) + \(s.stability) = \(s.total)"
            line += ", \(s.occupancy)/\(s.capacity) seats"
            if !s.matchedKeywords.isEmpty { line += ", matches " + s.matchedKeywords.joined(separator: ", ") }
            if !s.eligible { line += ", not eligible: \(s.ineligibleBecause ?? "rule")" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension Assigner {
    /// Explains the placement of one participant (by id, or by e-mail, case and whitespace folded);
    /// `nil` when the participant is not in the problem or the assignment.
    public static func explain(participantID: String, problem: AssignmentProblem, assignment: Assignment) -> Explanation? {
        let folded = String(participantID.filter { !$0.isWhitespace }).lowercased()
        guard let i = problem.participants.firstIndex(where: { $0.id == participantID })
            ?? problem.participants.firstIndex(where: { $0.emailKey == folded || $0.email.lowercased() == folded })
        else { return nil }
        let p = problem.participants[i]
        guard let placement = assignment.placements.first(where: { $0.participantID == p.id }) else { return nil }
        let model = PreparedModel(problem)
        var occupancy = [Int: Int]()
        for pl in assignment.placements { if let s = pl.session { occupancy[s, default: 0] += 1 } }
        let capacity = model.effectiveCapacities()
        let scores = model.sessions.indices.map { s in
            Explanation.SessionScore(
                session: model.sessions[s].id, title: model.sessions[s].title,
                fit: model.fit(participant: i, session: s), challenge: model.challenge(participant: i, session: s),
                stability: model.stability(participant: i, session: s),
                matchedKeywords: model.matchedKeywords(participant: i, session: s),
                eligible: model.isEligible(participant: i, session: s),
                ineligibleBecause: model.failingRule(participant: i, session: s)?.label,
                occupancy: occupancy[model.sessions[s].id] ?? 0, capacity: capacity[s])
        }
        let title = placement.session.flatMap { id in model.sessions.first { $0.id == id }?.title }
        return Explanation(
            participantID: p.id, email: p.email, name: p.name, family: p.family, session: placement.session,
            sessionTitle: title, matchedKeywords: placement.matchedKeywords, pinned: placement.reason == .pinned,
            rank: placement.rank, reason: placement.reason, reasonLine: placement.explanation, sessions: scores)
    }
}
