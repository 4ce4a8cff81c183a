import LibCSV

/// How the bytes of a CSV field become UTF-8.
enum CSVFieldDecoding: Sendable {
    /// UTF-8; a field that is not valid UTF-8 switches the rest of the file to Windows-1252.
    case utf8WithFallback
    /// Windows-1252 throughout.
    case windows1252
}

extension CSVRecordBatch {
    /// libcsv's records as valid UTF-8: kept as they are, or transcoded from Windows-1252 from the first field
    /// that is not UTF-8 on (then `decoding` switches and `switchedAtRow` names that field's row).
    init(_ records: CSVRecords, decoding: inout CSVFieldDecoding, switchedAtRow: inout Int?) {
        self.init(bytes: records.bytes, fieldEnds: records.fieldEnds, recordEnds: records.recordEnds, rows: records.lines)
        let first: Int
        switch decoding {
        case .windows1252:
            first = 0
        case .utf8WithFallback:
            guard let invalid = firstInvalidUTF8Field() else { return }
            decoding = .windows1252
            switchedAtRow = rows[record(ofField: invalid)]
            first = invalid
        }
        transcodeWindows1252(fromField: first)
    }

    /// The first field that is not valid UTF-8 on its own, `nil` when all are (the common case is checked at once).
    func firstInvalidUTF8Field() -> Int? {
        if Self.isASCII(bytes) { return nil }
        if (try? UTF8Span(validating: bytes.span)) != nil,
            fieldEnds.indices.allSatisfy({ range(ofField: $0).isEmpty || bytes[range(ofField: $0).lowerBound] & 0xC0 != 0x80 })
        {
            return nil  // valid as a whole and no field starts inside a character
        }
        return fieldEnds.indices.first { field in
            let range = range(ofField: field)
            return !range.isEmpty && (try? UTF8Span(validating: bytes.span.extracting(range))) == nil
        }
    }

    /// The record that field `field` belongs to.
    func record(ofField field: Int) -> Int {
        var low = 0, high = recordEnds.count - 1
        while low < high {
            let middle = (low + high) / 2
            if recordEnds[middle] > field { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Rewrites the fields from `first` on as Windows-1252 transcoded to UTF-8.
    mutating func transcodeWindows1252(fromField first: Int) {
        guard first < fieldEnds.count else { return }
        let start = range(ofField: first).lowerBound
        var out = Array(bytes[0..<start])
        out.reserveCapacity(bytes.count + (bytes.count - start) / 4)
        var ends = Array(fieldEnds[0..<first])
        ends.reserveCapacity(fieldEnds.count)
        for field in first..<fieldEnds.count {
            TextDecoding.appendWindows1252AsUTF8(bytes[range(ofField: field)], to: &out)
            ends.append(out.count)
        }
        bytes = out
        fieldEnds = ends
    }

    /// True when no byte has the high bit set (OR-ed in blocks, which the compiler vectorises).
    static func isASCII(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let end = min(index + 4096, bytes.count)
            var any: UInt8 = 0
            for byte in bytes[index..<end] { any |= byte }
            if any >= 0x80 { return false }
            index = end
        }
        return true
    }
}
