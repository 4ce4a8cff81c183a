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
