import Foundation

/// Records parsed on one thread and handed in batches to the consumer on the calling thread.
final class RecordChannel<Batch: Sendable, Outcome: Sendable>: @unchecked Sendable {
    // Every stored property below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var result: Result<Outcome, IngestError>?
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
    func finish(_ outcome: Result<Outcome, IngestError>) {
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
    var outcome: Result<Outcome, IngestError>? {
        condition.lock()
        defer { condition.unlock() }
        return result
    }
}

/// Thrown on the producing thread once the consumer has given up.
struct PipelineCancelled: Error {}

/// Runs `produce` on a second thread, which hands batches of records to `consume` on this thread;
/// `finishConsuming` runs after the last batch, before an error of the producer is thrown.
func runPipelined<Batch: Sendable, Outcome: Sendable>(
    file: String, produce: @escaping @Sendable (_ emit: (Batch) throws -> Void) throws -> Outcome,
    consume: (Batch) throws -> Void, finishConsuming: () throws -> Void
) throws -> Outcome {
    let channel = RecordChannel<Batch, Outcome>()
    let thread = Thread {
        do {
            let outcome = try produce { batch in
                guard channel.put(batch) else { throw PipelineCancelled() }
            }
            channel.finish(.success(outcome))
        } catch let error as IngestError {
            channel.finish(.failure(error))
        } catch is PipelineCancelled {
            channel.finish(.failure(IngestError(.cancelled, file: file, message: "cancelled")))
        } catch {
            channel.finish(.failure(IngestError(.fileAccess, file: file, message: "cannot be read (\(error))")))
        }
    }
    thread.stackSize = 1 << 22
    thread.start()
    do {
        while let batch = channel.take() { try consume(batch) }
        try finishConsuming()
    } catch {
        channel.cancelAndWait()
        throw error
    }
    switch channel.outcome {
    case .success(let outcome)?: return outcome
    case .failure(let error)?: throw error
    case nil: throw IngestError(.cancelled, file: file, message: "the reader stopped unexpectedly")
    }
}
