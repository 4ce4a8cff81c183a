import CXLSXWriter
import CXLSXWriterIO
import Foundation

// The only file of the Reports module that touches libxlsxwriter or unsafe pointers.

/// An error reported by libxlsxwriter: the C function, its `lxw_strerror` text and the workbook path.
public struct XLSXError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The C function that failed, e.g. `workbook_close`.
    public var function: String
    /// The raw `lxw_error` value.
    public var code: UInt32
    /// The text of `lxw_strerror`.
    public var message: String
    /// The workbook file being written.
    public var path: String

    /// Creates an error record.
    public init(function: String, code: UInt32, message: String, path: String) {
        self.function = function
        self.code = code
        self.message = message
        self.path = path
    }

    /// One line naming the file, the function and the cause.
    public var description: String { "\(path): \(function): \(message)" }
}

/// A workbook being written by libxlsxwriter; closed exactly once, by `close()` or on deinit.
public final class XLSXWorkbook {
    /// The file the workbook is written to (on close).
    public let path: String
    /// True when rows are flushed as they are written (rows must then be written in order per sheet).
    public let constantMemory: Bool
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [XLSXFormatSpec: UnsafeMutablePointer<lxw_format>] = [:]
    private var sheetNames: Set<String> = []

    /// Opens a new workbook for `path`; the file itself is written by `close()`.
    public init(path: String, constantMemory: Bool = false) throws {
        self.path = path
        self.constantMemory = constantMemory
        var options = lxw_workbook_options(constant_memory: constantMemory ? 1 : 0, tmpdir: nil, use_zip64: 0)
        let created = path.withCString { workbook_new_opt($0, &options) }
        guard let created else {
            throw XLSXError(
                function: "workbook_new_opt", code: LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue,
                message: "could not create the workbook (memory or temporary file)", path: path)
        }
        handle = created
    }

    deinit {
        // Error paths: the workbook is still closed exactly once, its error ignored (the caller already failed).
        if let handle { _ = workbook_close(handle) }
    }

