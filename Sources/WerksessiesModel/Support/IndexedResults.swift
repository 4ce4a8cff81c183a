import Foundation

/// Results of parallel work (`DispatchQueue.concurrentPerform`), one slot per job index, read back in index order.
public final class IndexedResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]

    /// Room for `count` results.
    public init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    /// Stores the result of job `index`.
    public func set(_ index: Int, _ value: Value) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    /// The result of job `index`, if it stored one.
    public func value(_ index: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }

    /// All stored results in job order.
    public var all: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return values.compactMap { $0 }
    }
}
