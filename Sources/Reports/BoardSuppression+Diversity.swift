import WerksessiesModel

/// Whether a session with a hidden count in its family mix may show its rounded diversity figures: only when, for
/// every hidden count of the row, a reader who knows everything else the board shows still has another value for
/// it. A value is another possibility when a whole completion of the row (its hidden counts within what the sums and
/// markers allow, every sum of the board still possible, the largest family share the same) has people per
/// discipline that give exactly the shown figures back (`BoardDiversity`, the same distinct disciplines and the
/// event's). The search is bounded: what it does not find counts as not there, so it errs on the side of "x".
struct DiversityRowAttack {
    let values: [Int]
    let relations: [[(figure: Int, coefficient: Int)]]
    let bounds: [(lower: Int, upper: Int)]
    let hidden: [Bool]
    /// The row's mix cells (families, then the unknown discipline).
    let cells: [Int]
    /// The session's people per discipline, each discipline's mix column, and which disciplines other sessions hold.
    let counts: [Int]
    let column: [Int]
    let elsewhere: [Bool]
    let eventDisciplines: Int
    let distance: DisciplineDistance
    let target: DiversityTarget
    /// The largest family count, when the board shows the largest family share.
    let largestFamily: Int?

    /// Each value a hidden cell may take beyond its own is tried this far from the truth.
    static let window = 4
    /// Search steps per hidden cell (beyond the swaps), and discipline fillings tried per completion.
    static let completionBudget = 1_500
    static let witnessBudget = 120

    /// True when every hidden cell of the row keeps a second value.
    func keepsEveryHiddenCountOpen() -> Bool {
        let unknown = cells.indices.filter { hidden[cells[$0]] }
        guard gives(counts) else { return false }
        return unknown.allSatisfy { hasSecondValue(unknown, other: $0) }
    }

    /// The candidate values of a row cell: the truth first, then outwards within its interval and the window.
    private func candidates(_ k: Int) -> [Int] {
        let id = cells[k], truth = values[id]
        let low = max(bounds[id].lower, truth - Self.window, 0), high = min(bounds[id].upper, truth + Self.window)
        guard low <= high else { return [truth] }
        return (low...high).sorted { (abs($0 - truth), $0) < (abs($1 - truth), $1) }
    }

    /// A completion in which row cell `other` is not its true value, and whose disciplines give the shown figures.
    private func hasSecondValue(_ unknown: [Int], other: Int) -> Bool {
        swapsAnother(unknown, other: other) || searchesAnother(unknown, other: other)
    }

    /// Relations that hold a hidden cell of the row.
    private func touching(_ unknown: [Int]) -> [[(figure: Int, coefficient: Int)]] {
        relations.filter { relation in relation.contains { r in unknown.contains { cells[$0] == r.figure } } }
    }

    /// The usual second completion: `other` moved by a few people and one other hidden cell of the row by as many
    /// the other way (the row's total stays), every sum still possible.
    private func swapsAnother(_ unknown: [Int], other: Int) -> Bool {
        let relations = touching(unknown)
        for value in candidates(other) where value != values[cells[other]] {
            let shift = value - values[cells[other]]
            for partner in unknown where partner != other {
                let partnerValue = values[cells[partner]] - shift
                let id = cells[partner]
                guard partnerValue >= max(0, bounds[id].lower), partnerValue <= bounds[id].upper else { continue }
                var assignment = cells.map { values[$0] }
                assignment[other] = value
                assignment[partner] = partnerValue
                let fixed: [Int: Int] = [cells[other]: value, id: partnerValue]
                let possible = relations.allSatisfy { relation in
                    var low = 0, high = 0
                    for (f, c) in relation {
                        let (l, h) = fixed[f].map { ($0, $0) } ?? (hidden[f] ? (bounds[f].lower, bounds[f].upper) : (values[f], values[f]))
                        low += c > 0 ? c * l : c * h
                        high += c > 0 ? c * h : c * l
                    }
                    return low <= 0 && 0 <= high
                }
                if possible, completes(assignment) { return true }
            }
        }
        return false
    }

