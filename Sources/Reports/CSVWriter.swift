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

/// A CSV document in one of the analysts' dialects (quoting by libcsv, through `CSVOutput`), kept in memory or,
/// with `streamingTo`, written to its file as it grows (a report of a million rows never is in memory whole).
public struct CSVWriter: Sendable {
    private var output: CSVOutput
    /// "." in the standard dialect, "," in Dutch Excel's.
    public let decimalSeparator: String
    /// The file a streamed document goes to (nil: in memory until `write(to:)`).
    private var file: CSVFileSink?
    /// A streamed document hands its bytes to the file whenever this many are waiting.
    static let chunkBytes = 1 << 20

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

    /// Starts a document that is written to `url` as it grows: to a temporary file beside it, renamed over `url`
    /// by `finish()`.
    public init(dialect: ReportOptions.CSVDialect, streamingTo url: URL) throws {
        self.init(dialect: dialect, reserve: Self.chunkBytes + (1 << 16))
        file = try CSVFileSink(url)
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
        if let file, output.bytes.count >= Self.chunkBytes { output.drain { file.append($0) } }
    }

    /// Ends a streamed document: the rest of its bytes written, the file synced to its name (nothing when in memory).
    public mutating func finish() throws {
        guard let file else { return }
        output.drain { file.append($0) }
        self.file = nil
        try file.finish()
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
