import CCSV

/// How the bytes of a CSV field become a `String`.
enum CSVFieldDecoding: Sendable {
    /// UTF-8; a field that is not valid UTF-8 switches the rest of the file to Windows-1252.
    case utf8WithFallback
    /// Windows-1252 throughout.
    case windows1252
}

/// Why a CSV parse stopped early.
enum CSVParseStop: Error, Sendable {
    /// A field longer than the limit (record number, 1-based field index, its length in bytes).
    case fieldTooLong(row: Int, column: Int, bytes: Int)
    /// libcsv reported an error.
    case library(String)
    /// The record consumer threw.
    case consumer(any Error)
}

/// A streaming CSV record parser over libcsv. This is the only file of the CSV reader with pointer code.
///
/// Feed it byte chunks; it collects the non-empty records, with their record numbers (1-based, counting empty lines,
/// as a spreadsheet shows it), as UTF-8 bytes in a `CSVRecordBatch` and calls `onBatch` with each batch of
/// `batchRows` records (or about `batchBytes` bytes) after the chunk that completed it (the rest with `finish()`).
/// No `String` is made here.
final class CSVRecordParser {
    private let parser: UnsafeMutablePointer<csv_parser>
    /// What libcsv's callbacks change, reached through a pointer: no reference counting or exclusivity checks per field.
    private let state: UnsafeMutablePointer<CSVRecordCollector>
    private let onBatch: (CSVRecordBatch) throws -> Void
    private var consumerError: (any Error)?
    private var closed = false

    /// Why the parse stopped, if it did: an error of `onBatch` comes first (its records precede any later problem).
    var stop: CSVParseStop? { consumerError.map { .consumer($0) } ?? state.pointee.stop }
    /// The record number at which the decoding switched to Windows-1252, if it did.
    var switchedToWindows1252AtRow: Int? { state.pointee.switchedToWindows1252AtRow }

    /// Creates a parser for one delimiter; `onBatch` gets the records in batches.
    init(
        delimiter: UInt8, decoding: CSVFieldDecoding, maxFieldBytes: Int, batchRows: Int = 2048, batchBytes: Int = 4 << 20,
        onBatch: @escaping (CSVRecordBatch) throws -> Void
    ) throws {
        self.onBatch = onBatch
        parser = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
        guard csv_init(parser, UInt8(CSV_REPALL_NL)) == 0 else {
            parser.deallocate()
            throw CSVParseStop.library("cannot initialise libcsv")
        }
        state = UnsafeMutablePointer<CSVRecordCollector>.allocate(capacity: 1)
        state.initialize(to: CSVRecordCollector(decoding: decoding, maxFieldBytes: maxFieldBytes, batchRows: max(batchRows, 1), batchBytes: batchBytes))
        csv_set_delim(parser, delimiter)
        csv_set_quote(parser, UInt8(CSV_QUOTE))
        // libcsv skips spaces and tabs before a field; with tab as the delimiter only the space may count as padding
        // (else empty fields would collapse). The default test is inline and faster, so keep it for `,` and `;`.
        if delimiter == 0x09 { csv_set_space_func(parser) { c in c == 0x20 ? 1 : 0 } }
        csv_set_blk_size(parser, 64 * 1024)
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Parses `bytes[from..<to]` and delivers the batches it completed; does nothing once `stop` is set.
    func feed(_ bytes: [UInt8], from: Int, to: Int) {
        guard stop == nil, from < to else { return }
        let context = UnsafeMutableRawPointer(state)
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            let length = to - from
            let parsed = csv_parse(parser, base + from, length, CSVRecordParser.fieldCallback, CSVRecordParser.rowCallback, context)
            if parsed != length, state.pointee.stop == nil {
                state.pointee.stop = .library(String(cString: csv_strerror(csv_error(parser))))
            }
        }
        // A field still being accumulated (e.g. an unterminated quote) must not grow without bound.
        if state.pointee.stop == nil, csv_get_buffer_size(parser) > state.pointee.maxFieldBytes + 128 * 1024 {
            state.pointee.stop = .fieldTooLong(row: state.pointee.recordNumber, column: state.pointee.fieldCount + 1, bytes: csv_get_buffer_size(parser))
        }
        deliver()
    }

