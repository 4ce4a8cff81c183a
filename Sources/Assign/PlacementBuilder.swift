import WerksessiesModel

/// Turns a solved placement (a session index per participant) into `Placement`s with rank, reason and
/// a one-line Dutch explanation for partners.
struct PlacementBuilder {
    let model: PreparedModel
    /// Session index per participant (problem order), -1 for the waitlist.
    let sessionOf: [Int]
    /// Capacities that hold (raised to the pins where pins exceed them).
    let capacity: [Int]
    let count: [Int]
    /// People of each (session, family slot).
    let familyCount: [Int]
    let labels: [[String: String]]

    init(model: PreparedModel, sessionOf: [Int], capacity: [Int]) {
        self.model = model
        self.sessionOf = sessionOf
        self.capacity = capacity
        let S = model.sessionCount
        let F = model.familySlots
        var count = [Int](repeating: 0, count: S)
        var familyCount = [Int](repeating: 0, count: S * F)
        for (i, s) in sessionOf.enumerated() where s >= 0 {
            count[s] += 1
            familyCount[s * F + Int(model.familyOf[i])] += 1
        }
        self.count = count
        self.familyCount = familyCount
        labels = model.sessions.map { s in
            Dictionary(s.keywords.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Why a participant is not in a better-scoring session.
    struct Obstacle {
        var session: Int
        var reason: AssignmentReason
        var rule: EligibilityRule?
    }

    func placements() -> [Placement] {
        var scratch = ScoreScratch(model: model)
        var scores = [Int](repeating: 0, count: model.sessionCount)
        return model.participants.indices.map { i in
            scratch.load(participant: i)
            for s in 0..<model.sessionCount {
                scores[s] = scratch.fit(session: s) + model.challenge(participant: i, session: s)
                    + model.stability(participant: i, session: s)
            }
            let s = sessionOf[i]
            return placement(i, scores: scores, matched: s >= 0 ? scratch.matchedKeywords(session: s) : [])
        }
    }

    /// The placement of participant i, given their score in every session (eligible or not).
    func placement(_ i: Int, scores: [Int], matched: [String]) -> Placement {
        let id = model.participants[i].id
        let s = sessionOf[i]
        guard s >= 0 else {
            return Placement(
                participantID: id, session: nil, matchedKeywords: [], outsideComfortZone: false, score: 0,
                rank: nil, reason: .waitlisted, explanation: waitlistLine(i))
        }
        let outside = model.outsideTable[s * model.familySlots + Int(model.familyOf[i])]
        let own = scores[s]
        var rank = 1
        for t in 0..<model.sessionCount where t != s && model.isEligible(participant: i, session: t) && scores[t] > own {
            rank += 1
        }
        let (reason, line) = reasonAndLine(i, session: s, scores: scores, matched: matched, outside: outside)
        return Placement(
            participantID: id, session: model.sessions[s].id, matchedKeywords: matched, outsideComfortZone: outside,
            score: own, rank: rank, reason: reason, explanation: line)
    }

    /// The constraint that kept participant i (in session s) from the best-scoring better session.
    func obstacle(_ i: Int, session s: Int, scores: [Int]) -> Obstacle? {
        var best = -1
        for t in 0..<model.sessionCount where t != s && scores[t] > scores[s] {
            if best < 0 || scores[t] > scores[best] { best = t }
        }
        guard best >= 0 else { return nil }
        if !model.isEligible(participant: i, session: best) {
            return Obstacle(session: best, reason: .eligibility, rule: model.failingRule(participant: i, session: best))
        }
        if count[best] >= capacity[best] { return Obstacle(session: best, reason: .capacity, rule: nil) }
        if model.familyOf[i] < Int32(model.families.count) && !model.breakpoints[best].isEmpty {
            return Obstacle(session: best, reason: .diversity, rule: nil)
        }
        // Room and no penalty: only another session's minimum can have kept them.
        return Obstacle(session: best, reason: .capacity, rule: nil)
    }

    func reasonAndLine(_ i: Int, session s: Int, scores: [Int], matched: [String], outside: Bool) -> (AssignmentReason, String) {
        let sessionID = model.sessions[s].id
        let fitPart: String = {
            var text = matched.isEmpty
                ? "geen van de opgegeven interesses komt in deze sessie voor"
                : "interesse: " + matched.map { labels[s][$0] ?? $0 }.joined(separator: ", ")
            if outside { text += "; buiten comfortzone" }
            return text
        }()
        if model.pinOf[i] == Int32(s) {
            return (.pinned, "Vastgezet op sessie \(sessionID) (eerder bevestigd)")
        }
        guard let obstacle = obstacle(i, session: s, scores: scores) else {
            if Int(model.previousOf[i]) == s && model.weights.stability != 0 {
                return (.stability, "Zelfde sessie als bij de vorige indeling; " + fitPart)
            }
            return (.bestFit, "Ingedeeld op " + fitPart)
        }
        let other = model.sessions[obstacle.session].id
        let why: String
        switch obstacle.reason {
        case .eligibility:
            why = "Sessie \(other) (hogere score) staat niet open: \(obstacle.rule?.label ?? "voorwaarde niet vervuld")"
        case .diversity:
            why = "Sessie \(other) (hogere score) had al veel deelnemers uit dezelfde disciplinefamilie"
        default:
            if count[obstacle.session] >= capacity[obstacle.session] {
                why = "Sessie \(other) (hogere score) was vol"
            } else {
                why = "Sessie \(sessionID) had deze deelnemer nodig om haar minimum te halen"
            }
        }
        return (obstacle.reason, why + "; ingedeeld op " + fitPart)
    }

    func waitlistLine(_ i: Int) -> String {
        let eligible = (0..<model.sessionCount).filter { model.isEligible(participant: i, session: $0) }
        if eligible.isEmpty {
            let labels = Set((0..<model.sessionCount).compactMap { model.failingRule(participant: i, session: $0)?.label })
            return "Wachtlijst: geen sessie staat open voor deze deelnemer"
                + (labels.isEmpty ? "" : " (" + labels.sorted().joined(separator: ", ") + ")")
        }
        if eligible.allSatisfy({ count[$0] >= capacity[$0] }) {
            return "Wachtlijst: alle sessies die voor deze deelnemer openstaan zijn vol"
        }
        return "Wachtlijst: een plaats in een sessie met ruimte zou de diversiteit te veel verstoren"
    }
}