    /// Any completion (a bounded depth-first search), when no swap of two cells does.
    private func searchesAnother(_ unknown: [Int], other: Int) -> Bool {
        var assignment = cells.map { values[$0] }
        let touching = touching(unknown)
        let rowPosition = Dictionary(cells.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let order = [other] + unknown.filter { $0 != other }
        var tried = 0
        var assigned = cells.map { _ in false }
        func feasible() -> Bool {
            for relation in touching {
                var low = 0, high = 0
                for (f, c) in relation {
                    let (l, h): (Int, Int)
                    if let k = rowPosition[f], assigned[k] {
                        (l, h) = (assignment[k], assignment[k])
                    } else if hidden[f] {
                        (l, h) = (bounds[f].lower, bounds[f].upper)
                    } else {
                        (l, h) = (values[f], values[f])
                    }
                    low += c > 0 ? c * l : c * h
                    high += c > 0 ? c * h : c * l
                }
                if low > 0 || high < 0 { return false }
            }
            return true
        }
        func search(_ depth: Int) -> Bool {
            tried += 1
            if depth == order.count { return completes(assignment) }
            let k = order[depth]
            for value in candidates(k) where !(depth == 0 && value == values[cells[k]]) {
                guard tried < Self.completionBudget else { return false }
                assignment[k] = value
                assigned[k] = true
                if feasible(), search(depth + 1) { return true }
            }
            assignment[k] = values[cells[k]]
            assigned[k] = false
            return false
        }
        return search(0)
    }

    /// A full completion of the row: the same total, the same largest family, and disciplines that give the shown figures.
    private func completes(_ assignment: [Int]) -> Bool {
        let truth = cells.map { values[$0] }
        guard assignment.reduce(0, +) == truth.reduce(0, +) else { return false }
        if let largestFamily, assignment.dropLast().max() != largestFamily { return false }
        let deltas = zip(assignment, truth).map { $0 - $1 }
        return familiesCanGiveShown(deltas) && witness(deltas)
    }

    /// A quick necessary condition: the family shares of the completion fit the shown Gini-Simpson, inverse Simpson
    /// and Rao-Stirling (RS = 1 − d·Σpᵢ² − (1 − d)·Σ P_F², each figure within half its last shown digit).
    private func familiesCanGiveShown(_ deltas: [Int]) -> Bool {
        var families = [Int](repeating: 0, count: cells.count)
        for d in counts.indices { families[column[d]] += counts[d] }
        for k in deltas.indices.dropLast() { families[k] += deltas[k] }
        guard families.allSatisfy({ $0 >= 0 }) else { return false }
        let n = Double(families.reduce(0, +))
        guard n > 0 else { return false }
        let familySquares = families.reduce(0.0) { $0 + Double($1 * $1) } / (n * n)
        let slack = 1e-9
        let squaresLow = 1 - target.giniSimpson.upperBound - slack, squaresHigh = 1 - target.giniSimpson.lowerBound + slack
        let d = distance.sameFamily
        let raoLow = target.raoStirling.lowerBound - slack, raoHigh = target.raoStirling.upperBound + slack
        // RS is decreasing in both sums: the widest it can be over the discipline sums' interval.
        let lowest = 1 - d * squaresHigh - (1 - d) * familySquares, highest = 1 - d * squaresLow - (1 - d) * familySquares
        return squaresLow <= squaresHigh && highest >= raoLow && lowest <= raoHigh && familySquares >= squaresLow - slack
    }

    /// People per discipline that move each family by its delta (one or two disciplines of the family take it).
    private func witness(_ deltas: [Int]) -> Bool {
        let families = deltas.indices.dropLast().filter { deltas[$0] != 0 }
        let options = families.map { moves(family: $0, delta: deltas[$0]) }
        if options.contains(where: \.isEmpty) { return false }
        var filled = counts
        var tried = 0
        func search(_ depth: Int) -> Bool {
            if depth == options.count {
                tried += 1
                return gives(filled)
            }
            for move in options[depth] {
                guard tried < Self.witnessBudget else { return false }
                for (d, amount) in move { filled[d] += amount }
                let ok = search(depth + 1)
                for (d, amount) in move { filled[d] -= amount }
                if ok { return true }
            }
            return false
        }
        return search(0)
    }

    /// The ways a family's disciplines take a delta: all on one discipline, or one on one and the rest on another.
    private func moves(family: Int, delta: Int) -> [[(Int, Int)]] {
        let disciplines = column.indices.filter { column[$0] == family }
        let step = delta > 0 ? 1 : -1
        func allows(_ d: Int, _ amount: Int) -> Bool { counts[d] + amount >= 0 }
        var result = disciplines.filter { allows($0, delta) }.map { [($0, delta)] }
        if abs(delta) >= 2 {
            for a in disciplines where allows(a, step) {
                for b in disciplines where b != a && allows(b, delta - step) { result.append([(a, step), (b, delta - step)]) }
            }
        }
        return result
    }

    /// True when these people per discipline give the shown figures and keep the event's disciplines.
    private func gives(_ filled: [Int]) -> Bool {
        let event = filled.indices.filter { filled[$0] > 0 || elsewhere[$0] }.count
        guard event == eventDisciplines else { return false }
        if let shown = target.shown, filled.filter({ $0 > 0 }).count != shown.disciplines { return false }
        // Gini-Simpson first, as DisciplineDistance computes it (cheap, and it rules out most fillings).
        var squares = 0, total = 0
        for count in filled { squares += count * count; total += count }
        guard total > 0 else { return false }
        let gini = 1 - Double(squares) / (Double(total) * Double(total))
        if let shown = target.shown {
            guard BoardDiversity.index(gini) == shown.giniSimpson else { return false }
            return BoardDiversity(counts: filled, family: column, eventDisciplines: eventDisciplines, distance: distance) == shown
        }
        guard target.giniSimpson.contains(gini) else { return false }
        let x = BoardDiversity.exact(counts: filled, family: column, eventDisciplines: eventDisciplines, distance: distance)
        return target.giniSimpson.contains(x.giniSimpson) && target.raoStirling.contains(x.raoStirling) && target.shannon.contains(x.shannon)
    }
}

/// What a reader knows of a session's diversity figures: the figures as shown (rounded), or, for a session whose
/// figures are withheld, the ranges that the means over all sessions leave for them.
struct DiversityTarget {
    var shown: BoardDiversity?
    var giniSimpson: ClosedRange<Double>
    var raoStirling: ClosedRange<Double>
    var shannon: ClosedRange<Double>

