import WerksessiesModel

/// Writes the assignment model in CPLEX LP format, so any MIP solver can check the optimum.
///
/// Variables: `x_<i>_<session>` (binary) for participant index i (problem order) and each session they
/// are eligible for (and their pinned session), `w_<i>` (binary) for the waitlist of each unpinned
/// participant, and `e_<session>_<family index>_<j>` (continuous, 0 ≤ e ≤ capacity − b_j) for the people
/// of a known family above breakpoint j of the session. The objective is exactly the solver's:
/// `Σ score·x − waitlist·Σ w − Σ step_j·e` with no constant (pinned people are variables fixed to 1).
struct LPWriter {
    let model: PreparedModel

    func write() -> String {
        let S = model.sessionCount
        let n = model.participants.count
        let capacity = model.effectiveCapacities()
        var out = "\\ werksessies assignment model (maximise); objective equals Assignment.objective\n"
        out += "\\ participants: \(n), sessions: \(S), families: \(model.families.joined(separator: " "))\n"
        for (f, name) in model.families.enumerated() { out += "\\ family \(f) = \(name)\n" }

        // Which sessions each participant has a variable for.
        var options: [[Int]] = []
        options.reserveCapacity(n)
        for i in 0..<n {
            let pin = Int(model.pinOf[i])
            options.append(pin >= 0 ? [pin] : (0..<S).filter { model.isEligible(participant: i, session: $0) })
        }
        func sid(_ s: Int) -> String {
            let id = model.sessions[s].id
            return id < 0 ? "m\(-id)" : String(id)
        }
        func x(_ i: Int, _ s: Int) -> String { "x_\(i)_\(sid(s))" }

        var objective: [(Int, String)] = []
        var scratch = ScoreScratch(model: model)
        for i in 0..<n {
            scratch.load(participant: i)
            for s in options[i] {
                let score = scratch.fit(session: s) + model.challenge(participant: i, session: s) + model.stability(participant: i, session: s)
                objective.append((score, x(i, s)))
            }
            if model.pinOf[i] < 0 { objective.append((-model.weights.waitlist, "w_\(i)")) }
        }
        var members = [[Int]](repeating: [], count: S * model.familySlots)
        var inSession = [[Int]](repeating: [], count: S)
        for i in 0..<n {
            for s in options[i] {
                inSession[s].append(i)
                members[s * model.familySlots + Int(model.familyOf[i])].append(i)
            }
        }
        var segments: [(name: String, s: Int, f: Int, at: Int, upper: Int)] = []
        for s in 0..<S {
            for f in 0..<model.families.count where !members[s * model.familySlots + f].isEmpty {
                for (j, b) in model.breakpoints[s].enumerated() where b.at < min(capacity[s], members[s * model.familySlots + f].count) {
                    let name = "e_\(sid(s))_\(f)_\(j)"
                    segments.append((name, s, f, b.at, capacity[s] - b.at))
                    objective.append((-b.step, name))
                }
            }
        }

        out += "Maximize\n obj:"
        let nonZero = objective.filter { $0.0 != 0 }
        if nonZero.isEmpty {
            out += objective.isEmpty ? " 0 dummy" : " 0 \(objective[0].1)"
        }
        LPWriter.appendTerms(nonZero, to: &out)
        out += "\nSubject To\n"
        for i in 0..<n {
            var terms = options[i].map { (1, x(i, $0)) }
            if model.pinOf[i] < 0 { terms.append((1, "w_\(i)")) }
            out += " one_\(i):"
            LPWriter.appendTerms(terms, to: &out)
            out += " = 1\n"
        }
        for s in 0..<S where !inSession[s].isEmpty {
            out += " cap_\(sid(s)):"
            LPWriter.appendTerms(inSession[s].map { (1, x($0, s)) }, to: &out)
            out += " <= \(capacity[s])\n"
        }
        for s in 0..<S where model.sessions[s].minimum > 0 {
            out += " min_\(sid(s)):"
            if inSession[s].isEmpty {
                out += " 0 dummy"
            } else {
                LPWriter.appendTerms(inSession[s].map { (1, x($0, s)) }, to: &out)
            }
            out += " >= \(model.sessions[s].minimum)\n"
        }
        for seg in segments {
            // e >= (people of family f in s) - b
            out += " div_\(seg.name.dropFirst(2)): 1 \(seg.name)"
            LPWriter.appendTerms(members[seg.s * model.familySlots + seg.f].map { (-1, x($0, seg.s)) }, to: &out)
            out += " >= \(-seg.at)\n"
        }
        for i in 0..<n where model.pinOf[i] >= 0 {
            out += " pin_\(i): 1 \(x(i, Int(model.pinOf[i]))) = 1\n"
        }
        out += "Bounds\n"
        for seg in segments { out += " 0 <= \(seg.name) <= \(seg.upper)\n" }
        if objective.isEmpty { out += " dummy = 0\n" }
        out += "Binaries\n"
        var line = ""
        for i in 0..<n {
            for s in options[i] { line += " " + x(i, s) }
            if model.pinOf[i] < 0 { line += " w_\(i)" }
            if line.utf8.count > 200 {
                out += line + "\n"
                line = ""
            }
        }
        if !line.isEmpty { out += line + "\n" }
        out += "End\n"
        return out
    }

    /// Appends ` + 3 x - 2 y …`, breaking lines so no line gets long.
    static func appendTerms(_ terms: [(Int, String)], to out: inout String) {
        for (k, (coef, name)) in terms.enumerated() {
            if k > 0 && k % 8 == 0 { out += "\n  " }
            out += coef < 0 ? " - \(-coef) \(name)" : " + \(coef) \(name)"
        }
    }
}
