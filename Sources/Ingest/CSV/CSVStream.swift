import Foundation

/// Reads CSV files: UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252, delimiter `,` `;` or tab sniffed.
public enum CSVReader {
    /// Reads every non-empty record of a CSV file into rows of strings, values as they are (not trimmed).
    ///
    /// Throws `IngestError` for a file that is missing, unreadable, empty or not text.
    public static func read(path: String) throws -> [[String]] {
        var rows: [[String]] = []
        _ = try CSVStream.read(path: path) { fields, _ in rows.append(fields) }
        return rows
    }

    /// Parses CSV text (for tests and small inputs); the same rules as `read(path:)`.
    public static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        _ = try CSVStream.read(source: ByteSource(bytes: Array(text.utf8)), file: "<text>") { fields, _ in rows.append(fields) }
        return rows
    }
}

/// What was learned about a CSV file while reading it.
struct CSVFileInfo: Sendable {
    var encoding: TextEncoding
    var delimiter: UInt8
    var sha256: String
    var byteCount: Int
    /// Set when the file looked like UTF-8 at first and turned out not to be, from this record on.
    var switchedToWindows1252AtRow: Int?
    /// True when the file started with a byte order mark.
    var hadBOM: Bool
}

/// A source of byte chunks: a file read piece by piece, or bytes in memory.
struct ByteSource {
    private var handle: FileHandle?
    private var bytes: [UInt8]?
    private let chunkSize: Int

    init(handle: FileHandle, chunkSize: Int = 1 << 20) {
        self.handle = handle
        self.chunkSize = chunkSize
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.chunkSize = 1 << 20
    }

    /// The next chunk, empty at the end.
    mutating func next() throws -> [UInt8] {
        if let handle {
            guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else { return [] }
            return [UInt8](data)
        }
        if let all = bytes {
            bytes = nil
            return all
        }
        return []
    }

    func close() { try? handle?.close() }
}

/// The streaming CSV reader behind `CSVReader` and the Ingest stage.
enum CSVStream {
    /// The longest field accepted; longer means the file is not a registration export.
    static let defaultMaxFieldBytes = 1 << 20

    /// Opens a file, reporting missing, unreadable and non-regular files as `IngestError`.
    static func open(path: String) throws -> FileHandle {
        try FileChecks.checkReadable(path: path)
        do {
            return try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw IngestError(file: path, message: "cannot open the file (\(FileChecks.reason(error)))")
        }
    }

    /// Streams a CSV file record by record.
    static func read(
        path: String, maxFieldBytes: Int = defaultMaxFieldBytes, onRecord: ([String], Int) throws -> Void
    ) throws -> CSVFileInfo {
        let handle = try open(path: path)
        let source = ByteSource(handle: handle)
        defer { source.close() }
        return try read(source: source, file: path, maxFieldBytes: maxFieldBytes, onRecord: onRecord)
    }

    /// Streams CSV bytes record by record; `file` names the source in errors.
    static func read(
        source: ByteSource, file: String, maxFieldBytes: Int = defaultMaxFieldBytes,
        onRecord: ([String], Int) throws -> Void
    ) throws -> CSVFileInfo {
        // One record a batch: an error of `onRecord` stops the parse at that record.
        try read(source: source, file: file, maxFieldBytes: maxFieldBytes, batchRows: 1) { batch in
            for record in 0..<batch.count { try onRecord(batch.strings(record), batch.rows[record]) }
        }
    }

    /// Streams CSV bytes in batches of records kept as bytes; `file` names the source in errors.
    static func read(
        source: ByteSource, file: String, maxFieldBytes: Int = defaultMaxFieldBytes, batchRows: Int,
        onBatch: (CSVRecordBatch) throws -> Void
    ) throws -> CSVFileInfo {
        try withoutActuallyEscaping(onBatch) { onBatch in
            try readEscaping(source: source, file: file, maxFieldBytes: maxFieldBytes, batchRows: batchRows, onBatch: onBatch)
        }
    }

