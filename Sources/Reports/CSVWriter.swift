import Foundation
import LibCSV
import WerksessiesModel

/// One CSV field: text from data (neutralised against formula injection) or a formatted number.
public enum CSVField: Sendable, Hashable {
    /// Text; a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` prefix.
    case text(String)
    /// A number already formatted (an integer or a flag); written as is.
    case number(String)
    /// A decimal number, written with six decimals in the document's dialect ("0.75" or "0,75").
    case decimal(Double)
}

/// An in-memory CSV document in one of the analysts' dialects (quoting by libcsv, through `CSVOutput`).
public struct CSVWriter: Sendable {
    private var output: CSVOutput
    /// "." in the standard dialect, "," in Dutch Excel's.
    public let decimalSeparator: String

    /// The bytes written so far (BOM included for `.excelNL`).
    public var bytes: [UInt8] { output.bytes }
    /// The field delimiter.
    public var delimiter: UInt8 { output.delimiter }

    /// Starts a document in the dialect (`,` for standard, `;` and a UTF-8 BOM for Dutch Excel; CRLF for both).
    public init(dialect: ReportOptions.CSVDialect, reserve: Int = 1 << 14) {
        switch dialect {
        case .standard:
            output = CSVOutput(delimiter: UInt8(ascii: ","), reserve: reserve)
            decimalSeparator = "."
        case .excelNL:
            output = CSVOutput(delimiter: UInt8(ascii: ";"), prefix: [0xEF, 0xBB, 0xBF], reserve: reserve)
            decimalSeparator = ","
        }
    }

    /// Appends a header row of plain names.
    public mutating func header(_ names: [String]) {
        row(names.map { .text($0) })
    }

    /// Appends one row, terminated by CRLF.
    public mutating func row(_ fields: [CSVField]) {
        for value in fields {
            switch value {
            case .text(let text): field(text)
            case .number(let text): field(number: text)
            case .decimal(let value): field(decimal: value)
            }
        }
        endRow()
    }

    /// Appends a text field to the current row (neutralised like `.text`).
    public mutating func field(_ text: String) {
        output.field(text, lead: Self.looksLikeFormula(text) ? UInt8(ascii: "'") : nil)
    }

    /// Appends a field already formatted as a number (or a flag) to the current row, as it is.
    public mutating func field(number text: String) {
        output.field(text)
    }

    /// Appends a decimal number with six decimals and the dialect's decimal separator (non-finite: empty).
    public mutating func field(decimal value: Double) {
        output.field(Self.format(value, separator: decimalSeparator))
    }

    /// Ends the current row with CRLF.
    public mutating func endRow() {
        output.endRecord()
    }

    /// True when a value would be read as a formula by a spreadsheet.
    public static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    /// Writes the document to a file (atomically), without a second copy of the bytes in memory.
    public func write(to url: URL) throws {
        try output.write(to: url)
    }

    /// A fixed, locale-free number: `decimals` digits after `separator` (non-finite values become empty).
    public static func format(_ value: Double, decimals: Int = 6, separator: String = ".") -> String {
        guard value.isFinite else { return "" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else {
            let text = String(format: "%.\(decimals)f", value)
            return separator == "." ? text : text.replacingOccurrences(of: ".", with: separator)
        }
        let units = Int64(scaled)
        let intScale = Int64(scale)
        let whole = units / intScale
        let fraction = units % intScale
        var out = value < 0 && units != 0 ? "-" : ""
        out += String(whole)
        if decimals > 0 {
            let digits = String(fraction)
            out += separator + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return out
    }
}
