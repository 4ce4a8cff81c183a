/// One cell of a run's board family mix as that board showed it: the session, the cell (a family, the unknown
/// discipline or the session's total), the exact count and whether the board hid it. The next night keeps the
/// cells hidden and shown as they were in a session whose mix did not change (otherwise a reader of both boards
/// would read tonight's hidden counts off last night's board, or last night's off tonight's).
public struct BoardMixCell: Sendable, Hashable, Codable {
    /// Which cell of a session's row.
    public enum Column: Sendable, Hashable, Codable {
        case family(String)
        case unknown
        case total

        /// The column as the state stores it ("family:<id>", "unknown", "total").
        public var key: String {
            switch self {
            case .family(let id): "family:\(id)"
            case .unknown: "unknown"
            case .total: "total"
            }
        }

        /// The column of a stored key (nil for a key this version does not know).
        public init?(key: String) {
            if key == "unknown" {
                self = .unknown
            } else if key == "total" {
                self = .total
            } else if key.hasPrefix("family:") {
                self = .family(String(key.dropFirst("family:".count)))
            } else {
                return nil
            }
        }
    }

    public var session: Int
    public var column: Column
    public var count: Int
    public var hidden: Bool

    /// Creates a cell.
    public init(session: Int, column: Column, count: Int, hidden: Bool) {
        self.session = session
        self.column = column
        self.count = count
        self.hidden = hidden
    }
}