    private static func readEscaping(
        source: ByteSource, file: String, maxFieldBytes: Int, batchRows: Int, onBatch: @escaping (CSVRecordBatch) throws -> Void
    ) throws -> CSVFileInfo {
        var source = source
        let hasher = BackgroundHasher()
        var chunk = try readChunk(&source, file: file)
        hasher.update(chunk)
        var byteCount = chunk.count
        guard !chunk.isEmpty else { throw IngestError(file: file, message: "the file is empty (0 bytes)") }
        if let kind = FileChecks.binaryKind(chunk) {
            throw IngestError(file: file, message: "\(kind), not CSV text")
        }

        // Byte order mark and encoding.
        var start = 0
        var encoding = TextEncoding.utf8
        var hadBOM = false
        if chunk.starts(with: [0xEF, 0xBB, 0xBF]) {
            start = 3; hadBOM = true
        } else if chunk.starts(with: [0xFF, 0xFE]) {
            start = 2; hadBOM = true; encoding = .utf16LE
        } else if chunk.starts(with: [0xFE, 0xFF]) {
            start = 2; hadBOM = true; encoding = .utf16BE
        } else if let guess = guessUTF16WithoutBOM(chunk) {
            encoding = guess
        }
        var transcoder: UTF16Transcoder? = nil
        var first: [UInt8]
        var firstStart = start
        if encoding == .utf16LE || encoding == .utf16BE {
            var t = UTF16Transcoder(bigEndian: encoding == .utf16BE)
            var out: [UInt8] = []
            out.reserveCapacity(chunk.count)
            t.transcode(chunk, from: start, to: chunk.count, into: &out)
            transcoder = t
            first = out
            firstStart = 0
        } else {
            if TextDecoding.looksBinary(chunk, from: start) {
                throw IngestError(file: file, message: "binary data (NUL or control bytes), not CSV text")
            }
            if !TextDecoding.isValidUTF8(chunk, from: start, allowTruncatedEnd: true) { encoding = .windows1252 }
            first = chunk
        }
        let delimiter = sniffDelimiter(first, from: firstStart, to: first.count)
        let parser = try CSVRecordParser(
            delimiter: delimiter, decoding: encoding == .windows1252 ? .windows1252 : .utf8WithFallback,
            maxFieldBytes: maxFieldBytes, batchRows: batchRows, onBatch: onBatch)

        func check() throws {
            guard let stop = parser.stop else { return }
            switch stop {
            case .consumer(let error): throw error
            case .library(let message): throw IngestError(file: file, message: "CSV parse error: \(message)")
            case .fieldTooLong(let row, let column, let bytes):
                throw IngestError(
                    file: file,
                    message: "row \(row), field \(column) is \(formatBytes(bytes)) long (limit \(formatBytes(maxFieldBytes))): "
                        + "not a registration export (an unclosed quote?)")
            }
        }

        parser.feed(first, from: firstStart, to: first.count)
        try check()
        first = []
        var transcoded: [UInt8] = []
        while true {
            chunk = try readChunk(&source, file: file)
            if chunk.isEmpty { break }
            hasher.update(chunk)
            byteCount += chunk.count
            if transcoder != nil {
                transcoded.removeAll(keepingCapacity: true)
                transcoder!.transcode(chunk, from: 0, to: chunk.count, into: &transcoded)
                parser.feed(transcoded, from: 0, to: transcoded.count)
            } else {
                parser.feed(chunk, from: 0, to: chunk.count)
            }
            try check()
        }
        if transcoder != nil {
            transcoded.removeAll(keepingCapacity: true)
            transcoder!.finish(into: &transcoded)
            parser.feed(transcoded, from: 0, to: transcoded.count)
        }
        parser.finish()
        try check()
        return CSVFileInfo(
            encoding: parser.switchedToWindows1252AtRow != nil ? .windows1252 : encoding, delimiter: delimiter,
            sha256: hasher.finalizeHex(), byteCount: byteCount,
            switchedToWindows1252AtRow: parser.switchedToWindows1252AtRow, hadBOM: hadBOM)
    }