    /// Flushes the last record.
    func finish() {
        guard !closed else { return }
        closed = true
        guard stop == nil else { return }
        _ = csv_fini(parser, CSVRecordParser.fieldCallback, CSVRecordParser.rowCallback, UnsafeMutableRawPointer(state))
        if state.pointee.stop == nil, state.pointee.batch.count > 0 { state.pointee.completeBatch() }
        deliver()
    }

    /// Hands the completed batches to `onBatch`, in order, until it throws.
    private func deliver() {
        guard !state.pointee.completed.isEmpty else { return }
        let batches = state.pointee.completed
        state.pointee.completed.removeAll()
        for batch in batches where consumerError == nil {
            do {
                try onBatch(batch)
            } catch {
                consumerError = error
            }
        }
    }

    private static let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
        guard let context else { return }
        context.assumingMemoryBound(to: CSVRecordCollector.self).pointee.field(data, length)
    }

    private static let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
        guard let context else { return }
        context.assumingMemoryBound(to: CSVRecordCollector.self).pointee.row(terminator)
    }
}

/// The records libcsv reports, collected into batches of bytes.
private struct CSVRecordCollector {
    var batch = CSVRecordBatch()
    /// Batches complete and not yet delivered.
    var completed: [CSVRecordBatch] = []
    /// Fields of the record being read.
    var fieldCount = 0
    var decoding: CSVFieldDecoding
    var switchedToWindows1252AtRow: Int?
    var recordNumber = 1
    var previousTerminator: Int32 = 0
    let maxFieldBytes: Int
    let batchRows: Int
    let batchBytes: Int
    var stop: CSVParseStop?

    init(decoding: CSVFieldDecoding, maxFieldBytes: Int, batchRows: Int, batchBytes: Int) {
        self.decoding = decoding
        self.maxFieldBytes = maxFieldBytes
        self.batchRows = batchRows
        self.batchBytes = batchBytes
    }

    mutating func field(_ data: UnsafeMutableRawPointer?, _ length: Int) {
        guard stop == nil else { return }
        fieldCount += 1
        guard length > 0, let data else {
            batch.fieldEnds.append(batch.bytes.count)
            return
        }
        if length > maxFieldBytes {
            stop = .fieldTooLong(row: recordNumber, column: fieldCount, bytes: length)
            return
        }
        let buffer = UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: length)
        switch decoding {
        case .utf8WithFallback:
            if Self.isASCII(UnsafeRawBufferPointer(buffer)) || String(validating: buffer, as: UTF8.self) != nil {
                batch.bytes.append(contentsOf: buffer)
            } else {
                decoding = .windows1252
                switchedToWindows1252AtRow = recordNumber
                TextDecoding.appendWindows1252AsUTF8(buffer, to: &batch.bytes)
            }
        case .windows1252:
            TextDecoding.appendWindows1252AsUTF8(buffer, to: &batch.bytes)
        }
        batch.fieldEnds.append(batch.bytes.count)
    }

    /// True when no byte has the high bit set (eight bytes at a time).
    @inline(__always)
    private static func isASCII(_ buffer: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = buffer.count
        while i + 8 <= n {
            if buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n {
            if buffer[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    mutating func row(_ terminator: Int32) {
        guard stop == nil else { return }
        if fieldCount == 0 {
            // An empty line; the LF of a CRLF is not a line of its own.
            if !(terminator == 0x0A && previousTerminator == 0x0D) { recordNumber += 1 }
            previousTerminator = terminator
            return
        }
        fieldCount = 0
        previousTerminator = terminator
        batch.recordEnds.append(batch.fieldEnds.count)
        batch.rows.append(recordNumber)
        recordNumber += 1
        if batch.count >= batchRows || batch.bytes.count >= batchBytes { completeBatch() }
    }

    /// Moves the collected records to `completed` and starts a new batch of the same size.
    mutating func completeBatch() {
        completed.append(batch.take())
    }
}
