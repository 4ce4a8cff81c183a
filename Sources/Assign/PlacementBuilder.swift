import Dispatch
import Foundation
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
    /// People of each (session, discipline slot) and (session, family slot of the discipline).
    let disciplineCount: [Int]
    let familyCount: [Int]
    let labels: [[String: String]]

    init(model: PreparedModel, sessionOf: [Int], capacity: [Int]) {
        self.model = model
        self.sessionOf = sessionOf
        self.capacity = capacity
        let S = model.sessionCount
        let (D, F) = (model.disciplineSlots, model.familySlots)
        var count = [Int](repeating: 0, count: S)
        var disciplineCount = [Int](repeating: 0, count: S * D)
        var familyCount = [Int](repeating: 0, count: S * F)
        for (i, s) in sessionOf.enumerated() where s >= 0 {
            let d = Int(model.disciplineOf[i])
            count[s] += 1
            disciplineCount[s * D + d] += 1
            familyCount[s * F + Int(model.familyOfDiscipline[d])] += 1
        }
        self.count = count
        self.disciplineCount = disciplineCount
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

    /// What the one-line explanation depends on; equal keys give equal lines (so lines are shared).
    struct LineKey: Hashable {
        var session: Int32
        /// Matched keywords as bits of their position in the session's keyword list.
        var mask: UInt64
        var outside: Bool
        var reason: AssignmentReason
        /// The better session (obstacle) or -1.
        var other: Int32
        /// Family slot * 2 + mandate, where the line depends on the rules that fail.
        var who: Int32
    }

    /// The placements of all participants, in problem order; large problems in parallel parts (each with
    /// its own scratch and line caches: the same lines, whatever the split).
    func placements(parallel: Bool = true) -> [Placement] {
        let S = model.sessionCount
        // Position of each keyword in each session's keyword list (for the line cache), -1 when absent.
        var local = [Int](repeating: -1, count: model.keywordNames.count * S)
        var cacheable = true
        for s in 0..<S {
            var position = 0
            for (k, name) in model.keywordNames.enumerated() where model.keywordInSession[k * S + s] {
                _ = name
                local[k * S + s] = position
                position += 1
            }
            if position > 64 { cacheable = false }
        }
        let n = model.participants.count
        let parts = parallel ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, n / 20_000)) : 1
        if parts == 1 { return placements(0..<n, local: local, cacheable: cacheable) }
        let size = (n + parts - 1) / parts
        let results = IndexedResults<[Placement]>(count: parts)
        let builder = self
        let keywordPositions = local
        let canCache = cacheable
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (part * size)..<min(n, (part + 1) * size)
            results.set(part, builder.placements(range, local: keywordPositions, cacheable: canCache))
        }
        var out: [Placement] = []
        out.reserveCapacity(n)
        for part in results.all { out.append(contentsOf: part) }
        return out
    }

    private func placements(_ range: Range<Int>, local: [Int], cacheable: Bool) -> [Placement] {
        let S = model.sessionCount
        var scratch = ScoreScratch(model: model)
        var scores = [Int](repeating: 0, count: S)
        var lines: [LineKey: String] = [:]
        var matchedCache: [LineKey: [String]] = [:]
        var out: [Placement] = []
        out.reserveCapacity(range.count)
        for i in range {
            scratch.load(participant: i)
            for s in 0..<S {
                scores[s] = scratch.fit(session: s) + model.challenge(participant: i, session: s)
                    + model.stability(participant: i, session: s)
            }
            let id = model.participants[i].id
            let s = sessionOf[i]
            let who = Int32(Int(model.familyOf[i]) * 2 + (model.mandateOf[i] ? 1 : 0))
            guard s >= 0 else {
                let kind = waitlistKind(i)
                let key = LineKey(session: -1, mask: 0, outside: false, reason: .waitlisted, other: Int32(kind), who: who)
                let line: String
                if let cached = lines[key] { line = cached } else {
                    line = waitlistLine(i)
                    lines[key] = line
                }
                out.append(Placement(
                    participantID: id, session: nil, matchedKeywords: [], outsideComfortZone: false, score: 0,
                    rank: nil, reason: .waitlisted, explanation: line))
                continue
            }
            var mask: UInt64 = 0
            for j in Int(model.interestStart[i])..<Int(model.interestStart[i + 1]) {
                let position = local[Int(model.interestList[j]) * S + s]
                if position >= 0 && position < 64 { mask |= 1 << UInt64(position) }
            }
            let outside = model.outsideTable[s * model.familySlots + Int(model.familyOf[i])]
            let own = scores[s]
            var rank = 1
            for t in 0..<S where t != s && model.isEligible(participant: i, session: t) && scores[t] > own {
                rank += 1
            }
            let reason: AssignmentReason
            let found = model.pinOf[i] == Int32(s) ? nil : obstacle(i, session: s, scores: scores)
            if model.pinOf[i] == Int32(s) {
                reason = .pinned
            } else if let found {
                reason = found.reason
            } else {
                reason = Int(model.previousOf[i]) == s && model.weights.stability != 0 ? .stability : .bestFit
            }
            let key = LineKey(
                session: Int32(s), mask: mask, outside: outside, reason: reason, other: Int32(found?.session ?? -1),
                who: reason == .eligibility ? who : -1)
            let matched: [String]
            let line: String
            if cacheable, let m = matchedCache[LineKey(session: Int32(s), mask: mask, outside: false, reason: .bestFit, other: -1, who: -1)] {
                matched = m
            } else {
                matched = scratch.matchedKeywords(session: s)
                if cacheable { matchedCache[LineKey(session: Int32(s), mask: mask, outside: false, reason: .bestFit, other: -1, who: -1)] = matched }
            }
            if cacheable, let cached = lines[key] {
                line = cached
            } else {
                line = self.line(i, session: s, reason: reason, obstacle: found, matched: matched, outside: outside)
                if cacheable { lines[key] = line }
            }
            out.append(Placement(
                participantID: id, session: model.sessions[s].id, matchedKeywords: matched, outsideComfortZone: outside,
                score: own, rank: rank, reason: reason, explanation: line))
        }
        return out
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
        let d = Int(model.disciplineOf[i])
        if d < model.unknownDiscipline {
            // The diversity cost made the move worse: the next person of their discipline (and family) costs more there.
            let f = Int(model.familyOfDiscipline[d])
            let cost = model.diversity[best]
            var joinCost = cost.marginal(.discipline, disciplineCount[best * model.disciplineSlots + d] + 1)
            if f < model.unknownFamily { joinCost += cost.marginal(.family, familyCount[best * model.familySlots + f] + 1) }
            if joinCost > 0 { return Obstacle(session: best, reason: .diversity, rule: nil) }
        }
        // Room and no penalty: only another session's minimum can have kept them.
        return Obstacle(session: best, reason: .capacity, rule: nil)
    }

    /// The one-line Dutch explanation for partners.
    func line(_ i: Int, session s: Int, reason: AssignmentReason, obstacle: Obstacle?, matched: [String], outside: Bool) -> String {
        let sessionID = model.sessions[s].id
        // "ingedeeld op interesse: a, b; buiten comfortzone" / "ingedeeld zonder overeenkomende interesse"
        var placed = matched.isEmpty
            ? "ingedeeld zonder overeenkomende interesse"
            : "ingedeeld op interesse: " + matched.map { labels[s][$0] ?? $0 }.joined(separator: ", ")
        if outside { placed += "; buiten comfortzone" }
        let capitalised = "I" + placed.dropFirst()
        switch reason {
        case .pinned:
            return "Vastgezet op sessie \(sessionID) (eerder bevestigd)"
        case .stability:
            return "Zelfde sessie als bij de vorige indeling; " + placed
        case .bestFit, .waitlisted:
            return capitalised
        case .eligibility, .diversity, .capacity:
            guard let obstacle else { return capitalised }
            let other = model.sessions[obstacle.session].id
            let why: String
            switch obstacle.reason {
            case .eligibility:
                why = "Sessie \(other) (hogere score) staat niet open: \(obstacle.rule?.label ?? "voorwaarde niet vervuld")"
            case .diversity:
                why = "Sessie \(other) (hogere score) had al veel deelnemers uit dezelfde discipline of disciplinefamilie"
            default:
                why = count[obstacle.session] >= capacity[obstacle.session]
                    ? "Sessie \(other) (hogere score) was vol"
                    : "Sessie \(sessionID) had deze deelnemer nodig om haar minimum te halen"
            }
            return why + "; " + placed
        }
    }

    /// 0: no session open to them, 1: all open sessions full, 2: otherwise.
    func waitlistKind(_ i: Int) -> Int {
        let eligible = (0..<model.sessionCount).filter { model.isEligible(participant: i, session: $0) }
        if eligible.isEmpty { return 0 }
        return eligible.allSatisfy({ count[$0] >= capacity[$0] }) ? 1 : 2
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
