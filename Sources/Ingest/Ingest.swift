import Foundation
import WerksessiesModel

/// One input file to read, optionally naming the sheet (xlsx).
public struct InputSpec: Sendable, Hashable {
    /// Path of the `.csv` or `.xlsx` file, as given (it names the file in diagnostics and errors).
    public var path: String
    /// Sheet to read in a workbook; `nil` for the first sheet. Ignored for CSV.
    public var sheet: String?

    /// Creates an input spec.
    public init(path: String, sheet: String? = nil) {
        self.path = path
        self.sheet = sheet
    }
}

/// Options of the Ingest stage (from the config).
public struct IngestOptions: Sendable {
    /// The field names `columnAliases` may use (the config checks `columns:` against them).
    public static let columnFields = CanonicalField.allCases.map(\.rawValue)

    /// Extra header aliases per canonical field (`email`, `first_name`, …), from the config's `columns:`.
    public var columnAliases: [String: [String]]
    /// Status values (folded) that mean "cancelled", in addition to the built-in ones.
    public var cancelledValues: [String]
    /// Status values (folded) that mean "confirmed / notified" (pins), in addition to the built-in ones.
    public var confirmedValues: [String]

    /// Creates options; the defaults use only the built-in aliases and status words.
    public init(columnAliases: [String: [String]] = [:], cancelledValues: [String] = [], confirmedValues: [String] = []) {
        self.columnAliases = columnAliases
        self.cancelledValues = cancelledValues
        self.confirmedValues = confirmedValues
    }
}

/// The Ingest stage: reads every input file, maps headers, validates rows, merges duplicates.
public enum Ingest {
    /// Reads and merges all inputs. Throws `IngestError` for a file that cannot be read.
    public static func run(_ inputs: [InputSpec], options: IngestOptions = IngestOptions()) throws -> IngestResult {
        try run(inputs, options: options, parallel: true)
    }

    /// Checks that every input is a readable regular file of a known kind, before anything is read: a folder, a
    /// named pipe or a device given as an input is refused at once. Throws `IngestError`.
    public static func checkFiles(_ inputs: [InputSpec]) throws {
        for spec in inputs {
            try FileChecks.checkReadable(path: spec.path)
            _ = try InputKind.detect(path: spec.path)
        }
    }

    /// `run`, with the rows built on one thread when `parallel` is false (for tests: the results must be the same).
    static func run(_ inputs: [InputSpec], options: IngestOptions, parallel: Bool) throws -> IngestResult {
        try checkFiles(inputs)
        let mapper = HeaderMapper(extraAliases: options.columnAliases)
        let statuses = AnswerParsing.StatusVocabulary(extraCancelled: options.cancelledValues, extraConfirmed: options.confirmedValues)
        var merger = RegistrationMerger()
        for key in mapper.unknownConfigFields {
            merger.diagnostics.append(Diagnostic(
                file: "config", severity: .warning, code: "unknown_column_field",
                message: "columns: '\(key)' is not a field (email, first_name, last_name, name, organisation, role, discipline, interests, mandate, consent, submitted_at, status)",
                value: key))
        }
        // Room for the registrations, guessed from the input sizes (about 120 bytes a CSV row, 60 an xlsx row).
        var expected = 0
        for spec in inputs {
            let size = ((try? FileManager.default.attributesOfItem(atPath: spec.path)[.size] as? Int) ?? nil) ?? 0
            expected += spec.path.lowercased().hasSuffix(".xlsx") ? size / 60 : size / 120
        }
        merger.reserve(expected)
        var files: [InputFileSummary] = []
        for (index, spec) in inputs.enumerated() {
            do {
                files.append(try read(spec, index: index, mapper: mapper, statuses: statuses, parallel: parallel, merger: &merger))
            } catch let error as IngestError {
                throw error
            } catch {
                throw IngestError(.fileAccess, file: spec.path, message: "cannot be read (\(error))")
            }
        }
        var result = merger.finish()
        result.files = files
        return result
    }

    /// What the reader of a CSV file says about its encoding: how it was read, and each field of a UTF-8 file with
    /// bytes that are not UTF-8 (its row, the bytes in hex, how it was read).
    static func encodingDiagnostics(_ info: CSVFileInfo, file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if info.encoding != .utf8 {
            let how = info.encoding == .windows1252 ? "read as Windows-1252 (not UTF-8)" : "read as \(info.encoding.rawValue)"
            out.append(Diagnostic(file: file, severity: .info, code: "encoding", message: how))
        }
        for field in info.invalidUTF8 {
            let hex = field.bytes.map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
            out.append(Diagnostic(
                file: file, row: field.row, column: ColumnName.letters(field.field), severity: .warning, code: "invalid_utf8",
                message: "bytes \(hex) are not UTF-8: read as Windows-1252 (the rest of the file stays UTF-8)",
                value: field.text))
        }
        let unlisted = info.invalidUTF8Count - info.invalidUTF8.count
        if unlisted > 0 {
            out.append(Diagnostic(
                file: file, severity: .warning, code: "invalid_utf8",
                message: "\(unlisted) more fields hold bytes that are not UTF-8 (read as Windows-1252)"))
        }
        return out
    }

    private static func read(
        _ spec: InputSpec, index: Int, mapper: HeaderMapper, statuses: AnswerParsing.StatusVocabulary, parallel: Bool,
        merger: inout RegistrationMerger
    ) throws -> InputFileSummary {
        switch try InputKind.detect(path: spec.path) {
        case .csv:
            var table = TableIngestor(file: spec.path, sheet: nil, fileIndex: index, mapper: mapper, statuses: statuses, reportRagged: true,
                parallel: parallel)
            let info = try CSVStream.readPipelined(
                path: spec.path, onBatch: { try table.consume($0, into: &merger) }, finishConsuming: { try table.drain(into: &merger) })
            merger.diagnostics += Self.encodingDiagnostics(info, file: spec.path)
            let rows = try table.finish(into: &merger)
            return InputFileSummary(path: spec.path, sheet: nil, rows: rows, sha256: info.sha256, columns: table.headerOfField)
        case .xlsx:
            let workbook = try XLSXPackage(path: spec.path)
            let sheet = try workbook.sheet(named: spec.sheet)
            // The file's SHA-256 is computed on another core while the sheet is read.
            let hasher = BackgroundHasher()
            hasher.update(workbook.package.bytes)
            var table = TableIngestor(file: spec.path, sheet: sheet.name, fileIndex: index, mapper: mapper, statuses: statuses, reportRagged: false,
                parallel: parallel)
            let issues = try workbook.readRowsPipelined(
                of: sheet, onBatch: { try table.consume($0, into: &merger) }, finishConsuming: { try table.drain(into: &merger) })
            for issue in issues {
                merger.diagnostics.append(Diagnostic(
                    file: spec.path, sheet: sheet.name, row: issue.row, column: issue.column.map(ColumnName.letters),
                    severity: .warning, code: issue.code, message: issue.message, value: issue.value))
            }
            let rows = try table.finish(into: &merger)
            return InputFileSummary(
                path: spec.path, sheet: sheet.name, rows: rows, sha256: hasher.finalizeHex(), columns: table.headerOfField)
        }
    }
}
