/// Small-cell protection for aggregate tables meant for the board (analysts' CSVs stay exact): the threshold and
/// its markers. Primary suppression hides every count `c` with `0 < c < threshold`; which further figures are hidden
/// (secondary suppression) is decided for the whole board by `ProtectedFigures`.
public struct SmallCellProtection: Sendable, Hashable {
    /// Counts below this are hidden; 0 or 1 switches protection off.
    public var threshold: Int

    /// Creates the protection for a threshold.
    public init(threshold: Int) {
        self.threshold = threshold
    }

    /// True when a single count is below the threshold (primary suppression).
    public func isSmall(_ count: Int) -> Bool {
        threshold > 1 && count > 0 && count < threshold
    }

    /// The text shown for a hidden count, e.g. "<5".
    public var hiddenLabel: String { "<\(threshold)" }
}

extension SmallCellProtection {
    /// The marker of a figure hidden so that a hidden count cannot be recovered from it ("x", as Statistics
    /// Netherlands marks confidential figures); never used for a count below the threshold.
    public var secondaryLabel: String { "x" }

    /// The marker of a hidden count: "<5" below the threshold (a hidden zero too), else the secondary marker.
    public func marker(for count: Int) -> String {
        count >= 0 && count < threshold ? hiddenLabel : secondaryLabel
    }
}

/// The published counts of a workbook and the sums between them that a reader can see or infer, across sheets;
/// decides which counts to hide so that none of the hidden ones can be worked out.
///
/// Primary suppression hides every count `0 < c < threshold`. Then the counts are attacked as a reader would:
/// every hidden count gets an interval (shown as "<5": `0…threshold-1`, since a zero that would let a reader
/// count up to a total is hidden as "<5" too; shown as "x": `threshold…`), and the sums narrow the intervals (subtraction, bounds) until nothing changes; a Gaussian
/// elimination over the hidden counts finds any count that a combination of the sums fixes. While some hidden
/// count is fixed, the smallest visible non-zero count of a sum that holds it is hidden too (secondary).
struct ProtectedFigures {
    private(set) var values: [Int] = []
    /// Figures a reader can work out but that are not shown as counts (the numerator of a share): hidden only to
    /// protect others, never for being small.
    private(set) var derived: Set<Int> = []
    /// Figures of the whole event (registrants, assigned, waitlisted, cancelled, rows read, rejected, merged, the
    /// changes and data-quality counts, earlier runs): about no small group of people, always shown; never hidden
    /// for being small nor to protect another figure.
    private(set) var open: Set<Int> = []
    /// Figures hidden whatever their value: an earlier board hid them and a reader can tell they did not change
    /// (shown tonight, they would give that board's hidden count away).
    private(set) var forced: Set<Int> = []
    /// Each relation: coefficients (+1 / -1) per figure, summing to zero.
    private(set) var relations: [[(figure: Int, coefficient: Int)]] = []

    /// Adds a published count; returns its id.
    mutating func add(_ value: Int) -> Int {
        values.append(value)
        return values.count - 1
    }

    /// Adds a count that a shown share gives away (share × a shown total); returns its id.
    mutating func addDerived(_ value: Int) -> Int {
        let id = add(value)
        derived.insert(id)
        return id
    }

    /// Adds a count of the whole event, always shown (see `open`); returns its id.
    mutating func addOpen(_ value: Int) -> Int {
        let id = add(value)
        open.insert(id)
        return id
    }

    /// Hides a figure whatever its value (see `forced`).
    mutating func force(_ id: Int) {
        forced.insert(id)
    }

    /// Figures a reader knows from an earlier board (see `markKnown`).
    private(set) var knownEarlier: Set<Int> = []
    /// Figures a reader knows are not 0 (see `markNonZero`).
    private(set) var nonZero: Set<Int> = []

    /// Records that a reader knows a figure is not 0 (a shown lowest keyword match says its column holds somebody):
    /// hidden as "<5", it is then one of 1…4, not 0…4.
    mutating func markNonZero(_ id: Int) {
        if values[id] > 0 { nonZero.insert(id) }
    }

    /// Shows a figure a reader already knows from an earlier board: never hidden, never hidden to protect another
    /// (hiding it would protect nothing), and counted as shown by the attack.
    mutating func markKnown(_ id: Int) {
        open.insert(id)
        knownEarlier.insert(id)
    }

