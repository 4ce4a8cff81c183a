import Foundation
import LibXLSXWriter
import Reports

/// A sample that cannot be written: the wrong file type, or the file system refused it.
public struct SampleError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The file name does not end in .csv or .xlsx.
        case fileType
        /// The file cannot be written.
        case write
    }

    /// What went wrong.
    public var kind: Kind
    /// The file.
    public var path: String
    /// What went wrong, one line.
    public var message: String

    /// `<path>: <message>`.
    public var description: String { "\(path): \(message)" }
}

/// Writes a sample export as `.csv` (Dutch Excel dialect) or `.xlsx` (numbers and dates typed, like a form tool).
public enum SampleWriter {
    /// Writes `rows` under `header` to a .csv or .xlsx file (through a temporary file and a rename).
    public static func write(header: [String], rows: [[String]], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        do {
            switch url.pathExtension.lowercased() {
            case "csv":
                // A raw export: fields are written as they are (no formula neutralising — that is for reports).
                var writer = CSVWriter(dialect: .excelNL)
                writer.row(header.map { .number($0) })
                for row in rows { writer.row(row.map { .number($0) }) }
                try writer.write(to: temporary)
            case "xlsx":
                try writeWorkbook(header: header, rows: rows, to: temporary.path)
            default:
                throw SampleError(kind: .fileType, path: path, message: "the sample file must end in .csv or .xlsx")
            }
            try? FileManager.default.removeItem(at: url)
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch let error as SampleError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw SampleError(kind: .write, path: path, message: "cannot write the sample (\(error))")
        }
    }

    static func writeWorkbook(header: [String], rows: [[String]], to path: String) throws {
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        parser.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let zone = TimeZone(identifier: "Europe/Amsterdam") ?? .current
        try Workbook.write(to: path, options: Workbook.Options(constantMemory: rows.count > 50_000)) { workbook in
            let bold = try workbook.format(FormatSpec(bold: true))
            let dateFormat = try workbook.format(FormatSpec(numberFormat: "d-m-yyyy h:mm:ss"))
            let sheet = try workbook.addWorksheet("Formulierreacties 1")
            for (column, name) in header.enumerated() { try sheet.write(0, column, name, bold) }
            for (index, row) in rows.enumerated() {
                for (column, value) in row.enumerated() where !value.isEmpty {
                    if column == 0, let number = Double(value) {
                        try sheet.write(index + 1, column, number: number)
                    } else if column == 1 || column == 2, let date = parser.date(from: value) {
                        try sheet.write(index + 1, column, date: date, timeZone: zone, dateFormat)
                    } else {
                        try sheet.write(index + 1, column, value)
                    }
                }
            }
            try sheet.setColumns(0, header.count - 1, width: 22)
        }
    }
}
