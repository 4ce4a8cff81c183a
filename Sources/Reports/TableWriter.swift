import LibXLSXWriter
import Foundation

/// A cell of a report table, with its kind deciding the number format.
enum ReportCell: Sendable {
    /// Text, always written as a string.
    case text(String)
    /// A short answer centred in its column ("ja", "nee"), apart from the numbers beside it.
    case answer(String)
    /// Bold text (row labels, totals), wrapped when longer than its column.
    case strong(String)
    /// Wrapped text (long descriptions).
    case long(String)
    /// A whole number.
    case int(Int)
    /// A count under small-cell protection: shown as "<N" when hidden.
    case count(Int, hidden: Bool)
    /// A share, shown as 0.0%.
    case percent(Double)
    /// An index, shown as 0.000.
    case index(Double)
    /// A mean, shown as 0.00.
    case decimal(Double)
    /// A date-time.
    case date(Date)
    /// Nothing.
    case empty
}

/// The formats of one workbook.
struct ReportStyles {
    let header: Format
    let text: Format
    let strong: Format
    let long: Format
    let integer: Format
    let integerLeft: Format
    let hidden: Format
    let percent: Format
    let index: Format
    let decimal: Format
    let date: Format
    let dateLeft: Format
    let title: Format
    let note: Format
    /// Large title of a cover or dashboard.
    let bigTitle: Format
    /// Header cells of an Excel table (the table style gives the colours).
    let tableHeader: Format
    /// A `mailto:` link, top-aligned.
    let link: Format
    /// The odd rows of a banded list written without a table (constant-memory mode): text, wrapped, link.
    let bandText: Format
    let bandLong: Format
    let bandLink: Format
    /// A cell with a thin border (attendance lists).
    let boxed: Format
    let centered: Format

    init(_ workbook: Workbook) throws {
        header = try workbook.format(FormatSpec(
            bold: true, fontColor: 0x1F3864, background: 0xDCE6F1, wrap: true, vertical: .top, bottomBorder: true))
        text = try workbook.format(FormatSpec(vertical: .top))
        strong = try workbook.format(FormatSpec(bold: true, wrap: true, vertical: .top))
        long = try workbook.format(FormatSpec(wrap: true, vertical: .top))
        integer = try workbook.format(FormatSpec(numberFormat: "0", vertical: .top))
        integerLeft = try workbook.format(FormatSpec(numberFormat: "0", horizontal: .left, vertical: .top))
        hidden = try workbook.format(FormatSpec(fontColor: 0x7F7F7F, horizontal: .right, vertical: .top))
        percent = try workbook.format(FormatSpec(numberFormat: "0.0%", vertical: .top))
        index = try workbook.format(FormatSpec(numberFormat: "0.000", vertical: .top))
        decimal = try workbook.format(FormatSpec(numberFormat: "0.00", vertical: .top))
        date = try workbook.format(FormatSpec(numberFormat: "yyyy-mm-dd hh:mm", horizontal: .right, vertical: .top))
        dateLeft = try workbook.format(FormatSpec(numberFormat: "yyyy-mm-dd hh:mm", horizontal: .left, vertical: .top))
        title = try workbook.format(FormatSpec(bold: true, fontSize: 13, fontColor: 0x1F3864))
        note = try workbook.format(FormatSpec(italic: true, fontColor: 0x595959, wrap: true, vertical: .top))
        bigTitle = try workbook.format(FormatSpec(bold: true, fontSize: 18, fontColor: 0x1F3864))
        tableHeader = try workbook.format(FormatSpec(bold: true, wrap: true, vertical: .top))
        link = try workbook.format(FormatSpec(underline: true, fontColor: 0x0563C1, vertical: .top))
        let band: UInt32 = 0xEEF3F8
        bandText = try workbook.format(FormatSpec(background: band, vertical: .top))
        bandLong = try workbook.format(FormatSpec(background: band, wrap: true, vertical: .top))
        bandLink = try workbook.format(FormatSpec(underline: true, fontColor: 0x0563C1, background: band, vertical: .top))
        boxed = try workbook.format(FormatSpec(vertical: .center, bottomBorder: true, topBorder: true, borderColor: 0x7F7F7F))
        centered = try workbook.format(FormatSpec(horizontal: .center, vertical: .top))
    }
}

