import CCSV
import Foundation
import WerksessiesModel

/// One CSV field: text from data (neutralised against formula injection) or a formatted number.
public enum CSVField: Sendable, Hashable {
    /// Text; a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` prefix.
    case text(String)
    /// A number already formatted by `CSVWriter.format`; written as is.
    case number(String)
}

/// An in-memory CSV document in one of the analysts' dialects, quoted by libcsv where needed.
public struct CSVWriter: Sendable {
    /// The bytes written so far (BOM included for `.excelNL`).
    public private(set) var bytes: [UInt8] = []
    /// The field delimiter.
    public let delimiter: UInt8
    private var scratch: [UInt8] = []
    private var fieldsInRow = 0

    /// Starts a document in the dialect (`,` for standard, `;` and a UTF-8 BOM for Dutch Excel; CRLF for both).
    public init(dialect: ReportOptions.CSVDialect, reserve: Int = 1 << 14) {
        bytes.reserveCapacity(reserve)
        switch dialect {
        case .standard:
            delimiter = UInt8(ascii: ",")
        case .excelNL:
            delimiter = UInt8(ascii: ";")
            bytes.append(contentsOf: [0xEF, 0xBB, 0xBF])
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
            }
        }
        endRow()
    }

    /// Appends a text field to the current row (neutralised like `.text`).
    public mutating func field(_ text: String) {
        if fieldsInRow > 0 { bytes.append(delimiter) }
        fieldsInRow += 1
        append(text, neutralise: true)
    }

    /// Appends a field already formatted as a number (or a flag) to the current row, as it is.
    public mutating func field(number text: String) {
        if fieldsInRow > 0 { bytes.append(delimiter) }
        fieldsInRow += 1
        append(text, neutralise: false)
    }

    /// Ends the current row with CRLF.
    public mutating func endRow() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        fieldsInRow = 0
    }

    /// True when a value would be read as a formula by a spreadsheet.
    public static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    private mutating func append(_ text: String, neutralise: Bool) {
        let formula = neutralise && Self.looksLikeFormula(text)
        // Fast path: contiguous UTF-8 without anything to quote is copied as it is.
        let delimiter = delimiter
        let copied = text.utf8.withContiguousStorageIfAvailable { raw -> Bool in
            if raw.contains(where: { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) { return false }
            if formula { bytes.append(UInt8(ascii: "'")) }
            bytes.append(contentsOf: raw)
            return true
        }
        if copied == true { return }
        var text = text
        if formula { text = "'" + text }
        var needsQuotes = false
        for byte in text.utf8 where byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            bytes.append(contentsOf: text.utf8)
            return
        }
        let source = Array(text.utf8)
        let capacity = source.count * 2 + 2
        if scratch.count < capacity { scratch = [UInt8](repeating: 0, count: capacity) }
        let written = source.withUnsafeBytes { src in
            scratch.withUnsafeMutableBytes { dst in
                csv_write(dst.baseAddress, capacity, src.baseAddress, src.count)
            }
        }
        bytes.append(contentsOf: scratch[0..<min(written, capacity)])
    }

    /// Writes the document to a file (atomically), without a second copy of the bytes in memory.
    public func write(to url: URL) throws {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return try Data().write(to: url, options: .atomic) }
            let view = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none)
            try view.write(to: url, options: .atomic)
        }
    }

    /// A fixed, locale-free number: `decimals` digits after a "." (non-finite values become empty).
    public static func format(_ value: Double, decimals: Int = 6) -> String {
        guard value.isFinite else { return "" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(format: "%.\(decimals)f", value) }
        let units = Int64(scaled)
        let intScale = Int64(scale)
        let whole = units / intScale
        let fraction = units % intScale
        var out = value < 0 && units != 0 ? "-" : ""
        out += String(whole)
        if decimals > 0 {
            let digits = String(fraction)
            out += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return out
    }
}
