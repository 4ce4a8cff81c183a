/// A batch of records with their row numbers, flat to spare an array per record.
struct RecordBatch: Sendable {
    /// The fields of all records, one after the other.
    var fields: [String] = []
    /// Where each record's fields end in `fields`.
    var ends: [Int] = []
    var rows: [Int] = []

    /// Appends a record; true when the batch is full.
    mutating func append<C: Collection<String>>(_ record: C, row: Int) -> Bool {
        fields.append(contentsOf: record)
        ends.append(fields.count)
        rows.append(row)
        return rows.count >= 2048
    }
}
