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