/// A column of a report table: header text and width in characters.
struct ReportColumn {
    var header: String
    var width: Double
}

/// Writes report tables cell by cell, in row order (so that constant-memory workbooks work too).
struct TableWriter {
    let sheet: Worksheet
    let styles: ReportStyles
    let timeZone: TimeZone
    let protection: SmallCellProtection
    /// Left-align numbers and dates (key/value sheets, where the value column is wide).
    var leftAligned = false
    /// Column widths, for the row height of wrapped text.
    var widths: [Double] = []

    /// Lines a wrapped text needs in a column of `width` characters (an estimate; explicit line breaks count).
    static func lines(_ text: String, width: Double) -> Int {
        guard width > 1, !text.isEmpty else { return 1 }
        // A column of width w holds about 1.2 w characters of running text (the unit is the width of "0").
        let perLine = max(Int(width * 1.2) - 1, 1)
        func count<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int {
            var lines = 0
            var current = 0
            for byte in bytes {
                if byte == 0x0A {
                    lines += max(1, (current + perLine - 1) / perLine)
                    current = 0
                } else if byte & 0xC0 != 0x80 {
                    current += 1
                }
            }
            return lines + max(1, (current + perLine - 1) / perLine)
        }
        return count(text.utf8)
    }

    /// Writes one cell.
    func write(_ cell: ReportCell, row: Int, column: Int) throws {
        switch cell {
        case .text(let s): try sheet.write(row, column, s, styles.text)
        case .answer(let s): try sheet.write(row, column, s, styles.centered)
        case .strong(let s): try sheet.write(row, column, s, styles.strong)
        case .long(let s): try sheet.write(row, column, s, styles.long)
        case .int(let n): try sheet.write(row, column, number: Double(n), leftAligned ? styles.integerLeft : styles.integer)
        case .count(let n, let hidden):
            if hidden {
                // "<5" only for a count below the threshold; any other hidden figure gets the secondary marker.
                let label = n >= 0 && n < protection.threshold ? protection.hiddenLabel : protection.secondaryLabel
                try sheet.write(row, column, label, leftAligned ? styles.text : styles.hidden)
            } else {
                try sheet.write(row, column, number: Double(n), leftAligned ? styles.integerLeft : styles.integer)
            }
        case .percent(let x): try sheet.write(row, column, number: x, styles.percent)
        case .index(let x): try sheet.write(row, column, number: x, styles.index)
        case .decimal(let x): try sheet.write(row, column, number: x, styles.decimal)
        case .date(let d): try sheet.write(row, column, date: d, timeZone: timeZone, leftAligned ? styles.dateLeft : styles.date)
        case .empty: break
        }
    }

    /// Lines a bold header needs in a column of `width` characters: word by word (a line may also break after a
    /// hyphen), a word longer than a line broken where it no longer fits.
    static func headerLines(_ header: String, width: Double) -> Int {
        let perLine = max(Int(width * 0.95), 1)  // bold: about one letter per width unit ("0"); rather a line too many
        var lines = 1
        var current = 0
        for word in header.split(separator: " ") {
            var pieces = word.split(separator: "-", omittingEmptySubsequences: false).map { $0.count + 1 }
            pieces[pieces.count - 1] -= 1  // every piece but the last keeps its hyphen
            for (k, length) in pieces.enumerated() {
                let gap = current == 0 || k > 0 ? 0 : 1
                if current == 0 || current + gap + length <= perLine {
                    current += gap + length
                } else {
                    lines += 1
                    current = length
                }
                while current > perLine {
                    lines += 1
                    current -= perLine
                }
            }
        }
        return lines
    }

    /// The height of a header row: every header's lines fit (at most three).
    static func headerHeight(_ columns: [ReportColumn]) -> Double {
        let lines = columns.map { $0.width > 0 ? headerLines($0.header, width: $0.width) : 1 }.max() ?? 1
        return 15 * Double(min(max(lines, 1), 3))
    }

