import LibCSV

/// How the bytes of a CSV file become UTF-8.
enum CSVFieldDecoding: Sendable {
    /// UTF-8; the bytes of a field that are not valid UTF-8 are read as Windows-1252 (and reported), the rest stays.
    case utf8
    /// Windows-1252 throughout.
    case windows1252
}

/// A field of a UTF-8 file with bytes that are not valid UTF-8, read as Windows-1252 (for the warning).
struct InvalidUTF8Field: Sendable, Hashable {
    /// The row, as a spreadsheet numbers it.
    var row: Int
    /// The field's position in its record (0-based).
    var field: Int
    /// The first few bytes that were not valid UTF-8.
    var bytes: [UInt8]
    /// The field as read.
    var text: String
}

extension CSVRecords {
    /// Makes libcsv's records valid UTF-8. In a UTF-8 file only the fields with invalid bytes change (those bytes are
    /// read as Windows-1252, appended to `repaired`); a Windows-1252 file is transcoded whole.
    mutating func decode(_ decoding: CSVFieldDecoding, repaired: inout [InvalidUTF8Field]) {
        switch decoding {
        case .windows1252:
            transcode(fromField: 0, onlyInvalid: false)
        case .utf8:
            guard let first = firstInvalidUTF8Field() else { return }
            transcode(fromField: first, onlyInvalid: true, repaired: &repaired)
        }
    }

    /// The first field that is not valid UTF-8 on its own, `nil` when all are (the common case is checked at once).
    func firstInvalidUTF8Field() -> Int? {
        if Self.isASCII(bytes) { return nil }
        if (try? UTF8Span(validating: bytes.span)) != nil,
            fieldEnds.indices.allSatisfy({ range(ofField: $0).isEmpty || bytes[range(ofField: $0).lowerBound] & 0xC0 != 0x80 })
        {
            return nil  // valid as a whole and no field starts inside a character
        }
        return fieldEnds.indices.first { !isValidUTF8(field: $0) }
    }

    /// Whether field `field` is valid UTF-8 on its own.
    func isValidUTF8(field: Int) -> Bool {
        let range = range(ofField: field)
        return range.isEmpty || (try? UTF8Span(validating: bytes.span.extracting(range))) != nil
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

    /// The row of the first record with a NUL byte, `nil` when there is none.
    func rowWithNUL() -> Int? {
        guard let offset = bytes.firstIndex(of: 0) else { return nil }
        let field = fieldEnds.firstIndex { $0 > offset } ?? fieldEnds.count - 1
        return rows[record(ofField: field)]
    }

    /// Rewrites the fields from `first` on: all of them from Windows-1252, or (`onlyInvalid`) only those that are
    /// not valid UTF-8, whose invalid bytes are read as Windows-1252 and which are listed in `repaired`.
    mutating func transcode(fromField first: Int, onlyInvalid: Bool) {
        var unused: [InvalidUTF8Field] = []
        transcode(fromField: first, onlyInvalid: onlyInvalid, repaired: &unused)
    }

    /// See `transcode(fromField:onlyInvalid:)`.
    mutating func transcode(fromField first: Int, onlyInvalid: Bool, repaired: inout [InvalidUTF8Field]) {
        guard first < fieldEnds.count else { return }
        let start = range(ofField: first).lowerBound
        var out = Array(bytes[0..<start])
        out.reserveCapacity(bytes.count + (bytes.count - start) / 4)
        var ends = Array(fieldEnds[0..<first])
        ends.reserveCapacity(fieldEnds.count)
        for field in first..<fieldEnds.count {
            let range = range(ofField: field)
            if !onlyInvalid {
                TextDecoding.appendWindows1252AsUTF8(bytes[range], to: &out)
            } else if isValidUTF8(field: field) {
                out.append(contentsOf: bytes[range])
            } else {
                let fieldStart = out.count
                let invalid = TextDecoding.appendRepairingUTF8(bytes[range], to: &out)
                let record = record(ofField: field)
                repaired.append(InvalidUTF8Field(
                    row: rows[record], field: field - firstField(record), bytes: invalid,
                    text: String(decoding: out[fieldStart...], as: UTF8.self)))
            }
            ends.append(out.count)
        }
        bytes = out
        fieldEnds = ends
    }

    /// The fields of a record as strings (as read, not trimmed).
    func strings(_ record: Int) -> [String] {
        (firstField(record)..<recordEnds[record]).map { String(decoding: bytes[range(ofField: $0)], as: UTF8.self) }
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