    /// Records that the figures `totals` add up to the same as `parts` (a reader can check or guess that), when it holds.
    mutating func relate(_ totals: [Int], _ parts: [Int]) {
        let left = totals.reduce(0) { $0 + values[$1] }, right = parts.reduce(0) { $0 + values[$1] }
        guard left == right, !(totals.isEmpty && parts.isEmpty) else { return }
        var coefficients: [Int: Int] = [:]
        for t in totals { coefficients[t, default: 0] += 1 }
        for p in parts { coefficients[p, default: 0] -= 1 }
        let relation = coefficients.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { (figure: $0.key, coefficient: $0.value) }
        // A single figure is one the reader knows is 0 (e.g. no diagnostic of that kind is listed).
        if !relation.isEmpty { relations.append(relation) }
    }

    /// Which figures to hide (primary and secondary) under the protection.
    func hidden(_ protection: SmallCellProtection) -> [Bool] {
        var hidden = values.indices.map {
            forced.contains($0) || (!derived.contains($0) && !open.contains($0) && protection.isSmall(values[$0]))
        }
        guard protection.threshold > 1 else { return hidden }
        // Counts that figures known from an earlier board give back, shown after all (see below).
        var givenBack: Set<Int> = []
        for _ in 0..<values.count {
            let attack = SmallCellAttack(
                values: values, relations: relations, threshold: protection.threshold, derived: derived, nonZero: nonZero)
            // A withheld share that the other figures give back tells nothing they do not: only counts are protected.
            guard let target = attack.recovered(hidden).first(where: { !derived.contains($0) }) else { break }
            // A count hidden only to protect others that no figure of its own sums can protect any more (they are
            // known from an earlier board): hiding it protects nothing; shown, the others are protected against it.
            if !knownEarlier.isEmpty, !forced.contains(target), !protection.isSmall(values[target]),
               partner(for: target, hidden, excluding: givenBack, holdingOnly: true) == nil {
                hidden[target] = false
                givenBack.insert(target)
                continue
            }
            guard let next = partner(for: target, hidden, excluding: givenBack) else { break }
            hidden[next] = true
        }
        return hidden
    }

    /// The figure to hide next to protect `target`: a visible derived figure of a relation holding it or any hidden
    /// figure, else the smallest visible non-zero figure of a relation holding it (the relation with the fewest
    /// hidden figures first), else of any relation holding a hidden figure.
    private func partner(for target: Int, _ hidden: [Bool], excluding given: Set<Int> = [], holdingOnly: Bool = false) -> Int? {
        let known = Set(relations.filter { $0.count == 1 }.map { $0[0].figure }).union(open).union(given)
        func smallestVisible(_ relation: [(figure: Int, coefficient: Int)]) -> Int? {
            let visible = relation.map(\.figure).filter { !hidden[$0] && !known.contains($0) }
            // A non-zero count first; a zero (shown as "<5" then) only when nothing else is left.
            return visible.filter { values[$0] > 0 }.min { (values[$0], $0) < (values[$1], $1) }
                ?? visible.min { $0 < $1 }
        }
        let holding = relations.filter { $0.contains { $0.figure == target } }
            .sorted { $0.filter { hidden[$0.figure] }.count < $1.filter { hidden[$0.figure] }.count }
        // A derived count first (withholding a share costs the reader less than hiding a count), in a relation
        // holding the target, else in any relation holding a hidden figure.
        func visibleDerived(_ relation: [(figure: Int, coefficient: Int)]) -> Int? {
            relation.map(\.figure).first { derived.contains($0) && !hidden[$0] && !known.contains($0) }
        }
        for relation in holding { if let f = visibleDerived(relation) { return f } }
        if holdingOnly {
            for relation in holding { if let f = smallestVisible(relation) { return f } }
            return nil
        }
        for relation in relations where relation.contains(where: { hidden[$0.figure] }) {
            if let f = visibleDerived(relation) { return f }
        }
        for relation in holding { if let f = smallestVisible(relation) { return f } }
        for relation in relations where relation.contains(where: { hidden[$0.figure] }) {
            if let f = smallestVisible(relation) { return f }
        }
        return nil
    }
}

/// A reader's attack on hidden counts: intervals narrowed through the published sums, and linear elimination.
struct SmallCellAttack {
    let values: [Int]
    let relations: [[(figure: Int, coefficient: Int)]]
    let threshold: Int
    /// Figures never shown as counts (a withheld share): hidden, the reader knows only that they are not negative.
    var derived: Set<Int> = []
    /// Figures the reader knows are not 0 (see `ProtectedFigures.markNonZero`).
    var nonZero: Set<Int> = []
    static let unbounded = 1 << 40

