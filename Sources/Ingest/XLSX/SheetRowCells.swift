import LibCSV

/// Where `XLSXPackage.readRows` puts the cells of the row being read: as strings, or as bytes for the row builders.
protocol SheetRowCells {
    /// True while the row has no cell.
    var isEmpty: Bool { get }
    /// Sets a cell (0-based column; the gaps before it are empty cells, a later value of a column replaces the earlier).
    mutating func set(_ column: Int, _ value: String)
    /// Sets a cell to cell text bytes, with `_xHHHH_` escapes decoded (as `XLSXPackage.makeString`).
    mutating func set(_ column: Int, cellText: [UInt8])
    /// Empties the row.
    mutating func removeAll()
}

extension SheetRowCells {
    /// Puts `value` at `column` of `cells`, filling the gap before it with `empty`.
    static func place<Value>(_ value: Value, at column: Int, in cells: inout [Value], empty: Value) {
        if column >= cells.count {
            if column > cells.count { cells.append(contentsOf: repeatElement(empty, count: column - cells.count)) }
            cells.append(value)
        } else {
            cells[column] = value
        }
    }
}

/// The cells of a row as strings (values as displayed).
struct StringRowCells: SheetRowCells {
    private(set) var cells: [String] = []

    var isEmpty: Bool { cells.isEmpty }

    mutating func set(_ column: Int, _ value: String) { Self.place(value, at: column, in: &cells, empty: "") }

    mutating func set(_ column: Int, cellText: [UInt8]) { set(column, XLSXPackage.makeString(cellText)) }

    mutating func removeAll() { cells.removeAll(keepingCapacity: true) }
}

/// The cells of a row as UTF-8 bytes, appended row by row to a `CSVRecords`: no `String` is made on the
/// reading thread for text cells, only by the row builders for the values they use.
struct ByteRowCells: SheetRowCells {
    /// The rows completed so far.
    private(set) var batch = CSVRecords()
    /// The bytes of the row being read, and the range of each of its cells in them.
    private var bytes: [UInt8] = []
    private var ranges: [Range<Int>] = []

    var isEmpty: Bool { ranges.isEmpty }

    mutating func set(_ column: Int, _ value: String) {
        let start = bytes.count
        bytes.append(contentsOf: value.utf8)
        Self.place(start..<bytes.count, at: column, in: &ranges, empty: start..<start)
    }

    mutating func set(_ column: Int, cellText: [UInt8]) {
        let start = bytes.count
        if OOXMLEscapes.mayContain(cellText) {
            bytes.append(contentsOf: OOXMLEscapes.decode(cellText))
        } else {
            bytes.append(contentsOf: cellText)
        }
        Self.place(start..<bytes.count, at: column, in: &ranges, empty: start..<start)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
    }

    /// Appends the row (with its row number) to the batch; returns the rows in the batch.
    mutating func appendRow(_ row: Int) -> Int {
        batch.append(fields: ranges, of: bytes, row: row)
        return batch.count
    }

    /// The completed rows; the next batch starts empty with room for as many.
    mutating func takeBatch() -> CSVRecords { batch.take() }
}
