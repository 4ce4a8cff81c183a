/// Records of a CSV file (or rows of a sheet) kept flat as bytes: every field's bytes one after the other, no
/// `String` made until a value is used.
public struct CSVRecords: Sendable {
    /// The bytes of all fields, one after the other, as they are in the file (quotes removed).
    public var bytes: [UInt8] = []
    /// Where each field ends in `bytes`.
    public var fieldEnds: [Int] = []
    /// Where each record's fields end in `fieldEnds`.
    public var recordEnds: [Int] = []
    /// The row number of each record (1-based, empty lines counted), as a spreadsheet numbers its rows.
    public var rows: [Int] = []

    /// No records.
    public init() {}

    /// The number of records.
    public var count: Int { rows.count }

    /// The index in `fieldEnds` of the first field of record `record`.
    @inline(__always)
    public func firstField(_ record: Int) -> Int { record == 0 ? 0 : recordEnds[record - 1] }

    /// The byte range in `bytes` of field `field` (an index in `fieldEnds`).
    @inline(__always)
    public func range(ofField field: Int) -> Range<Int> { (field == 0 ? 0 : fieldEnds[field - 1])..<fieldEnds[field] }

    /// Hands over the records and starts again empty, with room for as many.
    public mutating func take() -> CSVRecords {
        var next = CSVRecords()
        next.bytes.reserveCapacity(bytes.count)
        next.fieldEnds.reserveCapacity(fieldEnds.count)
        next.recordEnds.reserveCapacity(count)
        next.rows.reserveCapacity(count)
        swap(&next, &self)
        return next
    }

    /// Appends a record of fields given as byte ranges of `source`, with its row number.
    public mutating func append(fields: [Range<Int>], of source: [UInt8], row: Int) {
        for field in fields {
            bytes.append(contentsOf: source[field])
            fieldEnds.append(bytes.count)
        }
        recordEnds.append(fieldEnds.count)
        rows.append(row)
    }
}

/// Why libcsv stopped reading.
public enum CSVParseError: Error, Sendable, Equatable {
    /// A field longer than the limit: its line, its 1-based position in the record, its length in bytes.
    case fieldTooLong(line: Int, field: Int, bytes: Int)
    /// libcsv reported an error (its message).
    case library(String)
}
