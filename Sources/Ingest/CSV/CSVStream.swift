import Foundation
import LibCSV

/// What was learned about a CSV file while reading it.
struct CSVFileInfo: Sendable {
    var encoding: TextEncoding
    var delimiter: UInt8
    var sha256: String
    var byteCount: Int
    /// Fields of a UTF-8 file with bytes that are not UTF-8 (the first `maxListedInvalidUTF8`), read as Windows-1252.
    var invalidUTF8: [InvalidUTF8Field] = []
    /// How many fields had such bytes in all.
    var invalidUTF8Count = 0
    /// True when the file started with a byte order mark.
    var hadBOM: Bool
}

/// The streaming CSV reader behind `CSVReader` and the Ingest stage.
enum CSVStream {
    /// The longest field accepted; longer means the file is not a registration export.
    static let defaultMaxFieldBytes = 1 << 20
    /// How many fields with bytes that are not UTF-8 are listed one by one (the rest are counted).
    static let maxListedInvalidUTF8 = 50

    /// Opens a file, reporting missing, unreadable and non-regular files as `IngestError`.
    static func open(path: String) throws -> FileHandle {
        try FileChecks.checkReadable(path: path)
        do {
            return try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw IngestError(.fileAccess, file: path, message: "cannot open the file (\(FileChecks.reason(error)))")
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
        onBatch: (CSVRecords) throws -> Void
    ) throws -> CSVFileInfo {
        var source = source
        let hasher = BackgroundHasher()
        var chunk = try readChunk(&source, file: file)
        hasher.update(chunk)
        var byteCount = chunk.count
        guard !chunk.isEmpty else { throw IngestError(.empty, file: file, message: "the file is empty (0 bytes)") }
        if let kind = FileChecks.binaryKind(chunk) {
            throw IngestError(.fileType, file: file, message: "\(kind), not CSV text")
        }
        let (encoding, hadBOM, start) = detectEncoding(chunk)
        var transcoder = encoding == .utf16LE || encoding == .utf16BE ? UTF16Transcoder(bigEndian: encoding == .utf16BE) : nil
        var first = chunk
        var firstStart = start
        if transcoder != nil {
            var out: [UInt8] = []
            out.reserveCapacity(chunk.count)
            transcoder!.transcode(chunk, from: start, to: chunk.count, into: &out)
            first = out
            firstStart = 0
        } else if TextDecoding.looksBinary(chunk, from: start) {
            throw IngestError(.fileType, file: file, message: "binary data (NUL or control bytes), not CSV text")
        }
        let delimiter = sniffDelimiter(first, from: firstStart, to: first.count)
        let parser: CSVParser
        do {
            parser = try CSVParser(delimiter: delimiter, maxFieldBytes: maxFieldBytes, batchRecords: batchRows)
        } catch {
            throw IngestError(.csvSyntax, file: file, message: "CSV parse error: \(error)")
        }
        let decoding: CSVFieldDecoding = encoding == .windows1252 ? .windows1252 : .utf8
        var invalidUTF8: [InvalidUTF8Field] = []
        var invalidUTF8Count = 0
        func deliver(_ batches: [CSVRecords]) throws {
            for records in batches {
                var repaired: [InvalidUTF8Field] = []
                var batch = records
                batch.decode(decoding, repaired: &repaired)
                if let row = batch.rowWithNUL() {
                    throw IngestError(.fileType, file: file, row: row, message: "binary data (a NUL byte), not CSV text")
                }
                invalidUTF8Count += repaired.count
                invalidUTF8 += repaired.prefix(max(0, maxListedInvalidUTF8 - invalidUTF8.count))
                try onBatch(batch)
            }
            if let error = parser.error { throw parseError(error, file: file, maxFieldBytes: maxFieldBytes) }
        }

        try deliver(parser.parse(first, from: firstStart, to: first.count))
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
                try deliver(parser.parse(transcoded))
            } else {
                try deliver(parser.parse(chunk))
            }
        }
        if transcoder != nil {
            transcoded.removeAll(keepingCapacity: true)
            transcoder!.finish(into: &transcoded)
            try deliver(parser.parse(transcoded))
        }
        try deliver(parser.finish())
        return CSVFileInfo(
            encoding: encoding, delimiter: delimiter, sha256: hasher.finalizeHex(), byteCount: byteCount,
            invalidUTF8: invalidUTF8, invalidUTF8Count: invalidUTF8Count, hadBOM: hadBOM)
    }

    /// The encoding of a file from its first chunk: a byte order mark, UTF-16 without one, UTF-8 when the chunk
    /// is valid UTF-8 or mostly so (its multi-byte characters outnumber the bytes that fit none: a few stray bytes
    /// in a UTF-8 export), else Windows-1252; with whether there was a mark and where the text starts.
    static func detectEncoding(_ chunk: [UInt8]) -> (TextEncoding, hadBOM: Bool, start: Int) {
        if chunk.starts(with: [0xFF, 0xFE]) { return (.utf16LE, true, 2) }
        if chunk.starts(with: [0xFE, 0xFF]) { return (.utf16BE, true, 2) }
        if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, true, 3) }
        if let guess = guessUTF16WithoutBOM(chunk) { return (guess, false, 0) }
        if TextDecoding.isValidUTF8(chunk, allowTruncatedEnd: true) { return (.utf8, false, 0) }
        let evidence = TextDecoding.utf8Evidence(chunk)
        return (evidence.multiByte > evidence.invalid ? .utf8 : .windows1252, false, 0)
    }

    /// The one-line error for why libcsv stopped.
    static func parseError(_ error: CSVParseError, file: String, maxFieldBytes: Int) -> IngestError {
        switch error {
        case .library(let message):
            return IngestError(.csvSyntax, file: file, message: "CSV parse error: \(message)")
        case .fieldTooLong(let row, let column, let bytes):
            return IngestError(.csvSyntax, file: file,
                message: "row \(row), field \(column) is \(formatBytes(bytes)) long (limit \(formatBytes(maxFieldBytes))): "
                    + "not a registration export (an unclosed quote?)")
        }
    }

    private static func readChunk(_ source: inout ByteSource, file: String) throws -> [UInt8] {
        do {
            return try source.next()
        } catch {
            throw IngestError(.fileAccess, file: file, message: "cannot read the file (\(FileChecks.reason(error)))")
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
