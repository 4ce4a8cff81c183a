import CXLSXWriter

/// An error of libxlsxwriter: its `lxw_error` code and message, the C function that reported it and the workbook's path.
public struct XLSXWriterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A libxlsxwriter error code (`lxw_error`); the named ones are those the reports can meet.
    public struct Code: RawRepresentable, Sendable, Hashable {
        /// The raw `lxw_error` value.
        public let rawValue: UInt32

        /// Wraps a raw `lxw_error` value.
        public init(rawValue: UInt32) {
            self.rawValue = rawValue
        }

        init(_ error: lxw_error) {
            rawValue = error.rawValue
        }

        /// Out of memory.
        public static let memory = Code(LXW_ERROR_MEMORY_MALLOC_FAILED)
        /// The xlsx file could not be created (a missing or read-only folder).
        public static let creatingFile = Code(LXW_ERROR_CREATING_XLSX_FILE)
        /// A temporary file could not be created.
        public static let creatingTemporaryFile = Code(LXW_ERROR_CREATING_TMPFILE)
        /// A parameter was out of range (e.g. a row written out of order in constant-memory mode).
        public static let parameterValidation = Code(LXW_ERROR_PARAMETER_VALIDATION)
        /// A feature that the workbook's mode does not support (e.g. a table in constant-memory mode).
        public static let featureNotSupported = Code(LXW_ERROR_FEATURE_NOT_SUPPORTED)
        /// More than Excel's 65,530 links in a sheet.
        public static let tooManyLinks = Code(LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED)
        /// An operation on a workbook that is already closed (not a libxlsxwriter code).
        public static let closed = Code(rawValue: UInt32(LXW_MAX_ERRNO.rawValue) + 1)
    }

    /// The error code.
    public var code: Code
    /// libxlsxwriter's text for the code (`lxw_strerror`), or what went wrong.
    public var message: String
    /// The C function that failed, e.g. `workbook_close`.
    public var function: String
    /// The workbook file being written.
    public var path: String

    /// Creates an error record.
    public init(code: Code, message: String, function: String, path: String) {
        self.code = code
        self.message = message
        self.function = function
        self.path = path
    }

    /// One line naming the file, the function and the cause.
    public var description: String { "\(path): \(function): \(message)" }

    /// The error for an `lxw_error`, or nil for `LXW_NO_ERROR`.
    static func check(_ error: lxw_error, function: String, path: String) throws {
        guard error != LXW_NO_ERROR else { return }
        let message = lxw_strerror(error).map { String(cString: $0) } ?? "error \(error.rawValue)"
        throw XLSXWriterError(code: Code(error), message: message, function: function, path: path)
    }
}