    /// Writes a workbook: runs `body`, closes the workbook, and removes the file again when anything failed.
    public static func write(to path: String, constantMemory: Bool = false, _ body: (XLSXWorkbook) throws -> Void) throws {
        let workbook = try XLSXWorkbook(path: path, constantMemory: constantMemory)
        do {
            try body(workbook)
            try workbook.close()
        } catch {
            try? workbook.close()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// Turns an `lxw_error` into an `XLSXError` naming the function and this workbook's path.
    public func check(_ error: lxw_error, function: String) throws {
        if error == LXW_NO_ERROR { return }
        let message = lxw_strerror(error).map { String(cString: $0) } ?? "error \(error.rawValue)"
        throw XLSXError(function: function, code: error.rawValue, message: message, path: path)
    }

    private func open(_ function: String) throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else {
            throw XLSXError(function: function, code: 0, message: "the workbook is already closed", path: path)
        }
        return handle
    }

    /// Writes the file and frees the workbook; calling it again does nothing.
    public func close() throws {
        guard let handle else { return }
        self.handle = nil
        formats = [:]
        try check(workbook_close(handle), function: "workbook_close")
    }

    /// Sets the document properties; `created` fixes the creation time (for reproducible files).
    public func setProperties(title: String, subject: String, author: String, company: String = "", created: Date) throws {
        let h = try open("workbook_set_properties")
        let strings = [title, subject, author, company].map { text in text.withCString { strdup($0) } }
        defer { strings.forEach { free($0) } }
        var properties = lxw_doc_properties()
        properties.title = strings[0]
        properties.subject = strings[1]
        properties.author = strings[2]
        properties.company = strings[3]
        properties.created = time_t(created.timeIntervalSince1970.rounded(.down))
        try check(workbook_set_properties(h, &properties), function: "workbook_set_properties")
    }

    /// Adds a worksheet; the name is made valid (no `[]:*?/\`, at most 31 characters) and unique.
    public func addWorksheet(_ requested: String) throws -> XLSXWorksheet {
        let h = try open("workbook_add_worksheet")
        let name = uniqueSheetName(requested)
        try name.withCString { try check(workbook_validate_sheet_name(h, $0), function: "workbook_validate_sheet_name") }
        guard let sheet = name.withCString({ workbook_add_worksheet(h, $0) }) else {
            throw XLSXError(function: "workbook_add_worksheet", code: 0, message: "could not add sheet \(name)", path: path)
        }
        sheetNames.insert(name.lowercased())
        return XLSXWorksheet(handle: sheet, workbook: self, name: name)
    }

    private func uniqueSheetName(_ requested: String) -> String {
        let forbidden = Set("[]:*?/\\")
        var base = String(requested.filter { !forbidden.contains($0) && !$0.isNewline })
            .trimmingCharacters(in: .whitespaces)
        if base.hasPrefix("'") { base.removeFirst() }
        if base.isEmpty { base = "Blad" }
        var candidate = String(base.prefix(31))
        var counter = 2
        while sheetNames.contains(candidate.lowercased()) {
            let suffix = " (\(counter))"
            candidate = String(base.prefix(31 - suffix.count)) + suffix
            counter += 1
        }
        return candidate
    }

    /// The format for a spec (created once per workbook and reused).
    public func format(_ spec: XLSXFormatSpec) throws -> XLSXFormat {
        if let existing = formats[spec] { return XLSXFormat(handle: existing) }
        let h = try open("workbook_add_format")
        guard let f = workbook_add_format(h) else {
            throw XLSXError(function: "workbook_add_format", code: 0, message: "could not add a format", path: path)
        }
        if spec.bold { format_set_bold(f) }
        if spec.italic { format_set_italic(f) }
        if let size = spec.fontSize { format_set_font_size(f, size) }
        if let color = spec.fontColor { format_set_font_color(f, color) }
        if let color = spec.background { format_set_bg_color(f, color) }
        if let numberFormat = spec.numberFormat { numberFormat.withCString { format_set_num_format(f, $0) } }
        if spec.wrap { format_set_text_wrap(f) }
        if spec.alignTop { format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
        if spec.alignRight { format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
        if spec.alignLeft { format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue)) }
        if spec.bottomBorder { format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        formats[spec] = f
        return XLSXFormat(handle: f)
    }

    /// Adds a native chart; insert it into a sheet with `XLSXWorksheet.insert(_:row:column:)`.
    public func addChart(_ type: XLSXChartType) throws -> XLSXChart {
        let h = try open("workbook_add_chart")
        let raw: UInt32
        switch type {
        case .column: raw = LXW_CHART_COLUMN.rawValue
        case .columnStacked: raw = LXW_CHART_COLUMN_STACKED.rawValue
        case .columnStackedPercent: raw = LXW_CHART_COLUMN_STACKED_PERCENT.rawValue
        case .bar: raw = LXW_CHART_BAR.rawValue
        case .line: raw = LXW_CHART_LINE.rawValue
        }
        guard let chart = workbook_add_chart(h, UInt8(raw)) else {
            throw XLSXError(function: "workbook_add_chart", code: 0, message: "could not add a chart", path: path)
        }
        return XLSXChart(handle: chart, workbook: self)
    }
}

extension XLSXWorkbook {
    /// Sets the deflate level (0–9) of the zip parts of workbooks closed from now on; libxlsxwriter's own is 6.
    public static func setDeflateLevel(_ level: Int) {
        werksessies_xlsx_set_deflate_level(Int32(clamping: level))
    }

    /// Zip parts deflated at the level set by `setDeflateLevel` so far (0 where it cannot be applied).
    public static var partsDeflatedAtSetLevel: Int { werksessies_xlsx_deflate_parts() }

    /// The largest zip part (bytes of XML) deflated whole by libdeflate; larger ones are streamed through zlib.
    public static var wholePartLimit: Int {
        get { Int(werksessies_xlsx_buffer_limit()) }
        set { werksessies_xlsx_set_buffer_limit(max(0, newValue)) }
    }

    /// Zip parts so far that outgrew the whole-part limit and were streamed through zlib.
    public static var partsStreamed: Int { werksessies_xlsx_streamed_parts() }

    /// How many bytes libxlsxwriter's temporary files may hold in memory together (beyond: real files).
    public static var temporaryFileBudget: Int {
        get { Int(werksessies_xlsx_tmpfile_budget()) }
        set { werksessies_xlsx_set_tmpfile_budget(max(0, newValue)) }
    }

    /// Temporary files so far that outgrew the memory budget and moved to a real file.
    public static var temporaryFilesSpilled: Int { werksessies_xlsx_spilled_tmpfiles() }
}

/// A cell format handle owned by its workbook.
public struct XLSXFormat {
    fileprivate let handle: UnsafeMutablePointer<lxw_format>
}

/// The look of a cell, as a value (formats are created once per distinct spec).
public struct XLSXFormatSpec: Sendable, Hashable {
    /// Bold font.
    public var bold = false
    /// Italic font.
    public var italic = false
    /// Font size in points.
    public var fontSize: Double?
    /// Font colour, 0xRRGGBB.
    public var fontColor: UInt32?
    /// Fill colour, 0xRRGGBB.
    public var background: UInt32?
    /// Excel number format, e.g. `0.0%`.
    public var numberFormat: String?
    /// Wrap text.
    public var wrap = false
    /// Align to the top of the cell.
    public var alignTop = false
    /// Align right.
    public var alignRight = false
    /// Align left (also numbers).
    public var alignLeft = false
    /// Thin bottom border.
    public var bottomBorder = false

    /// Creates a spec.
    public init(
        bold: Bool = false, italic: Bool = false, fontSize: Double? = nil, fontColor: UInt32? = nil,
        background: UInt32? = nil, numberFormat: String? = nil, wrap: Bool = false, alignTop: Bool = false,
        alignRight: Bool = false, alignLeft: Bool = false, bottomBorder: Bool = false
    ) {
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.background = background
        self.numberFormat = numberFormat
        self.wrap = wrap
        self.alignTop = alignTop
        self.alignRight = alignRight
        self.alignLeft = alignLeft
        self.bottomBorder = bottomBorder
    }
}

/// A rectangular cell range of a named sheet (0-based, inclusive), for chart data.
public struct XLSXRange: Sendable, Hashable {
    /// Sheet name.
    public var sheet: String
    /// First row.
    public var firstRow: Int
    /// First column.
    public var firstColumn: Int
    /// Last row.
    public var lastRow: Int
    /// Last column.
    public var lastColumn: Int

    /// Creates a range.
    public init(sheet: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }
}

/// The chart kinds the reports use.
public enum XLSXChartType: Sendable, Hashable {
    /// Clustered columns.
    case column
    /// Stacked columns.
    case columnStacked
    /// 100% stacked columns.
    case columnStackedPercent
    /// Horizontal bars.
    case bar
    /// Lines with markers.
    case line
}

/// A native Excel chart owned by its workbook.
public struct XLSXChart {
    fileprivate let handle: UnsafeMutablePointer<lxw_chart>
    fileprivate unowned let workbook: XLSXWorkbook

    /// Adds a series with its name, category range and value range; `color` is 0xRRGGBB.
    public func addSeries(name: String, categories: XLSXRange, values: XLSXRange, color: UInt32? = nil, marker: Bool = false) throws {
        guard let series = chart_add_series(handle, nil, nil) else {
            throw XLSXError(function: "chart_add_series", code: 0, message: "could not add a series", path: workbook.path)
        }
        name.withCString { chart_series_set_name(series, $0) }
        categories.sheet.withCString {
            chart_series_set_categories(
                series, $0, lxw_row_t(categories.firstRow), lxw_col_t(categories.firstColumn),
                lxw_row_t(categories.lastRow), lxw_col_t(categories.lastColumn))
        }
        values.sheet.withCString {
            chart_series_set_values(
                series, $0, lxw_row_t(values.firstRow), lxw_col_t(values.firstColumn),
                lxw_row_t(values.lastRow), lxw_col_t(values.lastColumn))
        }
        if let color {
            var fill = lxw_chart_fill(color: color, none: 0, transparency: 0)
            chart_series_set_fill(series, &fill)
            var line = lxw_chart_line(color: color, none: 0, width: 2.25, dash_type: 0, transparency: 0)
            chart_series_set_line(series, &line)
        }
        if marker { chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue)) }
    }

