import CCSV

/// A streaming CSV parser over libcsv: RFC 4180 quoting, CR, LF or CRLF line ends, one delimiter.
///
/// Feed it byte ranges with `parse`; it returns the records completed so far in batches of about `batchRecords`
/// records or `batchBytes` bytes (the rest with `finish`). Empty lines are skipped but counted in the line numbers.
/// After an error (`error`) it reads nothing more.
public final class CSVParser {
    private let parser: UnsafeMutablePointer<csv_parser>
    /// What libcsv's callbacks change, reached through a pointer: no reference counting or exclusivity checks per field.
    private let state: UnsafeMutablePointer<CSVRecordCollector>
    private var finished = false

    /// Why the parse stopped, if it did.
    public var error: CSVParseError? { state.pointee.error }

    /// The bytes libcsv holds for a field not yet complete (an open quote keeps them growing).
    public var pendingBytes: Int { csv_get_buffer_size(parser) }

    /// A parser for `delimiter` (`,` `;` or tab); a field longer than `maxFieldBytes` stops it with `.fieldTooLong`.
    public init(delimiter: UInt8, maxFieldBytes: Int, batchRecords: Int = 2048, batchBytes: Int = 4 << 20) throws {
        parser = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
        guard csv_init(parser, UInt8(CSV_REPALL_NL)) == 0 else {
            parser.deallocate()
            throw CSVParseError.library("cannot initialise libcsv")
        }
        state = UnsafeMutablePointer<CSVRecordCollector>.allocate(capacity: 1)
        state.initialize(to: CSVRecordCollector(maxFieldBytes: maxFieldBytes, batchRecords: max(batchRecords, 1), batchBytes: batchBytes))
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

    /// Parses `bytes[from..<to]` and returns the batches it completed (none once `error` is set).
    public func parse(_ bytes: [UInt8], from: Int, to: Int) -> [CSVRecords] {
        guard error == nil, !finished, from < to else { return [] }
        let context = UnsafeMutableRawPointer(state)
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            let length = to - from
            let parsed = csv_parse(parser, base + from, length, CSVParser.fieldCallback, CSVParser.rowCallback, context)
            if parsed != length, state.pointee.error == nil {
                state.pointee.error = .library(String(cString: csv_strerror(csv_error(parser))))
            }
        }
        // A field still being accumulated (e.g. an unterminated quote) must not grow without bound.
        if state.pointee.error == nil, pendingBytes > state.pointee.maxFieldBytes + 128 * 1024 {
            state.pointee.error = .fieldTooLong(line: state.pointee.line, field: state.pointee.fieldCount + 1, bytes: pendingBytes)
        }
        return state.pointee.takeCompleted()
    }

    /// Parses `bytes` whole.
    public func parse(_ bytes: [UInt8]) -> [CSVRecords] { parse(bytes, from: 0, to: bytes.count) }

    /// Ends the input: returns the last records (a last line without a line end included).
    public func finish() -> [CSVRecords] {
        guard !finished else { return [] }
        finished = true
        guard error == nil else { return [] }
        _ = csv_fini(parser, CSVParser.fieldCallback, CSVParser.rowCallback, UnsafeMutableRawPointer(state))
        if state.pointee.error == nil, state.pointee.batch.count > 0 { state.pointee.completeBatch() }
        return state.pointee.takeCompleted()
    }

    /// All records of `bytes`, in one batch per `batchRecords` (for small inputs and tests).
    public static func records(of bytes: [UInt8], delimiter: UInt8, maxFieldBytes: Int = 1 << 20) throws -> [CSVRecords] {
        let parser = try CSVParser(delimiter: delimiter, maxFieldBytes: maxFieldBytes)
        let batches = parser.parse(bytes) + parser.finish()
        if let error = parser.error { throw error }
        return batches
    }

    private static let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
        guard let context else { return }
        context.assumingMemoryBound(to: CSVRecordCollector.self).pointee.field(data, length)
    }

    private static let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
        guard let context else { return }
        context.assumingMemoryBound(to: CSVRecordCollector.self).pointee.endRecord(terminator)
    }
}

/// The fields and records libcsv reports, collected into batches of bytes.
private struct CSVRecordCollector {
    var batch = CSVRecords()
    /// Batches complete and not yet handed out.
    var completed: [CSVRecords] = []
    /// Fields of the record being read.
    var fieldCount = 0
    /// The line the current record starts on.
    var line = 1
    var previousTerminator: Int32 = 0
    let maxFieldBytes: Int
    let batchRecords: Int
    let batchBytes: Int
    var error: CSVParseError?

    init(maxFieldBytes: Int, batchRecords: Int, batchBytes: Int) {
        self.maxFieldBytes = maxFieldBytes
        self.batchRecords = batchRecords
        self.batchBytes = batchBytes
    }

    mutating func field(_ data: UnsafeMutableRawPointer?, _ length: Int) {
        guard error == nil else { return }
        fieldCount += 1
        guard length > 0, let data else {
            batch.fieldEnds.append(batch.bytes.count)
            return
        }
        if length > maxFieldBytes {
            error = .fieldTooLong(line: line, field: fieldCount, bytes: length)
            return
        }
        batch.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
        batch.fieldEnds.append(batch.bytes.count)
    }

    mutating func endRecord(_ terminator: Int32) {
        guard error == nil else { return }
        if fieldCount == 0 {
            // An empty line; the LF of a CRLF is not a line of its own.
            if !(terminator == 0x0A && previousTerminator == 0x0D) { line += 1 }
            previousTerminator = terminator
            return
        }
        fieldCount = 0
        previousTerminator = terminator
        batch.recordEnds.append(batch.fieldEnds.count)
        batch.rows.append(line)
        line += 1
        if batch.count >= batchRecords || batch.bytes.count >= batchBytes { completeBatch() }
    }

    /// Moves the collected records to `completed` and starts a new batch of the same size.
    mutating func completeBatch() {
        completed.append(batch.take())
    }

    /// The completed batches, handed over.
    mutating func takeCompleted() -> [CSVRecords] {
        guard !completed.isEmpty else { return [] }
        defer { completed.removeAll() }
        return completed
    }
}
