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

/// A streaming CSV record parser over libcsv. This is the only file of Ingest with pointer code.
///
/// Feed it byte chunks; it calls `onRecord` with the fields of each non-empty record and the record number
/// (1-based, counting empty lines, as a spreadsheet shows it).
final class CSVRecordParser {
    private let parser: UnsafeMutablePointer<csv_parser>
    private var fields: [String] = []
    private(set) var decoding: CSVFieldDecoding
    /// The record number at which the decoding switched to Windows-1252, if it did.
    private(set) var switchedToWindows1252AtRow: Int?
    private var recordNumber = 1
    private var previousTerminator: Int32 = 0
    private let maxFieldBytes: Int
    private let onRecord: ([String], Int) throws -> Void
    private(set) var stop: CSVParseStop?
    private var scratch: [UInt8] = []
    private var closed = false

    /// Creates a parser for one delimiter; `onRecord` gets each non-empty record.
    init(delimiter: UInt8, decoding: CSVFieldDecoding, maxFieldBytes: Int, onRecord: @escaping ([String], Int) throws -> Void) throws {
        self.decoding = decoding
        self.maxFieldBytes = maxFieldBytes
        self.onRecord = onRecord
        parser = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
        guard csv_init(parser, UInt8(CSV_REPALL_NL)) == 0 else {
            parser.deallocate()
            throw CSVParseStop.library("cannot initialise libcsv")
        }
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
    }

    /// Parses `bytes[from..<to]`; stops delivering records once `stop` is set.
    func feed(_ bytes: [UInt8], from: Int, to: Int) {
        guard stop == nil, from < to else { return }
        let context = Unmanaged.passUnretained(self).toOpaque()
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            let length = to - from
            let parsed = csv_parse(parser, base + from, length, CSVRecordParser.fieldCallback, CSVRecordParser.rowCallback, context)
            if parsed != length, stop == nil {
                stop = .library(String(cString: csv_strerror(csv_error(parser))))
            }
        }
        // A field still being accumulated (e.g. an unterminated quote) must not grow without bound.
        if stop == nil, csv_get_buffer_size(parser) > maxFieldBytes + 128 * 1024 {
            stop = .fieldTooLong(row: recordNumber, column: fields.count + 1, bytes: csv_get_buffer_size(parser))
        }
    }

    /// Flushes the last record.
    func finish() {
        guard !closed else { return }
        closed = true
        guard stop == nil else { return }
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = csv_fini(parser, CSVRecordParser.fieldCallback, CSVRecordParser.rowCallback, context)
    }

    private static let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
        guard let context else { return }
        let parser = Unmanaged<CSVRecordParser>.fromOpaque(context).takeUnretainedValue()
        parser.field(data, length)
    }

    private static let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
        guard let context else { return }
        let parser = Unmanaged<CSVRecordParser>.fromOpaque(context).takeUnretainedValue()
        parser.row(terminator)
    }

    private func field(_ data: UnsafeMutableRawPointer?, _ length: Int) {
        guard stop == nil else { return }
        guard length > 0, let data else {
            fields.append("")
            return
        }
        if length > maxFieldBytes {
            stop = .fieldTooLong(row: recordNumber, column: fields.count + 1, bytes: length)
            return
        }
        let buffer = UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: length)
        switch decoding {
        case .utf8WithFallback:
            var ascii = true
            for byte in buffer where byte >= 0x80 {
                ascii = false
                break
            }
            if ascii {
                fields.append(String(decoding: buffer, as: UTF8.self))
            } else if let text = String(validating: buffer, as: UTF8.self) {
                fields.append(text)
            } else {
                decoding = .windows1252
                switchedToWindows1252AtRow = recordNumber
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: buffer)
                fields.append(TextDecoding.decodeWindows1252(scratch))
            }
        case .windows1252:
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: buffer)
            fields.append(TextDecoding.decodeWindows1252(scratch))
        }
    }

    private func row(_ terminator: Int32) {
        defer { fields.removeAll(keepingCapacity: true) }
        guard stop == nil else { return }
        if fields.isEmpty {
            // An empty line; the LF of a CRLF is not a line of its own.
            if !(terminator == 0x0A && previousTerminator == 0x0D) { recordNumber += 1 }
            previousTerminator = terminator
            return
        }
        previousTerminator = terminator
        do {
            try onRecord(fields, recordNumber)
        } catch {
            stop = .consumer(error)
        }
        recordNumber += 1
    }
}