    private static func readChunk(_ source: inout ByteSource, file: String) throws -> [UInt8] {
        do {
            return try source.next()
        } catch {
            throw IngestError(file: file, message: "cannot read the file (\(FileChecks.reason(error)))")
        }
    }

    /// UTF-16 without a BOM: ASCII text with a zero byte in every other position.
    static func guessUTF16WithoutBOM(_ bytes: [UInt8]) -> TextEncoding? {
        let n = min(bytes.count, 4096) & ~1
        guard n >= 8 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for i in stride(from: 0, to: n, by: 2) {
            if bytes[i] == 0 { zeroEven += 1 }
            if bytes[i + 1] == 0 { zeroOdd += 1 }
        }
        let pairs = n / 2
        if zeroOdd * 10 >= pairs * 7 && zeroEven * 10 <= pairs { return .utf16LE }
        if zeroEven * 10 >= pairs * 7 && zeroOdd * 10 <= pairs { return .utf16BE }
        return nil
    }

    /// Picks `,` `;` or tab: the candidate found the same number of times on the most lines (outside quotes).
    static func sniffDelimiter(_ bytes: [UInt8], from: Int, to: Int) -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x3B, 0x09]
        var perLine: [[Int]] = [[], [], []]
        var counts = [0, 0, 0]
        var inQuotes = false
        var lineHasContent = false
        var lines = 0
        var i = from
        while i < to, lines < 50 {
            let b = bytes[i]
            if b == 0x22 {
                inQuotes.toggle()
                lineHasContent = true
            } else if !inQuotes, b == 0x0A || b == 0x0D {
                if lineHasContent {
                    for c in 0..<3 { perLine[c].append(counts[c]) }
                    lines += 1
                }
                counts = [0, 0, 0]
                lineHasContent = false
            } else if !inQuotes {
                if b == 0x2C { counts[0] += 1 } else if b == 0x3B { counts[1] += 1 } else if b == 0x09 { counts[2] += 1 }
                if b != 0x20 { lineHasContent = true }
            }
            i += 1
        }
        if lineHasContent, i >= to { for c in 0..<3 { perLine[c].append(counts[c]) } }
        var best: (lines: Int, count: Int, index: Int)? = nil
        for c in 0..<3 {
            var frequency: [Int: Int] = [:]
            for n in perLine[c] where n > 0 { frequency[n, default: 0] += 1 }
            guard let mode = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            let score = (lines: mode.value, count: mode.key, index: c)
            if let b = best {
                if (score.lines, score.count) > (b.lines, b.count) { best = score }
            } else {
                best = score
            }
        }
        return candidates[best?.index ?? 0]
    }
}

/// Human-readable size, e.g. `50.0 MB`.
func formatBytes(_ bytes: Int) -> String {
    if bytes < 1024 { return "\(bytes) bytes" }
    if bytes < 1024 * 1024 { return "\(bytes / 1024) KB" }
    let tenths = (bytes * 10) / (1024 * 1024)
    return "\(tenths / 10).\(tenths % 10) MB"
}

/// File-level checks shared by the readers.
enum FileChecks {
    /// Throws a clear `IngestError` when a path is missing, a directory or unreadable.
    static func checkReadable(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw IngestError(file: path, message: "file not found")
        }
        if isDirectory.boolValue { throw IngestError(file: path, message: "is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw IngestError(file: path, message: "permission denied: the file is not readable")
        }
    }

    /// A short reason for a Foundation error.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }

    /// Names a well-known binary format from its first bytes (`nil` when none matches).
    static func binaryKind(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return "a zip archive (an .xlsx workbook with the wrong extension?)"
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return "a legacy Excel 97-2003 (.xls) or other OLE file; save it as .xlsx or .csv"
        }
        if bytes.starts(with: Array("%PDF".utf8)) { return "a PDF document" }
        if bytes.starts(with: [0x1F, 0x8B]) { return "gzip-compressed data" }
        return nil
    }
}
