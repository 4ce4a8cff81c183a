/// Small-cell protection for aggregate tables meant for the board (analysts' CSVs stay exact).
///
/// Primary suppression hides every count `c` with `0 < c < threshold` (zeros stay visible: they
/// reveal nobody). Secondary suppression then makes sure no hidden count can be recovered by
/// subtraction from a line total: whenever a row (or column, when protected) has exactly one hidden
/// cell, the next-smallest visible non-zero cell of that line is hidden too; this repeats until
/// nothing changes. A line whose single hidden cell has no partner left gets its total hidden.
public struct SmallCellProtection: Sendable, Hashable {
    /// Counts below this are hidden; 0 or 1 switches protection off.
    public var threshold: Int

    /// Creates the protection for a threshold.
    public init(threshold: Int) {
        self.threshold = threshold
    }

    /// Which cells and line totals of a table to hide.
    public struct Mask: Sendable, Hashable {
        /// `cells[r][c]` is true when that count is hidden.
        public var cells: [[Bool]]
        /// True when the total of row `r` must be hidden as well.
        public var rowTotals: [Bool]
        /// True when the total of column `c` must be hidden as well.
        public var columnTotals: [Bool]
    }

    /// True when a single count is below the threshold (primary suppression).
    public func isSmall(_ count: Int) -> Bool {
        threshold > 1 && count > 0 && count < threshold
    }

    /// The text shown for a hidden count, e.g. "<5".
    public var hiddenLabel: String { "<\(threshold)" }

    /// Computes primary and secondary suppression for a table of counts (rows may differ in length).
    /// `rows` / `columns` say whether row / column totals are published and must be protected.
    public func mask(_ table: [[Int]], rows: Bool = true, columns: Bool = true) -> Mask {
        var hidden = table.map { $0.map(isSmall) }
        let columnCount = table.map(\.count).max() ?? 0
        guard threshold > 1 else {
            return Mask(cells: hidden, rowTotals: table.map { _ in false }, columnTotals: Array(repeating: false, count: columnCount))
        }
        // Lines as lists of (row, column) coordinates.
        var lines: [[(Int, Int)]] = []
        if rows {
            for r in table.indices { lines.append(table[r].indices.map { (r, $0) }) }
        }
        if columns {
            for c in 0..<columnCount {
                lines.append(table.indices.filter { c < table[$0].count }.map { ($0, c) })
            }
        }
        var changed = true
        while changed {
            changed = false
            for line in lines {
                let hiddenInLine = line.filter { hidden[$0.0][$0.1] }.count
                guard hiddenInLine == 1 else { continue }
                var best: (Int, Int)?
                for (r, c) in line where !hidden[r][c] && table[r][c] > 0 {
                    if let b = best, table[b.0][b.1] <= table[r][c] { continue }
                    best = (r, c)
                }
                if let (r, c) = best {
                    hidden[r][c] = true
                    changed = true
                }
            }
        }
        let rowTotals = table.indices.map { r in rows && hidden[r].filter { $0 }.count == 1 }
        let columnTotals = (0..<columnCount).map { c in
            columns && table.indices.filter { c < table[$0].count && hidden[$0][c] }.count == 1
        }
        return Mask(cells: hidden, rowTotals: rowTotals, columnTotals: columnTotals)
    }

    /// A single column of counts whose total is published (e.g. participants per session).
    public func mask(column counts: [Int]) -> [Bool] {
        mask(counts.map { [$0] }, rows: false, columns: true).cells.map { $0[0] }
    }

    /// Cells with primary suppression only (for tables without published totals).
    public func primaryMask(_ table: [[Int]]) -> [[Bool]] {
        table.map { $0.map(isSmall) }
    }
}

extension SmallCellProtection {
    /// The marker of a figure hidden so that a hidden count cannot be recovered from it ("x", as Statistics
    /// Netherlands marks confidential figures); never used for a count below the threshold.
    public var secondaryLabel: String { "x" }
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
    /// Each relation: coefficients (+1 / -1) per figure, summing to zero.
    private(set) var relations: [[(figure: Int, coefficient: Int)]] = []

    /// Adds a published count; returns its id.
    mutating func add(_ value: Int) -> Int {
        values.append(value)
        return values.count - 1
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
        var hidden = values.map(protection.isSmall)
        guard protection.threshold > 1 else { return hidden }
        for _ in 0..<values.count {
            let fixed = SmallCellAttack(values: values, relations: relations, threshold: protection.threshold).recovered(hidden)
            guard let target = fixed.first else { break }
            guard let next = partner(for: target, hidden) else { break }
            hidden[next] = true
        }
        return hidden
    }

    /// The figure to hide next to protect `target`: the smallest visible non-zero figure of a relation holding it
    /// (the relation with the fewest hidden figures first), else of any relation holding a hidden figure.
    private func partner(for target: Int, _ hidden: [Bool]) -> Int? {
        let known = Set(relations.filter { $0.count == 1 }.map { $0[0].figure })
        func smallestVisible(_ relation: [(figure: Int, coefficient: Int)]) -> Int? {
            let visible = relation.map(\.figure).filter { !hidden[$0] && !known.contains($0) }
            // A non-zero count first; a zero (shown as "<5" then) only when nothing else is left.
            return visible.filter { values[$0] > 0 }.min { (values[$0], $0) < (values[$1], $1) }
                ?? visible.min { $0 < $1 }
        }
        let holding = relations.filter { $0.contains { $0.figure == target } }
            .sorted { $0.filter { hidden[$0.figure] }.count < $1.filter { hidden[$0.figure] }.count }
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
            // "<5" says 0…4 (a zero is hidden as "<5" too where a reader could otherwise count up to a total).
            return values[i] < threshold ? (0, threshold - 1) : (threshold, Self.unbounded)
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
