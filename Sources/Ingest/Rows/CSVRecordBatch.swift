/// Records of a CSV file (or rows of a sheet) kept as UTF-8 bytes, flat: a `String` is made only for the values
/// that are used.
///
/// The CSV reader guarantees that `bytes` is valid UTF-8 (a Windows-1252 file is transcoded while reading); the
/// xlsx reader passes the cell text of the sheet, whose invalid sequences (a damaged file) become U+FFFD when the
/// `String` is made, as they would have on the reading thread.
struct CSVRecordBatch: Sendable {
    /// The bytes of all fields, one after the other.
    var bytes: [UInt8] = []
    /// Where each field ends in `bytes`.
    var fieldEnds: [Int] = []
    /// Where each record's fields end in `fieldEnds`.
    var recordEnds: [Int] = []
    /// The row number of each record, as a spreadsheet shows it.
    var rows: [Int] = []

    /// Number of records.
    var count: Int { rows.count }

    /// The index in `fieldEnds` of the first field of record `record`.
    @inline(__always)
    func firstField(_ record: Int) -> Int { record == 0 ? 0 : recordEnds[record - 1] }

    /// The byte range of field `field` (an index in `fieldEnds`).
    @inline(__always)
    func range(ofField field: Int) -> Range<Int> { (field == 0 ? 0 : fieldEnds[field - 1])..<fieldEnds[field] }

    /// Hands over the records and starts again empty, with room for as many.
    mutating func take() -> CSVRecordBatch {
        var next = CSVRecordBatch()
        next.bytes.reserveCapacity(bytes.count)
        next.fieldEnds.reserveCapacity(fieldEnds.count)
        next.recordEnds.reserveCapacity(count)
        next.rows.reserveCapacity(count)
        swap(&next, &self)
        return next
    }

    /// The fields of a record as strings (as read, not trimmed).
    func strings(_ record: Int) -> [String] {
        (firstField(record)..<recordEnds[record]).map { String(decoding: bytes[range(ofField: $0)], as: UTF8.self) }
    }
}
