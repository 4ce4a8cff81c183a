import WerksessiesModel

/// Writes the assignment model in CPLEX LP format, so any MIP solver can check the optimum.
///
/// Variables: `x_<i>_<session>` (binary) for participant index i (problem order) and each session they
/// are eligible for (and their pinned session), `w_<i>` (binary) for the waitlist of each unpinned
/// participant, and the diversity cost as the convex piecewise-linear function it is: per session and
/// known discipline `u_<session>_<discipline index>_<j>` (continuous, 0 ≤ u ≤ length of run j of equal
/// marginal cost, `DiversityCost.segments`) with `Σ_j u_j = Σ x` of that discipline (row `dc_…`), and per
/// session and known family `v_<session>_<family index>_<j>` likewise (row `fc_…`, the people of the
/// family's known disciplines). Marginal costs never decrease, so the runs fill in order. The objective
/// is exactly the solver's: `Σ score·x − waitlist·Σ w − Σ cost_j·u_j − Σ cost_j·v_j` with no constant
/// (pinned people are variables fixed to 1).
struct LPWriter {
    let model: PreparedModel

    func write() -> String {
        let S = model.sessionCount
        let n = model.participants.count
        let capacity = model.effectiveCapacities()
        var out = "\\ werksessies assignment model (maximise); objective equals Assignment.objective\n"
        out += "\\ participants: \(n), sessions: \(S), families: \(model.families.joined(separator: " "))\n"
        for (f, name) in model.families.enumerated() { out += "\\ family \(f) = \(name)\n" }
        for (d, name) in model.disciplines.enumerated() {
            let f = Int(model.familyOfDiscipline[d])
            out += "\\ discipline \(d) = \(name) (family \(f < model.families.count ? String(f) : "unknown"))\n"
        }

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
                let score = scratch.fit(session: s) + model.challenge(participant: i, session: s)
                    + model.stability(participant: i, session: s) - model.seatCost(participant: i)
                objective.append((score, x(i, s)))
            }
            if model.pinOf[i] < 0 { objective.append((-model.weights.waitlist, "w_\(i)")) }
        }
        var inSession = [[Int]](repeating: [], count: S)
        for i in 0..<n { for s in options[i] { inSession[s].append(i) } }
        let segments = diversitySegments(options: options, capacity: capacity)
        for seg in segments { for (j, run) in seg.runs.enumerated() where run.cost != 0 { objective.append((-run.cost, seg.name(j))) } }

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
            out += " \(seg.row):"
            LPWriter.appendTerms(seg.members.map { (1, x($0, seg.session)) } + seg.runs.indices.map { (-1, seg.name($0)) }, to: &out)
            out += " = 0\n"
        }
        for i in 0..<n where model.pinOf[i] >= 0 {
            out += " pin_\(i): 1 \(x(i, Int(model.pinOf[i]))) = 1\n"
        }
        out += "Bounds\n"
        for seg in segments {
            for (j, run) in seg.runs.enumerated() { out += " 0 <= \(seg.name(j)) <= \(run.last - run.first + 1)\n" }
        }
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

    /// The people of one known discipline (or family) who may be in one session, and the runs of equal
    /// marginal cost that their number can fill.
    struct Segments {
        var prefix: String
        var session: Int
        var sessionName: String
        var index: Int
        var members: [Int]
        var runs: [(first: Int, last: Int, cost: Int)]

        var row: String { "\(prefix)c_\(sessionName)_\(index)" }
        func name(_ j: Int) -> String { "\(prefix == "d" ? "u" : "v")_\(sessionName)_\(index)_\(j)" }
    }

    /// Per session, the segments of each known discipline and each known family that has members there.
    func diversitySegments(options: [[Int]], capacity: [Int]) -> [Segments] {
        let S = model.sessionCount
        let (D, F) = (model.disciplineSlots, model.familySlots)
        var byDiscipline = [[Int]](repeating: [], count: S * D)
        var byFamily = [[Int]](repeating: [], count: S * F)
        for (i, sessions) in options.enumerated() {
            let d = Int(model.disciplineOf[i])
            guard d < model.unknownDiscipline else { continue }
            let f = Int(model.familyOfDiscipline[d])
            for s in sessions {
                byDiscipline[s * D + d].append(i)
                if f < model.unknownFamily { byFamily[s * F + f].append(i) }
            }
        }
        var out: [Segments] = []
        for s in 0..<S {
            let id = model.sessions[s].id
            let name = id < 0 ? "m\(-id)" : String(id)
            for (level, prefix, slots, members) in [
                (DiversityCost.Level.discipline, "d", D - 1, byDiscipline), (.family, "f", F - 1, byFamily),
            ] {
                for k in 0..<slots where !members[s * (slots + 1) + k].isEmpty {
                    let people = members[s * (slots + 1) + k]
                    let runs = model.diversity[s].segments(level, upTo: min(capacity[s], people.count))
                    out.append(Segments(prefix: prefix, session: s, sessionName: name, index: k, members: people, runs: runs))
                }
            }
        }
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