    /// Sets the chart title.
    public func title(_ text: String) {
        text.withCString { chart_title_set_name(handle, $0) }
    }

    /// Names the axes and sets the value axis number format (and optional bounds).
    public func axes(x: String?, y: String?, yNumberFormat: String? = nil, yMin: Double? = nil, yMax: Double? = nil) {
        if let x, let axis = handle.pointee.x_axis { x.withCString { chart_axis_set_name(axis, $0) } }
        if let axis = handle.pointee.y_axis {
            if let y { y.withCString { chart_axis_set_name(axis, $0) } }
            if let yNumberFormat { yNumberFormat.withCString { chart_axis_set_num_format(axis, $0) } }
            if let yMin { chart_axis_set_min(axis, yMin) }
            if let yMax { chart_axis_set_max(axis, yMax) }
        }
    }

    /// Puts the legend below the plot, or removes it.
    public func legend(bottom: Bool) {
        chart_legend_set_position(handle, UInt8(bottom ? LXW_CHART_LEGEND_BOTTOM.rawValue : LXW_CHART_LEGEND_NONE.rawValue))
    }
}

/// A worksheet handle owned by its workbook.
public struct XLSXWorksheet {
    fileprivate let handle: UnsafeMutablePointer<lxw_worksheet>
    fileprivate unowned let workbook: XLSXWorkbook
    /// The sheet name as written (valid and unique).
    public let name: String

