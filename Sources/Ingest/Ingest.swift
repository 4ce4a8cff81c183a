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

    /// `run`, with the rows built on one thread when `parallel` is false (for tests: the results must be the same).
    static func run(_ inputs: [InputSpec], options: IngestOptions, parallel: Bool) throws -> IngestResult {
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
            if info.encoding == .windows1252 {
                let message = info.switchedToWindows1252AtRow.map {
                    "the file starts as UTF-8 but row \($0) is not: read as Windows-1252 from there on"
                } ?? "read as Windows-1252 (not UTF-8)"
                merger.diagnostics.append(Diagnostic(
                    file: spec.path, row: info.switchedToWindows1252AtRow, severity: info.switchedToWindows1252AtRow == nil ? .info : .warning,
                    code: "encoding", message: message, value: ""))
            } else if info.encoding != .utf8 {
                merger.diagnostics.append(Diagnostic(file: spec.path, severity: .info, code: "encoding", message: "read as \(info.encoding.rawValue)"))
            }
            let rows = try table.finish(into: &merger)
            return InputFileSummary(path: spec.path, sheet: nil, rows: rows, sha256: info.sha256)
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
            return InputFileSummary(path: spec.path, sheet: sheet.name, rows: rows, sha256: hasher.finalizeHex())
        }
    }
}