    /// The hidden figures a reader can work out exactly.
    func recovered(_ hidden: [Bool]) -> [Int] {
        let bounds = intervals(hidden)
        var fixed = Set(hidden.indices.filter { hidden[$0] && bounds[$0].lower == bounds[$0].upper })
        fixed.formUnion(determinedByElimination(hidden))
        return fixed.sorted()
    }

    /// Each figure's interval after narrowing through the sums (a visible figure is its own value).
    func intervals(_ hidden: [Bool]) -> [(lower: Int, upper: Int)] {
        var bounds = values.indices.map { i -> (lower: Int, upper: Int) in
            guard hidden[i] else { return (values[i], values[i]) }
            if derived.contains(i) { return (0, Self.unbounded) }
            // "<5" says 0…4 (a zero is hidden as "<5" too where a reader could otherwise count up to a total), or
            // 1…4 for a figure the reader knows is not 0.
            return values[i] < threshold ? (nonZero.contains(i) ? 1 : 0, threshold - 1) : (threshold, Self.unbounded)
        }
        var changed = true
        var rounds = 0
        while changed && rounds < 200 {
            changed = false
            rounds += 1
            for relation in relations {
                // Σ c·x = 0, so c_j·x_j = -Σ_{i≠j} c_i·x_i.
                var low = 0, high = 0
                for (f, c) in relation {
                    low += c > 0 ? c * bounds[f].lower : c * bounds[f].upper
                    high += c > 0 ? c * bounds[f].upper : c * bounds[f].lower
                }
                for (f, c) in relation where hidden[f] && abs(c) == 1 {
                    let ownLow = c > 0 ? c * bounds[f].lower : c * bounds[f].upper
                    let ownHigh = c > 0 ? c * bounds[f].upper : c * bounds[f].lower
                    // Range of -Σ_{i≠j}: [-(high - ownHigh), -(low - ownLow)], divided by c (±1).
                    let restLow = -(high - ownHigh), restHigh = -(low - ownLow)
                    let (newLow, newHigh) = c > 0 ? (restLow, restHigh) : (-restHigh, -restLow)
                    let lower = max(bounds[f].lower, min(newLow, Self.unbounded)), upper = min(bounds[f].upper, max(newHigh, -Self.unbounded))
                    if lower > bounds[f].lower || upper < bounds[f].upper {
                        bounds[f] = (lower, max(lower, upper))
                        changed = true
                    }
                }
            }
        }
        return bounds
    }

    /// Hidden figures fixed by the sums alone: unit rows of the reduced row echelon form over the hidden figures.
    func determinedByElimination(_ hidden: [Bool]) -> [Int] {
        let unknowns = hidden.indices.filter { hidden[$0] }
        guard !unknowns.isEmpty else { return [] }
        let column = Dictionary(uniqueKeysWithValues: unknowns.enumerated().map { ($1, $0) })
        var rows: [[Double]] = relations.compactMap { relation in
            var row = [Double](repeating: 0, count: unknowns.count)
            var any = false
            for (f, c) in relation { if let k = column[f] { row[k] += Double(c); any = true } }
            return any ? row : nil
        }
        var pivotRow = 0
        var pivots: [(row: Int, column: Int)] = []
        for k in 0..<unknowns.count where pivotRow < rows.count {
            guard let best = (pivotRow..<rows.count).max(by: { abs(rows[$0][k]) < abs(rows[$1][k]) }), abs(rows[best][k]) > 1e-9 else { continue }
            rows.swapAt(pivotRow, best)
            let p = rows[pivotRow][k]
            for j in 0..<unknowns.count { rows[pivotRow][j] /= p }
            for r in 0..<rows.count where r != pivotRow && abs(rows[r][k]) > 1e-12 {
                let factor = rows[r][k]
                for j in 0..<unknowns.count { rows[r][j] -= factor * rows[pivotRow][j] }
            }
            pivots.append((pivotRow, k))
            pivotRow += 1
        }
        return pivots.filter { pivot in
            (0..<unknowns.count).allSatisfy { $0 == pivot.column || abs(rows[pivot.row][$0]) < 1e-9 }
        }.map { unknowns[$0.column] }
    }
}
