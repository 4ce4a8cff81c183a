import LibCSV

extension CSVStream {
    /// Like `read(path:onRecord:)`, but parses on a second thread while `onBatch` runs on this one.
    static func readPipelined(
        path: String, onBatch: (CSVRecords) throws -> Void, finishConsuming: () throws -> Void
    ) throws -> CSVFileInfo {
        let handle = try open(path: path)
        return try runPipelined(file: path, produce: { emit in
            let source = ByteSource(handle: handle)
            defer { source.close() }
            return try read(source: source, file: path, batchRows: 2048, onBatch: emit)
        }, consume: onBatch, finishConsuming: finishConsuming)
    }
}