    /// The figures as shown: each within half its last digit.
    static func shown(_ d: BoardDiversity) -> DiversityTarget {
        func half(_ x: Double) -> ClosedRange<Double> { (x - 0.005)...(x + 0.005) }
        var gini = half(d.giniSimpson)
        if d.inverseSimpson >= 1 {
            // 1 / Σpᵢ² within half a unit of the shown whole number.
            let low = max(gini.lowerBound, 1 - 1 / (d.inverseSimpson - 0.5)), high = min(gini.upperBound, 1 - 1 / (d.inverseSimpson + 0.5))
            if low <= high { gini = low...high }
        }
        return DiversityTarget(shown: d, giniSimpson: gini, raoStirling: half(d.raoStirling), shannon: half(d.shannon))
    }
}

extension BoardSuppression {
    /// Per session: the diversity figures withheld. Withheld with the session's figures; shown when no count of its
    /// family mix is hidden; else shown only when `DiversityRowAttack` finds every hidden count of the row open (the
    /// session's total shown, the distance known).
    static func diversityWithheld(
        _ counts: Counts, figures: ProtectedFigures, hidden: [Bool], mix: [[Int]], sessions: [Int], sessionWithheld: [Bool],
        maxFamilyShareWithheld: [Bool], protection: SmallCellProtection
    ) -> [Bool] {
        let basis = counts.diversity
        let bounds = SmallCellAttack(values: figures.values, relations: figures.relations, threshold: protection.threshold,
                                     derived: figures.derived, nonZero: figures.nonZero).intervals(hidden)
        return sessions.indices.map { s in
            if sessionWithheld[s] { return true }
            guard s < mix.count, mix[s].contains(where: { hidden[$0] }) else { return false }
            guard !hidden[sessions[s]], let distance = basis.distance, s < basis.counts.count else { return true }
            return !rowAttack(s, counts, figures: figures, bounds: bounds, hidden: hidden, mix: mix, distance: distance,
                              largest: !maxFamilyShareWithheld[s], target: .shown(basis.shown[s])).keepsEveryHiddenCountOpen()
        }
    }

