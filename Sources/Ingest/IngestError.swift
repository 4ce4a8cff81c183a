import Foundation
import WerksessiesModel

/// A file that cannot be read at all: the run stops with one line naming the file (the CLI's exit code 3).
public struct IngestError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of problem it is.
    enum Code: String, Sendable {
        /// Missing, not a regular file, not readable.
        case fileAccess
        /// Not a CSV or xlsx file (by extension or content).
        case fileType
        /// No bytes, or no rows.
        case empty
        /// CSV that cannot be parsed (an open quote, an absurd field or record).
        case csvSyntax
        /// A damaged workbook: its zip, its XML or its cells.
        case corruptWorkbook
        /// Past a size limit (zip bomb protection, workbook size).
        case limit
        /// The sheet asked for is missing or has no cells.
        case sheet
        /// The header lacks a required column.
        case header
        /// Stopped because the consumer gave up.
        case cancelled
    }

    /// What kind of problem it is.
    let code: Code
    /// The file as given in the inputs.
    public var file: String
    /// The sheet, for a workbook problem that is about one.
    public var sheet: String?
    /// The row (as a spreadsheet numbers it), where the problem is in one.
    public var row: Int?
    /// The column (header name, letter or field number), where the problem is in one.
    public var column: String?
    /// What is wrong with it.
    public var message: String
    /// The error underneath (a system or library error), if any.
    public var underlying: (any Error & Sendable)?

    /// An error of kind `code` for `file`.
    init(
        _ code: Code, file: String, sheet: String? = nil, row: Int? = nil, column: String? = nil, message: String,
        underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.message = message
        self.underlying = underlying
    }

    /// `file[, sheet][, row][, column]: message`, on one line whatever the file name or message holds.
    public var description: String {
        var place = file
        if let sheet { place += ", sheet '\(sheet)'" }
        if let row { place += ", row \(row)" }
        if let column { place += ", \(column)" }
        return OneLine.escape(place + ": " + message)
    }

    /// Equal when kind, place and message are (the underlying errors are not compared).
    public static func == (a: IngestError, b: IngestError) -> Bool {
        a.code == b.code && a.file == b.file && a.sheet == b.sheet && a.row == b.row && a.column == b.column
            && a.message == b.message
    }
}

extension IngestError: LocalizedError {
    /// The same one line as `description`.
    public var errorDescription: String? { description }
}
