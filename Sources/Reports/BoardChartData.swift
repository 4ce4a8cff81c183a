import Foundation
import LibXLSXWriter
import WerksessiesModel

/// The board's chart series on a sheet of their own, so that a chart never plots a hidden count: hidden values are
/// left out (a gap, never a 0), small groups are combined into "overig" when that adds nothing a reader could not
/// already work out, and categories whose figures are withheld are not plotted.
struct BoardChartData {
    /// One chart's data: categories down, series across (`nil`: not plotted).
    struct Block {
        var categories: [String]
        var series: [(name: String, values: [Double?])]
    }

    let sheetName: String
    private(set) var blocks: [(row: Int, block: Block)] = []
    private var nextRow = 0

    init(sheetName: String) { self.sheetName = sheetName }

    /// Plans a block; returns the ranges of its categories and of each series (nil when it has no categories).
    mutating func add(_ block: Block) -> (categories: CellRange, series: [(name: String, values: CellRange)])? {
        guard !block.categories.isEmpty, !block.series.isEmpty else { return nil }
        let first = nextRow
        blocks.append((first, block))
        nextRow += block.categories.count + 2
        let last = first + block.categories.count
        let categories = CellRange(sheet: sheetName, firstRow: first + 1, firstColumn: 0, lastRow: last, lastColumn: 0)
        let series = block.series.enumerated().map { k, s in
            (name: s.name, values: CellRange(sheet: sheetName, firstRow: first + 1, firstColumn: k + 1, lastRow: last, lastColumn: k + 1))
        }
        return (categories, series)
    }

    /// Writes the planned blocks on their sheet (added last, so the other sheets keep their places).
    /// `page` sets the sheet's print layout (the board's: fit to width, its footer).
    func write(_ workbook: Workbook, styles: ReportStyles, note: String, page: (Worksheet) throws -> Void) throws {
        guard !blocks.isEmpty else { return }
        let sheet = try workbook.addWorksheet(sheetName)
        try sheet.setColumns(0, 0, width: 24)
        // Series names such as "Natuur, landschap en water" wrap within their column, never across a word.
        let columns = blocks.map(\.block.series.count).max() ?? 0
        if columns > 0 { try sheet.setColumns(1, columns, width: 16) }
        for (row, block) in blocks {
            // Counts as whole numbers ("470", not "470.00"); shares (never above 1) and other fractions in decimals.
            let values = block.series.flatMap { $0.values.compactMap { $0 } }
            let counts = values.allSatisfy { $0 == $0.rounded() } && values.contains { $0 > 1 }
            let format = counts ? styles.integer : styles.decimal
            try sheet.setRow(row, height: TableWriter.headerHeight(block.series.map { ReportColumn(header: $0.name, width: 16) }))
            try sheet.write(row, 0, "", styles.header)
            for (k, s) in block.series.enumerated() { try sheet.write(row, k + 1, s.name, styles.header) }
            for (r, category) in block.categories.enumerated() {
                try sheet.write(row + 1 + r, 0, category, styles.text)
                for (k, s) in block.series.enumerated() {
                    if let value = s.values[r] { try sheet.write(row + 1 + r, k + 1, number: value, format) }
                }
            }
        }
        try TableWriter(sheet: sheet, styles: styles, timeZone: TimeZone(secondsFromGMT: 0)!, protection: SmallCellProtection(threshold: 1))
            .note(note, row: nextRow, under: [ReportColumn(header: "", width: 24)] + Array(repeating: ReportColumn(header: "", width: 16), count: max(columns, 3)))
        try page(sheet)
    }
}

extension Reports {
    /// The family mix for its chart: in each session the families with a hidden count are not plotted (a gap,
    /// never a zero) but combined into "overig" (the session's total minus the families shown, which a reader can
    /// already work out from the table); a family hidden in every session is no series at all; sessions with a
    /// hidden total are left out. (Combining a family everywhere once it is hidden anywhere turned a small event's
    /// whole chart into "overig".)
    static func familyMixChart(
        _ mix: [[Int]], totals: [Int], hidden: BoardSuppression, labels: [String], sessions: [String], other: String
    ) -> BoardChartData.Block {
        let shownSessions = sessions.indices.filter { !hidden.participants[$0] }
        let plotted = labels.indices.filter { f in shownSessions.contains { !hidden.mix[$0][f] } }
        var series: [(name: String, values: [Double?])] = plotted.map { f in
            (labels[f], shownSessions.map { s in hidden.mix[s][f] ? nil : Double(mix[s][f]) })
        }
        let combined: [Double?] = shownSessions.map { s in
            guard labels.indices.contains(where: { hidden.mix[s][$0] }) else { return nil }
            let shown = labels.indices.filter { !hidden.mix[s][$0] }.reduce(0) { $0 + mix[s][$1] }
            return Double(totals[s] - shown)
        }
        if combined.contains(where: { $0 != nil }) { series.append((other, combined)) }
        return BoardChartData.Block(categories: shownSessions.map { sessions[$0] }, series: series)
    }

    /// The event's rank profile for its chart: hidden ranks combined into "overig" when the row's participants and
    /// waitlisted are shown (then that sum can be worked out anyway), else left out.
    static func rankChart(
        _ q: QualityFigures, ranks: Int, hiddenCounts: QualityCounts<Bool>, participantsShown: Bool, labels: [String], name: String, other: String
    ) -> BoardChartData.Block {
        let values = QualityCounts(q, ranks: ranks).ranks
        let shown = values.indices.filter { !hiddenCounts.ranks[$0] }
        var categories = shown.map { labels[$0] }
        var plotted: [Double?] = shown.map { Double(values[$0]) }
        let hiddenSum = values.indices.filter { hiddenCounts.ranks[$0] }.reduce(0) { $0 + values[$1] }
        if shown.count < values.count, participantsShown, !hiddenCounts.waitlisted, q.participants == q.waitlisted + values.reduce(0, +) {
            categories.append(other)
            plotted.append(Double(hiddenSum))
        }
        return BoardChartData.Block(categories: categories, series: [(name, plotted)])
    }
}
