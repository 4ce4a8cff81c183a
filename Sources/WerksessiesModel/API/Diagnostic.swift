/// A problem found in the input: where it is, what it is, and the offending value.
///
/// Diagnostics are data: they flow through the stages and end up in `data_quality.csv`.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// How bad the problem is.
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
        /// The row was rejected.
        case error
        /// The row was kept, but a value could not be used as given.
        case warning
        /// Worth knowing, nothing lost.
        case info
    }

    public var file: String
    public var sheet: String?
    /// 1-based row number as the user sees it in the spreadsheet / text editor.
    public var row: Int?
    /// Column header as found in the file (or a column letter when there is no header).
    public var column: String?
    public var severity: Severity
    /// Stable machine-readable code, e.g. `invalid_email`, `unmapped_discipline`.
    public var code: String
    public var message: String
    public var value: String
    /// The registrant's e-mail address, when the problem is about one registrant and the finder knows it.
    public var email: String?

    public init(
        file: String, sheet: String? = nil, row: Int? = nil, column: String? = nil,
        severity: Severity, code: String, message: String, value: String = "", email: String? = nil
    ) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.severity = severity
        self.code = code
        self.message = message
        self.value = value
        self.email = email
    }

    /// `file:sheet:row:column` as a user-facing location (parts that are unknown are left out).
    public var location: String {
        var parts = [file]
        if let sheet { parts.append(sheet) }
        if let row { parts.append(String(row)) }
        if let column { parts.append(column) }
        return parts.joined(separator: ":")
    }
}

/// Where a registration came from.
public struct SourceRef: Sendable, Hashable, Codable {
    public var file: String
    public var sheet: String?
    /// 1-based row number in the file.
    public var row: Int
    /// Position of the file in the input list (for "file order" tie-breaks).
    public var fileIndex: Int

    public init(file: String, sheet: String? = nil, row: Int, fileIndex: Int = 0) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.fileIndex = fileIndex
    }
}
