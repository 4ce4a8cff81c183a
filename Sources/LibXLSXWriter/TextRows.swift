/// Rows of text cells prepared once — cleaned for XML, cut to Excel's limit, NUL-terminated in one
/// buffer — and then written to any number of sheets (of any workbooks, on any threads) without
/// touching Swift strings again.
public struct TextRows: Sendable {
    /// Cells per row.
    public let columns: Int
    /// The cells' bytes, each cell NUL-terminated.
    var bytes: [UInt8] = []
    /// Start of each cell in `bytes`, row by row; -1 for an empty cell (nothing is written).
    var starts: [Int] = []
    /// Row height in points per row; 0 for the default height.
    var heights: [Double] = []
    /// Start in `bytes` of each cell's link URL, row by row; -1 for a plain cell.
    var links: [Int] = []
    /// The number of link cells.
    public private(set) var linkCount = 0

    /// Creates an empty block of rows with `columns` cells each.
    public init(columns: Int) {
        self.columns = columns
    }

    /// The number of rows.
    public var rowCount: Int { heights.count }

    /// Reserves room for `rows` rows of about `bytesPerRow` bytes.
    public mutating func reserve(rows: Int, bytesPerRow: Int) {
        bytes.reserveCapacity(rows * bytesPerRow)
        starts.reserveCapacity(rows * columns)
        links.reserveCapacity(rows * columns)
        heights.reserveCapacity(rows)
    }

    /// Appends a row of `columns` texts (missing ones are empty), with a row height (0 = default).
    public mutating func append(_ cells: [String], height: Double = 0) {
        for c in 0..<columns { appendCell(c < cells.count ? cells[c] : "") }
        endRow(height: height)
    }

    /// Appends the next cell of the current row (cells beyond `columns` are not allowed; see `endRow`).
    public mutating func appendCell(_ text: String) {
        links.append(-1)
        if text.isEmpty {
            starts.append(-1)
            return
        }
        starts.append(appendText(text))
    }

    /// Appends the next cell of the current row as a link showing `text` (e.g. an address and its `mailto:` URL).
    public mutating func appendLink(_ text: String, url: String) {
        guard !text.isEmpty, !url.isEmpty else { return appendCell(text) }
        starts.append(appendText(text))
        links.append(appendText(url))
        linkCount += 1
    }

    private mutating func appendText(_ text: String) -> Int {
        let start = bytes.count
        let clean = text.utf8.count <= Worksheet.maxStringLength && !XMLText.needsCleaning(text)
        bytes.append(contentsOf: clean ? text.utf8 : Worksheet.cleaned(text).utf8)
        bytes.append(0)
        return start
    }

    /// Ends the current row (missing cells are empty) with its height in points (0: the default).
    public mutating func endRow(height: Double = 0) {
        let expected = (heights.count + 1) * columns
        precondition(starts.count <= expected, "more cells than columns in a row")
        while starts.count < expected {
            starts.append(-1)
            links.append(-1)
        }
        heights.append(height)
    }
}
