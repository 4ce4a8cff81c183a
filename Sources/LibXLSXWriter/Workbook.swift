import CXLSXWriter
import Foundation

/// An xlsx workbook written by libxlsxwriter. Not shared between threads; separate workbooks are
/// independent and may be written on separate threads at the same time.
///
/// The file itself is written by `close()`, which is the only call that reports file errors and which
/// frees the workbook: it runs exactly once (a second call does nothing; every other call then throws).
public final class Workbook {
    /// How libxlsxwriter writes the workbook (`lxw_workbook_options`).
    public struct Options: Sendable, Hashable {
        /// Rows are written to disk as they are made (rows in order per sheet; strings inline, no tables).
        public var constantMemory: Bool
        /// The folder for libxlsxwriter's temporary files.
        public var temporaryDirectory: String
        /// ZIP64 extensions, for parts over 4 GB.
        public var useZip64: Bool

        /// Creates options; the temporary files go to a RAM-backed folder when there is one.
        public init(constantMemory: Bool = false, temporaryDirectory: String = Options.ramBackedTemporaryDirectory, useZip64: Bool = false) {
            self.constantMemory = constantMemory
            self.temporaryDirectory = temporaryDirectory
            self.useZip64 = useZip64
        }

        /// `/dev/shm` when it exists and is writable (memory-backed, so temporary files cost no disk I/O),
        /// else the system's temporary folder.
        public static let ramBackedTemporaryDirectory: String = {
            var isDirectory: ObjCBool = false
            let shm = "/dev/shm"
            if FileManager.default.fileExists(atPath: shm, isDirectory: &isDirectory), isDirectory.boolValue,
               FileManager.default.isWritableFile(atPath: shm) {
                return shm
            }
            return NSTemporaryDirectory()
        }()
    }

    /// The document properties shown in File › Properties.
    public struct Properties: Sendable, Hashable {
        /// Title.
        public var title = ""
        /// Subject.
        public var subject = ""
        /// Author.
        public var author = ""
        /// Manager.
        public var manager = ""
        /// Company.
        public var company = ""
        /// Category.
        public var category = ""
        /// Keywords.
        public var keywords = ""
        /// Comments.
        public var comments = ""
        /// Creation time (fixed, for reproducible files); nil: now.
        public var created: Date?

        /// Creates properties.
        public init(
            title: String = "", subject: String = "", author: String = "", manager: String = "", company: String = "",
            category: String = "", keywords: String = "", comments: String = "", created: Date? = nil
        ) {
            self.title = title
            self.subject = subject
            self.author = author
            self.manager = manager
            self.company = company
            self.category = category
            self.keywords = keywords
            self.comments = comments
            self.created = created
        }
    }

    /// The file the workbook is written to (on close).
    public let path: String
    /// The options it was opened with.
    public let options: Options
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    /// The C copy of the temporary folder, alive as long as the workbook.
    private let temporaryDirectory: UnsafeMutablePointer<CChar>?
    private var formats: [FormatSpec: UnsafeMutablePointer<lxw_format>] = [:]
    private var sheetNames: Set<String> = []

