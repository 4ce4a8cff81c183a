import Foundation
import WerksessiesModel

/// Limits on values, shared by the readers.
enum ValueLimits {
    /// Excel's own limit on the characters (UTF-16 units) in a cell; longer values are cut with a warning.
    static let maxCellCharacters = 32_767
    /// Cells longer than this (bytes) mean the file is not a registration export.
    static let maxCellBytes = 1 << 20
    /// Columns a sheet may have (Excel's maximum).
    static let maxColumns = 16_384
    /// Rows scanned for the header row.
    static let headerSearchRows = 30
}

/// Turns the rows of one table (a CSV file or a sheet) into registrations: finds the header row, maps it,
/// then has a `RowBuilder` validate the data rows, batch by batch (in parallel when `parallel`), and hands the
/// results to the merger in row order, so that the outcome does not depend on the parallelism.
struct TableIngestor {
    let file: String
    let sheet: String?
    let fileIndex: Int
    let mapper: HeaderMapper
    let statuses: AnswerParsing.StatusVocabulary
    /// CSV: report rows with another number of fields than the header.
    let reportRagged: Bool
    /// Build batches of rows on other threads.
    let parallel: Bool
    private var header: HeaderMap?
    private var builder: RowBuilder?
    private var headerRowNumber = 0
    private var firstNonEmpty: [String]?
    private var nonEmptySeen = 0
    private(set) var dataRows = 0
    private var raggedReported = 0
    private var raggedTotal = 0
    /// Batches being built on other threads, oldest first.
    private var pending: [PendingRows] = []
    private let maxPending = max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)

    init(
        file: String, sheet: String?, fileIndex: Int, mapper: HeaderMapper, statuses: AnswerParsing.StatusVocabulary, reportRagged: Bool,
        parallel: Bool = true
    ) {
        self.file = file
        self.sheet = sheet
        self.fileIndex = fileIndex
        self.mapper = mapper
        self.statuses = statuses
        self.reportRagged = reportRagged
        self.parallel = parallel && ProcessInfo.processInfo.activeProcessorCount > 1
    }

    /// The header each field was read from, as the file has it (field name → header).
    var headerOfField: [String: String] {
        guard let header else { return [:] }
        var out: [String: String] = [:]
        for (field, columns) in header.columns {
            if let first = columns.first, first < header.headers.count { out[field.rawValue] = header.headers[first] }
        }
        return out
    }

    private func diagnostic(_ severity: Diagnostic.Severity, _ code: String, row: Int?, column: String?, _ message: String, value: String = "") -> Diagnostic {
        Diagnostic(file: file, sheet: sheet, row: row, column: column, severity: severity, code: code, message: message, value: value)
    }

    private func where_() -> String { sheet.map { "sheet '\($0)'" } ?? "the file" }

    /// Consumes one row as read (cells untrimmed), with its row number as the user sees it.
    mutating func consume(_ cells: [String], row: Int, into merger: inout RegistrationMerger) throws {
        var batch = RecordBatch()
        _ = batch.append(cells, row: row)
        try consume(batch, into: &merger)
    }

    /// Consumes a batch of rows in order; batches after the header row may be built in parallel, their results
    /// reach the merger (in order) in this call or a later one, at the latest in `drain`.
    mutating func consume<Rows: TableRows>(_ rows: Rows, into merger: inout RegistrationMerger) throws {
        if let builder {
            if !parallel {
                var b = builder
                var out = RowOutput()
                b.build(rows, into: &out)
                self.builder = b  // warm caches
                try merge(out, into: &merger)
                return
            }
            let work = PendingRows()
            pending.append(work)
            DispatchQueue.global(qos: .userInitiated).async {
                var b = builder
                var out = RowOutput()
                b.build(rows, into: &out)
                work.set(out)
            }
            // Merge what is done, and wait for the oldest while too many are in flight.
            while let first = pending.first, pending.count > maxPending || first.isDone {
                pending.removeFirst()
                try merge(first.wait(), into: &merger)
            }
            return
        }
        // Before the header: row by row, in order.
        var record = 0
        while record < rows.count, header == nil {
            let width = rows.cellCount(record)
            if width > ValueLimits.maxColumns {
                throw IngestError(.csvSyntax, file: file, message: "row \(rows.rowNumber(record)) has \(width) fields (\(ValueLimits.maxColumns) at most): not a registration export")
            }
            try lookForHeader(rows, record, merger: &merger)
            record += 1
        }
        if var b = builder, record < rows.count {
            var out = RowOutput()
            b.build(rows, from: record, into: &out)
            builder = b
            try merge(out, into: &merger)
        }
    }

    /// Merges the batches still being built (in order).
    mutating func drain(into merger: inout RegistrationMerger) throws {
        while !pending.isEmpty {
            let first = pending.removeFirst()
            try merge(first.wait(), into: &merger)
        }
    }

    /// Hands the results of a batch to the merger, in row order.
    private mutating func merge(_ out: RowOutput, into merger: inout RegistrationMerger) throws {
        dataRows += out.dataRows
        merger.counts.rowsRead += out.dataRows
        for event in out.events {
            switch event {
            case .diagnostic(let d): merger.diagnostics.append(d)
            case .ragged(let d):
                raggedTotal += 1
                if raggedReported < 1000 {
                    raggedReported += 1
                    merger.diagnostics.append(d)
                }
            case .registration(let registration, let keyHash): merger.add(registration, keyHash: keyHash)
            case .rejected: merger.counts.rejected += 1
            case .failure(let error): throw error
            }
        }
    }

    private mutating func lookForHeader<Rows: TableRows>(_ rows: Rows, _ record: Int, merger: inout RegistrationMerger) throws {
        if rows.isBlankRow(record) { return }
        let cells = rows.cells(record)
        let row = rows.rowNumber(record)
        nonEmptySeen += 1
        if firstNonEmpty == nil { firstNonEmpty = cells }
        let map = mapper.map(cells)
        let nonEmpty = cells.reduce(0) { $0 + (LookupFolding.trim($1).isEmpty ? 0 : 1) }
        // A lone cell such as "E-mail export van het formulier" is a title, not a header; a lone "E-mail" is a header.
        let loneShortCell = nonEmpty == 1 && map.column(.email).map { LookupFolding.tokens(LookupFolding.fold(cells[$0])).count <= 2 } == true
        if map.column(.email) != nil, map.score >= 2 || nonEmpty >= 2 || loneShortCell {
            header = map
            builder = RowBuilder(
                file: file, sheet: sheet, fileIndex: fileIndex, statuses: statuses, reportRagged: reportRagged, header: map,
                headerWidth: cells.count)
            headerRowNumber = row
            if nonEmptySeen > 1 {
                merger.diagnostics.append(diagnostic(
                    .info, "header_row", row: row, column: nil,
                    "the header is row \(row); \(nonEmptySeen - 1) row(s) above it are skipped"))
            }
            for issue in map.issues {
                merger.diagnostics.append(diagnostic(.warning, issue.code, row: row, column: map.headers[issue.column], issue.message, value: issue.value))
            }
            if !map.unmapped.isEmpty {
                let names = map.unmapped.prefix(50).map { map.headers[$0] }
                merger.diagnostics.append(diagnostic(
                    .info, "unmapped_columns", row: row, column: nil,
                    "\(map.unmapped.count) column(s) not used: " + names.joined(separator: " | "), value: ""))
            }
            return
        }
        if nonEmptySeen >= ValueLimits.headerSearchRows { throw missingEmailError() }
    }

    private func missingEmailError() -> IngestError {
        let found = (firstNonEmpty ?? []).map { LookupFolding.trim($0) }.filter { !$0.isEmpty }
        var list = found.prefix(40).map { "\"\($0.count > 60 ? String($0.prefix(60)) + "…" : $0)\"" }.joined(separator: ", ")
        if found.count > 40 { list += ", … (\(found.count) in all)" }
        let inSheet = sheet.map { " in sheet '\($0)'" } ?? ""
        return IngestError(
            .header,
            file: file,
            message: "no e-mail column found\(inSheet) (looked for E-mailadres, E-mail, Email, Mail in the first "
                + "\(ValueLimits.headerSearchRows) rows); headers found: \(list.isEmpty ? "none" : list)")
    }

    /// Ends the table (merging what is still being built); returns the number of data rows.
    mutating func finish(into merger: inout RegistrationMerger) throws -> Int {
        try drain(into: &merger)
        if header == nil {
            if nonEmptySeen == 0 {
                throw IngestError(.empty, file: file, message: sheet.map { "sheet '\($0)' is empty: no rows" } ?? "no rows: the file holds only empty lines")
            }
            throw missingEmailError()
        }
        if raggedTotal > raggedReported {
            merger.diagnostics.append(diagnostic(.warning, "ragged_row", row: nil, column: nil, "\(raggedTotal - raggedReported) more ragged rows not listed"))
        }
        if dataRows == 0 {
            merger.diagnostics.append(diagnostic(.warning, "no_data_rows", row: headerRowNumber, column: nil, "\(where_()) has a header row but no data rows"))
        }
        return dataRows
    }
}

/// The result of a batch built on another thread.
final class PendingRows: @unchecked Sendable {
    // `output` is guarded by `condition`.
    private let condition = NSCondition()
    private var output: RowOutput?

    /// Stores the result (once).
    func set(_ value: RowOutput) {
        condition.lock()
        output = value
        condition.broadcast()
        condition.unlock()
    }

    /// True once the result is there.
    var isDone: Bool {
        condition.lock()
        defer { condition.unlock() }
        return output != nil
    }

    /// Waits for the result.
    func wait() -> RowOutput {
        condition.lock()
        defer { condition.unlock() }
        while output == nil { condition.wait() }
        return output!
    }
}