    fileprivate static let maxStringLength = 32_000

    /// Writes text as a string cell — never a formula, whatever it starts with. Empty text writes nothing
    /// (or a formatted blank when a format is given).
    public func write(_ row: Int, _ column: Int, _ text: String, _ format: XLSXFormat? = nil) throws {
        if text.isEmpty {
            if let format {
                try workbook.check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), format.handle), function: "worksheet_write_blank")
            }
            return
        }
        let formatHandle = format?.handle
        // Fast path: clean text goes to C without a copy; anything else is cleaned first.
        let direct = text.withCString { pointer -> lxw_error? in
            var length = 0
            while true {
                let byte = UInt8(bitPattern: pointer[length])
                if byte == 0 { break }
                if byte < 0x20 && byte != 0x09 && byte != 0x0A { return nil }
                length += 1
            }
            if length > Self.maxStringLength { return nil }
            return worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), pointer, formatHandle)
        }
        let error = direct ?? Self.cleaned(text).withCString {
            worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), $0, formatHandle)
        }
        try workbook.check(error, function: "worksheet_write_string")
    }

    /// Writes prepared rows starting at `firstRow`: one string cell per non-empty text, in column order,
    /// with `formats[column]`, and each row's height when it has one.
    public func write(_ rows: XLSXTextRows, firstRow: Int, formats: [XLSXFormat?]) throws {
        let columns = rows.columns
        let formatHandles = (0..<columns).map { $0 < formats.count ? formats[$0]?.handle : nil }
        try rows.bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            try base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
                for r in 0..<rows.rowCount {
                    let row = lxw_row_t(firstRow + r)
                    let height = rows.heights[r]
                    if height > 0 {
                        try workbook.check(worksheet_set_row(handle, row, height, nil), function: "worksheet_set_row")
                    }
                    for c in 0..<columns {
                        let start = rows.starts[r * columns + c]
                        if start < 0 { continue }
                        let error = worksheet_write_string(handle, row, lxw_col_t(c), text + start, formatHandles[c])
                        if error != LXW_NO_ERROR { try workbook.check(error, function: "worksheet_write_string") }
                    }
                }
            }
        }
    }

    /// Writes a number cell.
    public func write(_ row: Int, _ column: Int, number: Double, _ format: XLSXFormat? = nil) throws {
        guard number.isFinite else { return try write(row, column, "", format) }
        try workbook.check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format?.handle), function: "worksheet_write_number")
    }

    /// Writes a date-time cell (wall-clock time in `timeZone`); give it a date number format.
    public func write(_ row: Int, _ column: Int, date: Date, timeZone: TimeZone, _ format: XLSXFormat? = nil) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        var datetime = lxw_datetime(
            year: Int32(c.year ?? 1970), month: Int32(c.month ?? 1), day: Int32(c.day ?? 1),
            hour: Int32(c.hour ?? 0), min: Int32(c.minute ?? 0), sec: Double(c.second ?? 0))
        try workbook.check(worksheet_write_datetime(handle, lxw_row_t(row), lxw_col_t(column), &datetime, format?.handle), function: "worksheet_write_datetime")
    }

    /// Sets the width (in characters) and default format of columns `first...last`.
    public func setColumns(_ first: Int, _ last: Int, width: Double, _ format: XLSXFormat? = nil) throws {
        try workbook.check(worksheet_set_column(handle, lxw_col_t(first), lxw_col_t(last), width, format?.handle), function: "worksheet_set_column")
    }

    /// Sets the height (in points) and default format of a row.
    public func setRow(_ row: Int, height: Double, _ format: XLSXFormat? = nil) throws {
        try workbook.check(worksheet_set_row(handle, lxw_row_t(row), height, format?.handle), function: "worksheet_set_row")
    }

    /// Freezes the first `rows` rows (the header) so that they stay visible.
    public func freezeRows(_ rows: Int) {
        worksheet_freeze_panes(handle, lxw_row_t(rows), 0)
    }

    /// Puts an autofilter on the header row `row`, over columns `first...last`, down to `lastRow`.
    public func autofilter(row: Int, first: Int, last: Int, lastRow: Int) throws {
        try workbook.check(
            worksheet_autofilter(handle, lxw_row_t(row), lxw_col_t(first), lxw_row_t(max(row, lastRow)), lxw_col_t(last)),
            function: "worksheet_autofilter")
    }

    /// Merges a range and writes text into it.
    public func merge(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int, _ text: String, _ format: XLSXFormat? = nil) throws {
        let clean = Self.cleaned(text)
        let error = clean.withCString {
            worksheet_merge_range(
                handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn), $0, format?.handle)
        }
        try workbook.check(error, function: "worksheet_merge_range")
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
        try workbook.check(
            worksheet_conditional_format_range(
                handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn), &rule),
            function: "worksheet_conditional_format_range")
    }

    /// Inserts a chart with its top-left corner at a cell, scaled from the default 480×288 pixels.
    public func insert(_ chart: XLSXChart, row: Int, column: Int, xScale: Double = 1, yScale: Double = 1) throws {
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        options.x_offset = 10
        options.y_offset = 10
        try workbook.check(
            worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), chart.handle, &options),
            function: "worksheet_insert_chart_opt")
    }

    /// Landscape, fit to one page wide, gridlines printed off.
    public func printLandscapeFitWidth() {
        worksheet_set_landscape(handle)
        worksheet_fit_to_pages(handle, 1, 0)
    }

    /// Makes this the sheet shown when the file opens.
    public func activate() {
        worksheet_activate(handle)
    }

    /// XML cannot carry most control characters; they become spaces. Over-long text is cut.
    fileprivate static func cleaned(_ text: String) -> String {
        var needsWork = false
        for byte in text.utf8 where byte < 0x20 && byte != 0x09 && byte != 0x0A {
            needsWork = true
            break
        }
        var result = text
        if needsWork {
            result = String(String.UnicodeScalarView(text.unicodeScalars.map {
                $0.value < 0x20 && $0.value != 0x09 && $0.value != 0x0A ? " " : $0
            }))
        }
        if result.utf8.count > maxStringLength, result.count > maxStringLength {
            result = String(result.prefix(maxStringLength - 1)) + "…"
        }
        return result
    }
}

