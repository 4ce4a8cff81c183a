import Foundation

/// Reads CSV files: UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252, delimiter `,` `;` or tab sniffed.
public enum CSVReader {
    /// Reads every non-empty record of a CSV file into rows of strings, values as they are (not trimmed).
    ///
    /// Throws `IngestError` for a file that is missing, unreadable, empty or not text.
    public static func read(path: String) throws -> [[String]] {
        var rows: [[String]] = []
        _ = try CSVStream.read(path: path) { fields, _ in rows.append(fields) }
        return rows
    }

    /// Parses CSV text (for tests and small inputs); the same rules as `read(path:)`.
    public static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        _ = try CSVStream.read(source: ByteSource(bytes: Array(text.utf8)), file: "<text>") { fields, _ in rows.append(fields) }
        return rows
    }
}
