import Foundation
import WerksessiesModel

/// The board's trend sheet: one row per run, each as that run's own board showed it (recorded in the state), so
/// that a figure an earlier board withheld is never shown by a later one; tonight's row as tonight's suppression
/// decides.
struct BoardTrend {
    /// A run's row: its id, its start and its figures as shown.
    struct Run {
        var runID: String
        var startedAt: Date
        var shown: BoardTrendRow
    }

    /// Earlier runs first, tonight's last.
    let runs: [Run]
    /// True when an earlier run's board was not recorded (its figures are withheld: the note says why).
    let hasUnrecorded: Bool

    /// The trend of a board: the history's recorded rows, and tonight's (`tonight(_:hide:)`).
    init(_ context: ReportContext, counts: BoardSuppression.Counts, hide: BoardSuppression) {
        let manifest = context.bundle.manifest
        let earlier = context.bundle.history.filter { $0.runID != manifest.runID }
        runs = earlier.map { Run(runID: $0.runID, startedAt: $0.startedAt, shown: $0.board ?? .unrecorded) }
            + [Run(runID: manifest.runID, startedAt: manifest.startedAt, shown: Self.tonight(context, counts: counts, hide: hide))]
        hasUnrecorded = earlier.contains { $0.board == nil }
    }

    /// Tonight's row as the board shows it: About's counts (hidden where About hides them) and the mean Shannon
    /// over every session to two decimals, withheld when a session's index is (it would give that index away).
    static func tonight(_ context: ReportContext, counts: BoardSuppression.Counts, hide: BoardSuppression) -> BoardTrendRow {
        let protection = context.protection
        func count(_ n: Int, _ hidden: Bool) -> ShownFigure {
            hidden ? .withheld(marker: protection.marker(for: n)) : .value(Double(n))
        }
        let mean = meanShannon(context.bundle.metrics)
        return BoardTrendRow(
            registrants: count(counts.about.registrants, hide.about.registrants),
            assigned: count(counts.about.assigned, hide.about.assigned),
            waitlisted: count(counts.about.waitlisted, hide.about.waitlisted),
            meanShannon: hide.indexMeansWithheld ? .withheld(marker: protection.secondaryLabel) : .value(BoardDiversity.mean(mean)))
    }

    /// The mean Shannon over every session (unrounded).
    static func meanShannon(_ metrics: RunMetrics) -> Double {
        let shannons = metrics.sessions.map(\.shannon)
        return shannons.isEmpty ? 0 : shannons.reduce(0, +) / Double(shannons.count)
    }

    /// A count's cell: its value, or the marker its board showed ("<N" when that is tonight's small-count
    /// marker, else the secondary marker).
    static func countCell(_ figure: ShownFigure, _ protection: SmallCellProtection) -> ReportCell {
        switch figure {
        case .value(let value): .count(Int(value.rounded()), hidden: false)
        case .withheld(let marker): marker == protection.hiddenLabel ? .count(0, hidden: true) : .withheld
        }
    }

    /// An index's cell: its value (two decimals), or the secondary marker.
    static func indexCell(_ figure: ShownFigure) -> ReportCell {
        figure.shownValue.map(ReportCell.decimal) ?? .withheld
    }
}
