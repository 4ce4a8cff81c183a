import CXLSXWriter

/// Excel tables, links, notes, conditional formats and page setup.
extension Worksheet {
    /// A built-in Excel table style, e.g. `.medium(2)` for "Table Style Medium 2".
    public enum TableStyle: Sendable, Hashable {
        case light(Int), medium(Int), dark(Int)
    }

    /// Makes the range (header row first) an Excel table with a style and banded rows; the header texts are
    /// written by the table. Not available in constant-memory mode (libxlsxwriter reports it).
    public func addTable(
        firstRow: Int, firstColumn: Int, lastRow: Int, headers: [String], headerFormat: Format? = nil,
        style: TableStyle = .medium(2), name: String? = nil
    ) throws {
        guard !headers.isEmpty else { return }
        // Excel refuses a table whose header texts repeat (or are empty): those get a number.
        var seen = Set<String>()
        let unique = headers.enumerated().map { column, header -> String in
            var text = Self.cleaned(header).isEmpty ? "Kolom \(column + 1)" : Self.cleaned(header)
            var counter = 2
            while !seen.insert(text.lowercased()).inserted {
                text = "\(Self.cleaned(header)) (\(counter))"
                counter += 1
            }
            return text
        }
        let texts = unique.map { strdup($0) }
        let tableName = name.map { strdup($0) }
        defer {
            texts.forEach { free($0) }
            free(tableName ?? nil)
        }
        var columns = texts.map { text -> lxw_table_column in
            var column = lxw_table_column()
            column.header = text
            column.header_format = headerFormat?.handle
            return column
        }
        try columns.withUnsafeMutableBufferPointer { buffer in
            var pointers: [UnsafeMutablePointer<lxw_table_column>?] = (0..<buffer.count).map { buffer.baseAddress! + $0 }
            pointers.append(nil)
            try pointers.withUnsafeMutableBufferPointer { list in
                var options = lxw_table_options()
                options.name = tableName ?? nil
                switch style {
                case .light(let n):
                    options.style_type = UInt8(LXW_TABLE_STYLE_TYPE_LIGHT.rawValue)
                    options.style_type_number = UInt8(clamping: n)
                case .medium(let n):
                    options.style_type = UInt8(LXW_TABLE_STYLE_TYPE_MEDIUM.rawValue)
                    options.style_type_number = UInt8(clamping: n)
                case .dark(let n):
                    options.style_type = UInt8(LXW_TABLE_STYLE_TYPE_DARK.rawValue)
                    options.style_type_number = UInt8(clamping: n)
                }
                options.columns = list.baseAddress
                let last = max(lastRow, firstRow + 1)
                let error = worksheet_add_table(
                    handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(last),
                    lxw_col_t(firstColumn + headers.count - 1), &options)
                if error != LXW_NO_ERROR { try workbook.check(error, "worksheet_add_table") }
            }
        }
    }

    /// Writes a link cell showing `text` (e.g. an address with a `mailto:` URL).
    public func write(_ row: Int, _ column: Int, link url: String, text: String, _ format: Format? = nil) throws {
        let error = worksheet_write_url_opt(handle, lxw_row_t(row), lxw_col_t(column), url, format?.handle, Self.cleaned(text), nil)
        if error != LXW_NO_ERROR { try workbook.check(error, "worksheet_write_url_opt") }
    }

    /// Adds a cell note (a comment shown on hover).
    public func note(_ row: Int, _ column: Int, _ text: String, width: Int = 300, height: Int = 100) throws {
        var options = lxw_comment_options()
        options.width = UInt16(clamping: width)
        options.height = UInt16(clamping: height)
        let error = worksheet_write_comment_opt(handle, lxw_row_t(row), lxw_col_t(column), Self.cleaned(text), &options)
        if error != LXW_NO_ERROR { try workbook.check(error, "worksheet_write_comment_opt") }
    }

    /// A three-colour scale anchored at fixed values (not at the minimum and maximum of the data).
    public func colorScale(
        _ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int,
        values: (low: Double, mid: Double, high: Double), colors: (low: UInt32, mid: UInt32, high: UInt32)
    ) throws {
        guard lastRow >= firstRow, lastColumn >= firstColumn else { return }
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        let number = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        (rule.min_rule_type, rule.mid_rule_type, rule.max_rule_type) = (number, number, number)
        (rule.min_value, rule.mid_value, rule.max_value) = values
        (rule.min_color, rule.mid_color, rule.max_color) = colors
        try conditional(&rule, firstRow, firstColumn, lastRow, lastColumn)
    }

