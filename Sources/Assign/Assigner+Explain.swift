import WerksessiesModel

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
