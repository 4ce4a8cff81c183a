/// A figure as a published board showed it: its value, or the marker it showed in its place.
public enum ShownFigure: Sendable, Hashable, Codable {
    /// Shown as this value.
    case value(Double)
    /// Withheld: the board showed this marker ("x", or "<5" for a small count) instead.
    case withheld(marker: String)

    /// The marker of a figure whose board is not known to have shown it (see `BoardTrendRow.unrecorded`).
    public static let unknownMarker = "x"

    /// The value, when shown.
    public var shownValue: Double? {
        if case .value(let value) = self { return value }
        return nil
    }
}

/// A run's row of the board's trend sheet as that run's own board showed it: what a later board's trend repeats
/// for that run, so that a figure withheld that night is never shown on a later night.
public struct BoardTrendRow: Sendable, Hashable, Codable {
    public var registrants: ShownFigure
    public var assigned: ShownFigure
    public var waitlisted: ShownFigure
    /// Mean Shannon diversity over the sessions.
    public var meanShannon: ShownFigure

    /// Creates a row.
    public init(registrants: ShownFigure, assigned: ShownFigure, waitlisted: ShownFigure, meanShannon: ShownFigure) {
        self.registrants = registrants
        self.assigned = assigned
        self.waitlisted = waitlisted
        self.meanShannon = meanShannon
    }

    /// The row of a run whose board was not recorded (an older state): every figure withheld, none guessed.
    public static let unrecorded = BoardTrendRow(
        registrants: .withheld(marker: ShownFigure.unknownMarker), assigned: .withheld(marker: ShownFigure.unknownMarker),
        waitlisted: .withheld(marker: ShownFigure.unknownMarker), meanShannon: .withheld(marker: ShownFigure.unknownMarker))

    /// The names of the figures (as the state database stores them), in the trend sheet's column order.
    public static let names = ["registrants", "assigned", "waitlisted", "meanShannon"]

    /// The figures in the order of `names`.
    public var figures: [ShownFigure] { [registrants, assigned, waitlisted, meanShannon] }

    /// A row from figures by name; a figure missing from `named` is withheld (never guessed).
    public init(named: [String: ShownFigure]) {
        let figure = { (name: String) in named[name] ?? .withheld(marker: ShownFigure.unknownMarker) }
        self.init(registrants: figure("registrants"), assigned: figure("assigned"), waitlisted: figure("waitlisted"),
                  meanShannon: figure("meanShannon"))
    }
}
