import CXLSXWriter

/// A cell format of one workbook (from `Workbook.format(_:)`); shared by every cell that uses it.
public struct Format {
    let handle: UnsafeMutablePointer<lxw_format>
}

/// The look of a cell, as a value: a workbook makes one format per distinct spec.
public struct FormatSpec: Sendable, Hashable {
    /// Horizontal alignment.
    public enum Horizontal: Sendable, Hashable {
        case general, left, center, right
    }

    /// Vertical alignment.
    public enum Vertical: Sendable, Hashable {
        case bottom, center, top
    }

    /// Bold font.
    public var bold = false
    /// Italic font.
    public var italic = false
    /// Single underline (links).
    public var underline = false
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
    /// Horizontal alignment.
    public var horizontal = Horizontal.general
    /// Vertical alignment.
    public var vertical = Vertical.bottom
    /// Thin bottom border.
    public var bottomBorder = false
    /// Thin top border.
    public var topBorder = false
    /// Colour of the borders, 0xRRGGBB.
    public var borderColor: UInt32?

    /// Creates a spec.
    public init(
        bold: Bool = false, italic: Bool = false, underline: Bool = false, fontSize: Double? = nil, fontColor: UInt32? = nil,
        background: UInt32? = nil, numberFormat: String? = nil, wrap: Bool = false, horizontal: Horizontal = .general,
        vertical: Vertical = .bottom, bottomBorder: Bool = false, topBorder: Bool = false, borderColor: UInt32? = nil
    ) {
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.background = background
        self.numberFormat = numberFormat
        self.wrap = wrap
        self.horizontal = horizontal
        self.vertical = vertical
        self.bottomBorder = bottomBorder
        self.topBorder = topBorder
        self.borderColor = borderColor
    }

    func apply(to f: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(f) }
        if italic { format_set_italic(f) }
        if underline { format_set_underline(f, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let fontSize { format_set_font_size(f, fontSize) }
        if let fontColor { format_set_font_color(f, fontColor) }
        if let background { format_set_bg_color(f, background) }
        if let numberFormat { format_set_num_format(f, Worksheet.cleaned(numberFormat)) }
        if wrap { format_set_text_wrap(f) }
        switch horizontal {
        case .general: break
        case .left: format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        switch vertical {
        case .bottom: break
        case .center: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .top: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        if bottomBorder { format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if topBorder { format_set_top(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let borderColor {
            if bottomBorder { format_set_bottom_color(f, borderColor) }
            if topBorder { format_set_top_color(f, borderColor) }
        }
    }
}

extension Format {
    /// True when both are the same format object of a workbook.
    public func isSame(as other: Format) -> Bool { handle == other.handle }
}
