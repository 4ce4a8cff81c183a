import CXLSXWriter
import Foundation

/// A worksheet of one workbook (from `Workbook.addWorksheet(_:)`).
public struct Worksheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    unowned let workbook: Workbook
    /// The sheet name as written (valid and unique).
    public let name: String

    /// Excel's longest cell text.
    static let maxStringLength = 32_000

    private func check(_ error: lxw_error, _ function: String) throws {
        if error != LXW_NO_ERROR { try workbook.check(error, function) }
    }

    /// Writes text as a string cell — never a formula, whatever it starts with. Empty text writes nothing
    /// (or a formatted blank when a format is given).
    public func write(_ row: Int, _ column: Int, _ text: String, _ format: Format? = nil) throws {
        if text.isEmpty {
            if let format { try check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), format.handle), "worksheet_write_blank") }
            return
        }
        let formatHandle = format?.handle
        // Clean text (the usual case) goes to C as it is; anything else is cleaned first.
        let clean = text.utf8.count <= Self.maxStringLength && !XMLText.needsCleaning(text)
        let error = worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), clean ? text : Self.cleaned(text), formatHandle)
        try check(error, "worksheet_write_string")
    }

    /// Writes a number cell (a non-finite number writes a blank).
    public func write(_ row: Int, _ column: Int, number: Double, _ format: Format? = nil) throws {
        guard number.isFinite else { return try write(row, column, "", format) }
        try check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format?.handle), "worksheet_write_number")
    }

    /// Writes a date-time cell (wall-clock time in `timeZone`); give it a date number format.
    public func write(_ row: Int, _ column: Int, date: Date, timeZone: TimeZone, _ format: Format? = nil) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        var datetime = lxw_datetime(
            year: Int32(c.year ?? 1970), month: Int32(c.month ?? 1), day: Int32(c.day ?? 1),
            hour: Int32(c.hour ?? 0), min: Int32(c.minute ?? 0), sec: Double(c.second ?? 0))
        try check(worksheet_write_datetime(handle, lxw_row_t(row), lxw_col_t(column), &datetime, format?.handle), "worksheet_write_datetime")
    }

    /// Writes prepared rows starting at `firstRow`: each non-empty cell in column order with `formats[column]`
    /// (or `bands[row % bands.count][column]` when bands are given: banded rows, where empty cells get a
    /// formatted blank so that the band is unbroken), and each row's height when it has one.
    public func write(_ rows: TextRows, firstRow: Int, formats: [Format?], bands: [[Format?]] = []) throws {
        let columns = rows.columns
        let plain = (0..<columns).map { $0 < formats.count ? formats[$0]?.handle : nil }
        let banded = bands.map { band in (0..<columns).map { $0 < band.count ? band[$0]?.handle : nil } }
        try rows.bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            try base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
                for r in 0..<rows.rowCount {
                    let row = lxw_row_t(firstRow + r)
                    let height = rows.heights[r]
                    if height > 0 { try check(worksheet_set_row(handle, row, height, nil), "worksheet_set_row") }
                    let handles = banded.isEmpty ? plain : banded[r % banded.count]
                    for c in 0..<columns {
                        let start = rows.starts[r * columns + c]
                        if start < 0 {
                            if !banded.isEmpty, let f = handles[c] {
                                try check(worksheet_write_blank(handle, row, lxw_col_t(c), f), "worksheet_write_blank")
                            }
                            continue
                        }
                        let link = rows.links[r * columns + c]
                        if link >= 0 {
                            try check(worksheet_write_url_opt(handle, row, lxw_col_t(c), text + link, handles[c], text + start, nil), "worksheet_write_url_opt")
                        } else {
                            try check(worksheet_write_string(handle, row, lxw_col_t(c), text + start, handles[c]), "worksheet_write_string")
                        }
                    }
                }
            }
        }
    }

    /// Sets the width (in characters) and default format of columns `first...last`.
    public func setColumns(_ first: Int, _ last: Int, width: Double, _ format: Format? = nil) throws {
        try check(worksheet_set_column(handle, lxw_col_t(first), lxw_col_t(last), width, format?.handle), "worksheet_set_column")
    }

    /// Sets the height (in points) and default format of a row.
    public func setRow(_ row: Int, height: Double, _ format: Format? = nil) throws {
        try check(worksheet_set_row(handle, lxw_row_t(row), height, format?.handle), "worksheet_set_row")
    }

    /// Freezes the first `rows` rows and `columns` columns so that they stay visible.
    public func freeze(rows: Int, columns: Int = 0) {
        worksheet_freeze_panes(handle, lxw_row_t(rows), lxw_col_t(columns))
    }

    /// Puts an autofilter on the header row `row`, over columns `first...last`, down to `lastRow`.
    public func autofilter(row: Int, first: Int, last: Int, lastRow: Int) throws {
        try check(
            worksheet_autofilter(handle, lxw_row_t(row), lxw_col_t(first), lxw_row_t(max(row, lastRow)), lxw_col_t(last)),
            "worksheet_autofilter")
    }

    /// Merges a range and writes text into it.
    public func merge(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int, _ text: String, _ format: Format? = nil) throws {
        try check(
            worksheet_merge_range(
                handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn),
                Self.cleaned(text), format?.handle),
            "worksheet_merge_range")
    }

    /// A three-colour scale (low, middle at the 50th percentile, high) over a range.
    public func colorScale(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int, low: UInt32, mid: UInt32, high: UInt32) throws {
        guard lastRow >= firstRow, lastColumn >= firstColumn else { return }
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        rule.min_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_MINIMUM.rawValue)
        rule.mid_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_PERCENTILE.rawValue)
        rule.mid_value = 50
        rule.max_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_MAXIMUM.rawValue)
        rule.min_color = low
        rule.mid_color = mid
        rule.max_color = high
        try check(
            worksheet_conditional_format_range(
                handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn), &rule),
            "worksheet_conditional_format_range")
    }

    /// Inserts a chart with its top-left corner at a cell, scaled from the default 480×288 pixels.
    public func insert(_ chart: Chart, row: Int, column: Int, xScale: Double = 1, yScale: Double = 1) throws {
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        options.x_offset = 10
        options.y_offset = 10
        try check(worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), chart.handle, &options), "worksheet_insert_chart_opt")
    }

    /// The default row height in points (rows written without a height get it).
    public func setDefaultRowHeight(_ height: Double) {
        worksheet_set_default_row(handle, height, 0)
    }

    /// Makes this the sheet shown when the file opens.
    public func activate() {
        worksheet_activate(handle)
    }

    /// Text as libxlsxwriter may take it: without the characters XML 1.0 forbids (`XMLText.cleaned`), over-long text cut.
    static func cleaned(_ text: String) -> String {
        var result = text
        XMLText.clean(&result)
        if result.utf8.count > maxStringLength, result.count > maxStringLength {
            result = String(result.prefix(maxStringLength - 1)) + "…"
        }
        return result
    }
}