    /// The attack on session `s`'s row with what the board tells of its diversity.
    static func rowAttack(
        _ s: Int, _ counts: Counts, figures: ProtectedFigures, bounds: [(lower: Int, upper: Int)], hidden: [Bool], mix: [[Int]],
        distance: DisciplineDistance, largest: Bool, target: DiversityTarget
    ) -> DiversityRowAttack {
        let basis = counts.diversity
        let elsewhere = basis.column.indices.map { d in basis.counts.indices.contains { $0 != s && basis.counts[$0][d] > 0 } }
        return DiversityRowAttack(
            values: figures.values, relations: figures.relations, bounds: bounds, hidden: hidden, cells: mix[s],
            counts: basis.counts[s], column: basis.column, elsewhere: elsewhere, eventDisciplines: basis.eventDisciplines,
            distance: distance, target: target, largestFamily: largest ? counts.mix[s].dropLast().max() : nil)
    }

    /// Whether the means over all sessions (tonight's mean Shannon, the assignment's mean and lowest Gini-Simpson and
    /// mean Rao-Stirling) are withheld: not when every session shows its figures; else only when, for every session
    /// whose figures are withheld, the ranges the means leave for them (`meanTarget`) still keep each of its hidden
    /// counts open.
    static func meansWithheld(
        _ counts: Counts, figures: ProtectedFigures, hidden: [Bool], mix: [[Int]], sessions: [Int], indicesWithheld: [Bool],
        maxFamilyShareWithheld: [Bool], protection: SmallCellProtection
    ) -> Bool {
        let withheld = indicesWithheld.indices.filter { indicesWithheld[$0] }
        guard !withheld.isEmpty else { return false }
        let basis = counts.diversity
        guard let distance = basis.distance, basis.exact.count == indicesWithheld.count else { return true }
        let bounds = SmallCellAttack(values: figures.values, relations: figures.relations, threshold: protection.threshold,
                                     derived: figures.derived, nonZero: figures.nonZero).intervals(hidden)
        for s in withheld {
            guard s < mix.count, !hidden[sessions[s]], !protection.isSmall(counts.participants[s]),
                  let target = meanTarget(s, basis: basis, withheld: indicesWithheld) else { return true }
            let attack = rowAttack(s, counts, figures: figures, bounds: bounds, hidden: hidden, mix: mix, distance: distance,
                                   largest: !maxFamilyShareWithheld[s], target: target)
            if !attack.keepsEveryHiddenCountOpen() { return true }
        }
        return false
    }

    /// The ranges the shown means leave for withheld session `s`'s figures, taking the other withheld sessions' figures as
    /// known exactly (a reader who knows more can only narrow them further): a mean m of N sessions, shown to two
    /// decimals, puts their sum within N·(m ± 0.005); each shown session's figure lies within its own ± 0.005. The
    /// lowest Gini-Simpson bounds every session's from below, and is the session's own when it is the lowest.
    static func meanTarget(_ s: Int, basis: DiversityBasis, withheld: [Bool]) -> DiversityTarget? {
        let everyone = Array(basis.exact.indices), peopled = basis.exact.indices.filter { basis.exact[$0].participants > 0 }
        func range(_ mean: Double?, over members: [Int], exact: (Int) -> Double, shown: (Int) -> Double) -> ClosedRange<Double>? {
            guard let mean, members.contains(s) else { return -Double.infinity...Double.infinity }
            var low = Double(members.count) * (mean - 0.005), high = Double(members.count) * (mean + 0.005)
            for o in members where o != s {
                let (l, h) = withheld[o] ? (exact(o), exact(o)) : (shown(o) - 0.005, shown(o) + 0.005)
                low -= h
                high -= l
            }
            return low <= high ? low...high : nil
        }
        guard let shannon = range(basis.meanShannon, over: everyone, exact: { basis.exact[$0].shannon }, shown: { basis.shown[$0].shannon }),
              var gini = range(basis.meanGiniSimpson, over: peopled, exact: { basis.exact[$0].giniSimpson }, shown: { basis.shown[$0].giniSimpson }),
              let rao = range(basis.meanRaoStirling, over: peopled, exact: { basis.exact[$0].raoStirling }, shown: { basis.shown[$0].raoStirling })
        else { return nil }
        if let lowest = basis.lowestGiniSimpson, peopled.contains(s) {
            let isLowest = peopled.allSatisfy { basis.exact[$0].giniSimpson >= basis.exact[s].giniSimpson }
            let low = max(gini.lowerBound, lowest - 0.005), high = isLowest ? min(gini.upperBound, lowest + 0.005) : gini.upperBound
            guard low <= high else { return nil }
            gini = low...high
        }
        return DiversityTarget(shown: nil, giniSimpson: gini, raoStirling: rao, shannon: shannon)
    }
}