/// Rows of text cells prepared once — cleaned for XML, cut to Excel's limit, NUL-terminated in one
/// buffer — and then written to any number of sheets without touching Swift strings again.
public struct XLSXTextRows: Sendable {
    /// Cells per row.
    public let columns: Int
    /// The cells' bytes, each cell NUL-terminated.
    fileprivate var bytes: [UInt8] = []
    /// Start of each cell in `bytes`, row by row; -1 for an empty cell (nothing is written).
    fileprivate var starts: [Int] = []
    /// Row height in points per row; 0 for the default height.
    fileprivate var heights: [Double] = []

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
        heights.reserveCapacity(rows)
    }

    /// Appends a row of `columns` texts (missing ones are empty), with a row height (0 = default).
    public mutating func append(_ cells: [String], height: Double = 0) {
        for c in 0..<columns { appendCell(c < cells.count ? cells[c] : "") }
        endRow(height: height)
    }

    /// Appends the next cell of the current row (cells beyond `columns` are not allowed; see `endRow`).
    public mutating func appendCell(_ text: String) {
        if text.isEmpty {
            starts.append(-1)
            return
        }
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        var clean = bytes.count - start <= XLSXWorksheet.maxStringLength
        if clean {
            for i in start..<bytes.count where bytes[i] < 0x20 && bytes[i] != 0x09 && bytes[i] != 0x0A {
                clean = false
                break
            }
        }
        if !clean {
            bytes.removeSubrange(start...)
            bytes.append(contentsOf: XLSXWorksheet.cleaned(text).utf8)
        }
        bytes.append(0)
        starts.append(start)
    }

    /// Ends the current row (missing cells are empty) with its height in points (0: the default).
    public mutating func endRow(height: Double = 0) {
        let expected = (heights.count + 1) * columns
        precondition(starts.count <= expected, "more cells than columns in a row")
        while starts.count < expected { starts.append(-1) }
        heights.append(height)
    }
}