    /// Data bars from `minimum` to `maximum` (e.g. 0 to 1 for shares) in a colour.
    public func dataBars(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int, minimum: Double, maximum: Double, color: UInt32) throws {
        guard lastRow >= firstRow, lastColumn >= firstColumn else { return }
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_DATA_BAR.rawValue)
        rule.min_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.min_value = minimum
        rule.max_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.max_value = maximum
        rule.bar_color = color
        rule.bar_solid = 1
        try conditional(&rule, firstRow, firstColumn, lastRow, lastColumn)
    }

    private func conditional(_ rule: inout lxw_conditional_format, _ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int) throws {
        let error = worksheet_conditional_format_range(
            handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn), &rule)
        if error != LXW_NO_ERROR { try workbook.check(error, "worksheet_conditional_format_range") }
    }

    /// How a sheet prints (always on A4).
    public struct PageSetup: Sendable, Hashable {
        /// Landscape instead of portrait.
        public var landscape: Bool
        /// Scale to `pagesWide` pages wide (as many pages high as needed).
        public var fitToWidth: Bool
        /// How many pages wide a sheet fitted to width prints (more than one for a sheet too wide to read on one).
        public var pagesWide: Int
        /// Rows `first...last` repeated at the top of every page (e.g. the header row).
        public var repeatRows: ClosedRange<Int>?
        /// Columns `first...last` repeated at the left of every page (e.g. the name column of a wide sheet).
        public var repeatColumns: ClosedRange<Int>?
        /// The header's centre (e.g. what the sheet lists, on every printed page); codes as in the footer.
        public var header: String
        /// Footer texts left, centre and right; Excel's codes `&P` (page), `&N` (pages) work, literal `&` is `&&`.
        public var footerLeft: String
        /// The footer's centre.
        public var footerCenter: String
        /// The footer's right side.
        public var footerRight: String

        /// Creates a page setup: portrait, fit to width.
        public init(
            landscape: Bool = false, fitToWidth: Bool = true, pagesWide: Int = 1, repeatRows: ClosedRange<Int>? = nil,
            repeatColumns: ClosedRange<Int>? = nil, header: String = "", footerLeft: String = "",
            footerCenter: String = "", footerRight: String = ""
        ) {
            self.header = header
            self.landscape = landscape
            self.fitToWidth = fitToWidth
            self.pagesWide = max(1, pagesWide)
            self.repeatRows = repeatRows
            self.repeatColumns = repeatColumns
            self.footerLeft = footerLeft
            self.footerCenter = footerCenter
            self.footerRight = footerRight
        }
    }

    /// Sets A4 paper and the page setup.
    public func setPage(_ setup: PageSetup) throws {
        worksheet_set_paper(handle, 9)  // 9: A4
        if setup.landscape { worksheet_set_landscape(handle) } else { worksheet_set_portrait(handle) }
        if setup.fitToWidth { worksheet_fit_to_pages(handle, UInt16(clamping: setup.pagesWide), 0) }
        if let rows = setup.repeatRows {
            let error = worksheet_repeat_rows(handle, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound))
            if error != LXW_NO_ERROR { try workbook.check(error, "worksheet_repeat_rows") }
        }
        if let columns = setup.repeatColumns {
            let error = worksheet_repeat_columns(handle, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound))
            if error != LXW_NO_ERROR { try workbook.check(error, "worksheet_repeat_columns") }
        }
        if !setup.header.isEmpty {
            let error = worksheet_set_header(handle, String(("&C" + setup.header).prefix(250)))
            if error != LXW_NO_ERROR { try workbook.check(error, "worksheet_set_header") }
        }
        var footer = ""
        if !setup.footerLeft.isEmpty { footer += "&L" + setup.footerLeft }
        if !setup.footerCenter.isEmpty { footer += "&C" + setup.footerCenter }
        if !setup.footerRight.isEmpty { footer += "&R" + setup.footerRight }
        if !footer.isEmpty {
            let error = worksheet_set_footer(handle, String(footer.prefix(250)))
            if error != LXW_NO_ERROR { try workbook.check(error, "worksheet_set_footer") }
        }
    }

    /// Literal text for a header or footer (`&` doubled so that it is not read as a code).
    public static func footerText(_ text: String) -> String { text.replacingOccurrences(of: "&", with: "&&") }

    /// Hides the gridlines on screen and on paper.
    public func hideGridlines() {
        worksheet_gridlines(handle, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue))
    }
}