    /// Writes a header row at `row`.
    func header(_ columns: [ReportColumn], row: Int) throws {
        try sheet.setRow(row, height: Self.headerHeight(columns))
        for (c, column) in columns.enumerated() { try sheet.write(row, c, column.header, styles.header) }
    }

    /// A note under a table: wrapped across the table's columns (never wider than the table, so that it does not
    /// widen the printed page and shrink it to fit), the row as tall as its lines.
    func note(_ text: String, row: Int, under columns: [ReportColumn]) throws {
        let width = columns.reduce(0) { $0 + $1.width }
        try sheet.setRow(row, height: 15 * Double(min(Self.lines(text, width: width * 0.95), 12)))
        if columns.count > 1 {
            try sheet.merge(row, 0, row, columns.count - 1, text, styles.note)
        } else {
            try sheet.write(row, 0, text, styles.note)
        }
    }

    /// Writes a data row at `row`.
    func row(_ cells: [ReportCell], row: Int) throws {
        var lines = 1
        for (c, cell) in cells.enumerated() {
            guard c < widths.count else { continue }
            switch cell {
            case .long(let text), .strong(let text): lines = max(lines, Self.lines(text, width: widths[c]))
            default: break
            }
        }
        if lines > 1 { try sheet.setRow(row, height: 15 * Double(min(lines, 12))) }
        for (c, cell) in cells.enumerated() { try write(cell, row: row, column: c) }
    }

    /// The main table of a sheet at row 0: widths, header, rows, frozen header and autofilter (the caller sets
    /// the page). Returns the next free row.
    @discardableResult
    func mainTable(_ columns: [ReportColumn], rows: [[ReportCell]]) throws -> Int {
        var writer = self
        writer.widths = columns.map(\.width)
        return try writer.writeMainTable(columns, rows: rows)
    }

    private func writeMainTable(_ columns: [ReportColumn], rows: [[ReportCell]]) throws -> Int {
        try setWidths(columns)
        try header(columns, row: 0)
        for (r, cells) in rows.enumerated() { try row(cells, row: r + 1) }
        sheet.freeze(rows: 1)
        try sheet.autofilter(row: 0, first: 0, last: max(0, columns.count - 1), lastRow: rows.count)
        return rows.count + 1
    }

    /// The main table of a sheet at row 0 as an Excel table (style, banded rows, filter buttons), the header
    /// row as tall as its wrapped headers, the header row and the first column frozen, and `note` (if any)
    /// wrapped on the row below it. Returns the row below the table (the note's).
    @discardableResult
    func excelTable(
        note: String? = nil, _ columns: [ReportColumn], rows: [[ReportCell]], style: Worksheet.TableStyle = .medium(2)
    ) throws -> Int {
        var writer = self
        writer.widths = columns.map(\.width)
        try setWidths(columns)
        try sheet.setRow(0, height: Self.headerHeight(columns))
        for (r, cells) in rows.enumerated() { try writer.row(cells, row: r + 1) }
        try sheet.addTable(
            firstRow: 0, firstColumn: 0, lastRow: max(rows.count, 1), headers: columns.map(\.header),
            headerFormat: styles.header, style: style)
        sheet.freeze(rows: 1, columns: columns.count > 4 ? 1 : 0)
        let end = max(rows.count, 1) + 1
        if let note { try self.note(note, row: end, under: columns) }
        return end
    }

    /// Numbers for a chart, under a header row at `row` (nil: an empty cell, never a 0 standing in for a hidden
    /// count). Returns the next free row.
    @discardableResult
    func chartData(_ header: [String], rows: [(label: String, values: [Double?])], row: Int, format: Format? = nil) throws -> Int {
        for (c, text) in header.enumerated() { try sheet.write(row, c, text, styles.header) }
        for (r, line) in rows.enumerated() {
            try sheet.write(row + 1 + r, 0, line.label, styles.text)
            for (c, value) in line.values.enumerated() {
                if let value { try sheet.write(row + 1 + r, c + 1, number: value, format ?? styles.decimal) }
            }
        }
        return row + 1 + rows.count
    }

    /// Sets column widths from the columns.
    func setWidths(_ columns: [ReportColumn]) throws {
        for (c, column) in columns.enumerated() { try sheet.setColumns(c, c, width: column.width) }
    }
}
