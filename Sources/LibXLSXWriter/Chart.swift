import CXLSXWriter

/// A rectangular cell range of a named sheet (0-based, inclusive), for chart data.
public struct CellRange: Sendable, Hashable {
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

/// A native Excel chart of one workbook (from `Workbook.addChart(_:)`).
public struct Chart {
    /// The chart kinds the reports use.
    public enum Kind: Sendable, Hashable {
        /// Clustered columns.
        case column
        /// Stacked columns.
        case columnStacked
        /// 100% stacked columns.
        case columnStackedPercent
        /// Horizontal bars.
        case bar
        /// 100% stacked horizontal bars.
        case barStackedPercent
        /// Lines with markers.
        case line

        var raw: lxw_chart_type {
            switch self {
            case .column: LXW_CHART_COLUMN
            case .columnStacked: LXW_CHART_COLUMN_STACKED
            case .columnStackedPercent: LXW_CHART_COLUMN_STACKED_PERCENT
            case .bar: LXW_CHART_BAR
            case .barStackedPercent: LXW_CHART_BAR_STACKED_PERCENT
            case .line: LXW_CHART_LINE
            }
        }
    }

    let handle: UnsafeMutablePointer<lxw_chart>
    unowned let workbook: Workbook
    /// The kind it was made as.
    public let kind: Kind

    /// Adds a series with its name, category range and value range; `color` is 0xRRGGBB.
    public func addSeries(
        name: String, categories: CellRange, values: CellRange, color: UInt32? = nil, marker: Bool = false, dataLabels: Bool = false
    ) throws {
        guard let series = chart_add_series(handle, nil, nil) else {
            throw workbook.failure("chart_add_series", "could not add a series")
        }
        chart_series_set_name(series, Worksheet.cleaned(name))
        chart_series_set_categories(
            series, categories.sheet, lxw_row_t(categories.firstRow), lxw_col_t(categories.firstColumn),
            lxw_row_t(categories.lastRow), lxw_col_t(categories.lastColumn))
        chart_series_set_values(
            series, values.sheet, lxw_row_t(values.firstRow), lxw_col_t(values.firstColumn),
            lxw_row_t(values.lastRow), lxw_col_t(values.lastColumn))
        if let color {
            var fill = lxw_chart_fill(color: color, none: 0, transparency: 0)
            chart_series_set_fill(series, &fill)
            var line = lxw_chart_line(color: color, none: 0, width: 2.25, dash_type: 0, transparency: 0)
            chart_series_set_line(series, &line)
        }
        if marker { chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue)) }
        if dataLabels { chart_series_set_labels(series) }
    }

    /// Sets the chart title.
    public func title(_ text: String) {
        chart_title_set_name(handle, Worksheet.cleaned(text))
    }

    /// Names the axes and sets the value axis number format (and optional bounds).
    public func axes(x: String?, y: String?, yNumberFormat: String? = nil, yMin: Double? = nil, yMax: Double? = nil) {
        if let x, let axis = handle.pointee.x_axis { chart_axis_set_name(axis, Worksheet.cleaned(x)) }
        if let axis = handle.pointee.y_axis {
            if let y { chart_axis_set_name(axis, Worksheet.cleaned(y)) }
            if let yNumberFormat { chart_axis_set_num_format(axis, yNumberFormat) }
            if let yMin { chart_axis_set_min(axis, yMin) }
            if let yMax { chart_axis_set_max(axis, yMax) }
        }
    }

    /// Puts the legend below the plot, or removes it.
    public func legend(bottom: Bool) {
        chart_legend_set_position(handle, UInt8(bottom ? LXW_CHART_LEGEND_BOTTOM.rawValue : LXW_CHART_LEGEND_NONE.rawValue))
    }
}
