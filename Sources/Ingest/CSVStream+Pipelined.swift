import Foundation

/// Records parsed on one thread and handed in batches to the consumer on the calling thread.
final class RecordChannel: @unchecked Sendable {
    /// A batch of records with their row numbers.
    struct Batch: Sendable {
        /// The fields of all records, one after the other.
        var fields: [String] = []
        /// Where each record's fields end in `fields`.
        var ends: [Int] = []
        var rows: [Int] = []
    }

    // Every stored property below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var result: Result<CSVFileInfo, IngestError>?
    private var cancelled = false
    private let capacity = 8

    /// Producer: queues a batch, waiting while the queue is full; false when the consumer gave up.
    func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// Producer: the end, with what was learned or the error.
    func finish(_ outcome: Result<CSVFileInfo, IngestError>) {
        condition.lock()
        result = outcome
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next batch, `nil` at the end.
    func take() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && result == nil { condition.wait() }
        if queue.isEmpty { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    /// Consumer: stop the producer and wait until it has ended.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        while result == nil { condition.wait() }
        condition.unlock()
    }

    /// The producer's outcome (after `take` returned `nil`).
    var outcome: Result<CSVFileInfo, IngestError>? {
        condition.lock()
        defer { condition.unlock() }
        return result
    }
}

extension CSVStream {
    private struct Cancelled: Error {}

    /// Like `read(path:onRecord:)`, but parses on a second thread while `onRecord` runs on this one.
    static func readPipelined(path: String, onRecord: ([String], Int) throws -> Void) throws -> CSVFileInfo {
        let handle = try open(path: path)
        let channel = RecordChannel()
        let thread = Thread {
            let source = ByteSource(handle: handle)
            defer { source.close() }
            var batch = RecordChannel.Batch()
            do {
                let info = try read(source: source, file: path) { fields, row in
                    batch.fields.append(contentsOf: fields)
                    batch.ends.append(batch.fields.count)
                    batch.rows.append(row)
                    if batch.rows.count == 2048 {
                        let capacity = batch.fields.count
                        guard channel.put(batch) else { throw Cancelled() }
                        batch = RecordChannel.Batch()
                        batch.fields.reserveCapacity(capacity + 64)
                        batch.ends.reserveCapacity(2048)
                        batch.rows.reserveCapacity(2048)
                    }
                }
                if !batch.rows.isEmpty, !channel.put(batch) { throw Cancelled() }
                channel.finish(.success(info))
            } catch let error as IngestError {
                channel.finish(.failure(error))
            } catch is Cancelled {
                channel.finish(.failure(IngestError(file: path, message: "cancelled")))
            } catch {
                channel.finish(.failure(IngestError(file: path, message: "cannot be read (\(error))")))
            }
        }
        thread.stackSize = 1 << 22
        thread.start()
        do {
            var cells: [String] = []
            while let batch = channel.take() {
                var start = 0
                for i in batch.rows.indices {
                    let end = batch.ends[i]
                    cells.removeAll(keepingCapacity: true)
                    cells.append(contentsOf: batch.fields[start..<end])
                    start = end
                    try onRecord(cells, batch.rows[i])
                }
            }
        } catch {
            channel.cancelAndWait()
            throw error
        }
        switch channel.outcome {
        case .success(let info)?: return info
        case .failure(let error)?: throw error
        case nil: throw IngestError(file: path, message: "the CSV reader stopped unexpectedly")
        }
    }
}