    /// Opens a new workbook for `path`; nothing is written to `path` before `close()`.
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        temporaryDirectory = strdup(options.temporaryDirectory)
        var raw = lxw_workbook_options(
            constant_memory: options.constantMemory ? 1 : 0, tmpdir: temporaryDirectory, use_zip64: options.useZip64 ? 1 : 0)
        handle = path.withCString { workbook_new_opt($0, &raw) }
        if handle == nil {
            free(temporaryDirectory)
            throw XLSXWriterError(
                code: .memory, message: "could not create the workbook (memory or temporary folder \(options.temporaryDirectory))",
                function: "workbook_new_opt", path: path)
        }
    }

    deinit {
        // A workbook abandoned without close() (an error path) is still closed once, to free it; its error is ignored.
        if let handle { _ = workbook_close(handle) }
        free(temporaryDirectory)
    }

    /// Writes a workbook: runs `body`, closes the workbook, and removes the file again when anything failed.
    public static func write(to path: String, options: Options = Options(), _ body: (Workbook) throws -> Void) throws {
        let workbook = try Workbook(path: path, options: options)
        do {
            try body(workbook)
            try workbook.close()
        } catch {
            try? workbook.close()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// True until `close()` has run.
    public var isOpen: Bool { handle != nil }

    /// Writes the file and frees the workbook (libxlsxwriter's `workbook_close`); a second call does nothing.
    public func close() throws {
        guard let handle else { return }
        self.handle = nil
        formats = [:]
        try check(workbook_close(handle), "workbook_close")
    }

    func check(_ error: lxw_error, _ function: String) throws {
        try XLSXWriterError.check(error, function: function, path: path)
    }

    func failure(_ function: String, _ message: String, code: XLSXWriterError.Code = .memory) -> XLSXWriterError {
        XLSXWriterError(code: code, message: message, function: function, path: path)
    }

    /// The open workbook, or the error for a call after `close()`.
    func open(_ function: String) throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw failure(function, "the workbook is already closed", code: .closed) }
        return handle
    }

    /// Sets the document properties.
    public func setProperties(_ properties: Properties) throws {
        let h = try open("workbook_set_properties")
        let texts = [
            properties.title, properties.subject, properties.author, properties.manager, properties.company,
            properties.category, properties.keywords, properties.comments,
        ].map { $0.isEmpty ? nil : strdup(Worksheet.cleaned($0)) }
        defer { texts.forEach { free($0) } }
        var raw = lxw_doc_properties()
        raw.title = texts[0]
        raw.subject = texts[1]
        raw.author = texts[2]
        raw.manager = texts[3]
        raw.company = texts[4]
        raw.category = texts[5]
        raw.keywords = texts[6]
        raw.comments = texts[7]
        if let created = properties.created { raw.created = time_t(created.timeIntervalSince1970.rounded(.down)) }
        try check(workbook_set_properties(h, &raw), "workbook_set_properties")
    }

    /// Adds a custom document property holding text (File › Properties › Custom).
    public func setCustomProperty(_ name: String, _ value: String) throws {
        let h = try open("workbook_set_custom_property_string")
        try check(workbook_set_custom_property_string(h, Worksheet.cleaned(name), Worksheet.cleaned(value)), "workbook_set_custom_property_string")
    }

    /// Adds a worksheet; the name is made valid (no `[]:*?/\`, at most 31 characters) and unique.
    public func addWorksheet(_ requested: String) throws -> Worksheet {
        let h = try open("workbook_add_worksheet")
        let name = uniqueSheetName(requested)
        try check(workbook_validate_sheet_name(h, name), "workbook_validate_sheet_name")
        guard let sheet = workbook_add_worksheet(h, name) else {
            throw failure("workbook_add_worksheet", "could not add sheet \(name)")
        }
        sheetNames.insert(name.lowercased())
        return Worksheet(handle: sheet, workbook: self, name: name)
    }

    private func uniqueSheetName(_ requested: String) -> String {
        let forbidden = Set("[]:*?/\\")
        var base = String(Worksheet.cleaned(requested).filter { !forbidden.contains($0) && !$0.isNewline })
            .trimmingCharacters(in: .whitespaces)
        while base.hasPrefix("'") { base.removeFirst() }
        while base.hasSuffix("'") { base.removeLast() }
        if base.isEmpty { base = "Blad" }
        var candidate = String(base.prefix(31))
        var counter = 2
        while sheetNames.contains(candidate.lowercased()) {
            let suffix = " (\(counter))"
            candidate = String(base.prefix(31 - suffix.count)) + suffix
            counter += 1
        }
        return candidate
    }

    /// The format for a spec: created once per workbook and shared by every cell that uses the spec.
    public func format(_ spec: FormatSpec) throws -> Format {
        if let existing = formats[spec] { return Format(handle: existing) }
        let h = try open("workbook_add_format")
        guard let raw = workbook_add_format(h) else { throw failure("workbook_add_format", "could not add a format") }
        spec.apply(to: raw)
        formats[spec] = raw
        return Format(handle: raw)
    }

    /// Adds a native chart; place it with `Worksheet.insert(_:row:column:)`.
    public func addChart(_ type: Chart.Kind) throws -> Chart {
        let h = try open("workbook_add_chart")
        guard let chart = workbook_add_chart(h, UInt8(type.raw.rawValue)) else {
            throw failure("workbook_add_chart", "could not add a chart")
        }
        return Chart(handle: chart, workbook: self, kind: type)
    }
}
