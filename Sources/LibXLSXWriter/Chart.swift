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
        /// Points joined by straight lines on two value axes (dates on the x axis).
        case scatterLines

        var raw: lxw_chart_type {
            switch self {
            case .column: LXW_CHART_COLUMN
            case .columnStacked: LXW_CHART_COLUMN_STACKED
            case .columnStackedPercent: LXW_CHART_COLUMN_STACKED_PERCENT
            case .bar: LXW_CHART_BAR
            case .barStackedPercent: LXW_CHART_BAR_STACKED_PERCENT
            case .line: LXW_CHART_LINE
            case .scatterLines: LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS
            }
        }
    }

    let handle: UnsafeMutablePointer<lxw_chart>
    unowned let workbook: Workbook
    /// The kind it was made as.
    public let kind: Kind

    /// Adds a series with its name, category range and value range; `color` is 0xRRGGBB; `labels` shows
    /// each value as a data label in a number format ("" for the cell's own).
    public func addSeries(
        name: String, categories: CellRange, values: CellRange, color: UInt32? = nil, marker: Bool = false, labels: String? = nil
    ) throws {
        guard let series = chart_add_series(handle, nil, nil) else {
            throw workbook.failure("chart_add_series", "could not add a series")
        }
        chart_series_set_name(series, Worksheet.cleaned(name))
        chart_series_set_categories(
            series, Worksheet.cleaned(categories.sheet), lxw_row_t(categories.firstRow), lxw_col_t(categories.firstColumn),
            lxw_row_t(categories.lastRow), lxw_col_t(categories.lastColumn))
        chart_series_set_values(
            series, Worksheet.cleaned(values.sheet), lxw_row_t(values.firstRow), lxw_col_t(values.firstColumn),
            lxw_row_t(values.lastRow), lxw_col_t(values.lastColumn))
        if let color {
            var fill = lxw_chart_fill(color: color, none: 0, transparency: 0)
            chart_series_set_fill(series, &fill)
            var line = lxw_chart_line(color: color, none: 0, width: 2.25, dash_type: 0, transparency: 0)
            chart_series_set_line(series, &line)
            if marker {
                chart_series_set_marker_fill(series, &fill)
                chart_series_set_marker_line(series, &line)
            }
        }
        if marker { chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue)) }
        if let labels {
            chart_series_set_labels(series)
            if !labels.isEmpty { chart_series_set_labels_num_format(series, Worksheet.cleaned(labels)) }
        }
    }

    /// Sets the chart title.
    public func title(_ text: String) {
        chart_title_set_name(handle, Worksheet.cleaned(text))
    }

    /// An axis: its title, number format, bounds and major unit.
    public struct Axis: Sendable, Hashable {
        /// Axis title.
        public var name: String?
        /// Number format of the tick labels (e.g. `0%`, `d-m`).
        public var numberFormat: String?
        /// Lowest value shown.
        public var minimum: Double?
        /// Highest value shown.
        public var maximum: Double?
        /// Distance between ticks.
        public var majorUnit: Double?

        /// Creates axis settings.
        public init(name: String? = nil, numberFormat: String? = nil, minimum: Double? = nil, maximum: Double? = nil, majorUnit: Double? = nil) {
            self.name = name
            self.numberFormat = numberFormat
            self.minimum = minimum
            self.maximum = maximum
            self.majorUnit = majorUnit
        }
    }

    /// Sets the category (x) and value (y) axes; for horizontal bars the value axis is the horizontal one.
    public func axes(x: Axis, y: Axis) {
        let horizontal = kind == .bar || kind == .barStackedPercent
        let (category, value) = horizontal ? (handle.pointee.y_axis, handle.pointee.x_axis) : (handle.pointee.x_axis, handle.pointee.y_axis)
        for (axis, settings) in [(category, x), (value, y)] {
            guard let axis else { continue }
            if let name = settings.name { chart_axis_set_name(axis, Worksheet.cleaned(name)) }
            if let format = settings.numberFormat { chart_axis_set_num_format(axis, Worksheet.cleaned(format)) }
            if let minimum = settings.minimum { chart_axis_set_min(axis, minimum) }
            if let maximum = settings.maximum { chart_axis_set_max(axis, maximum) }
            if let unit = settings.majorUnit { chart_axis_set_major_unit(axis, unit) }
        }
    }

    /// Names the axes and sets the value axis number format (and optional bounds).
    public func axes(x: String?, y: String?, yNumberFormat: String? = nil, yMin: Double? = nil, yMax: Double? = nil) {
        axes(x: Axis(name: x), y: Axis(name: y, numberFormat: yNumberFormat, minimum: yMin, maximum: yMax))
    }

    /// Puts the legend below the plot, or removes it.
    public func legend(bottom: Bool) {
        chart_legend_set_position(handle, UInt8(bottom ? LXW_CHART_LEGEND_BOTTOM.rawValue : LXW_CHART_LEGEND_NONE.rawValue))
    }

    /// Sets the gap between bars or columns, in percent of their width.
    public func gap(_ percent: Int) {
        chart_set_series_gap(handle, UInt16(clamping: percent))
    }

    /// Sets the overlap of bars of different series (100 for stacked bars), in percent.
    public func overlap(_ percent: Int) {
        chart_set_series_overlap(handle, Int8(clamping: percent))
    }
}
