import Digest
import Dispatch

/// Computes a SHA-256 on another core while the caller goes on parsing; at most a few chunks are in flight.
final class BackgroundHasher: @unchecked Sendable {
    // `hasher` is only touched on `queue`; `slots` bounds the memory held by chunks waiting to be hashed.
    private var hasher = SHA256()
    private let queue = DispatchQueue(label: "ingest.sha256")
    private let slots = DispatchSemaphore(value: 8)

    init() {}

    /// Queues a chunk; blocks while 8 chunks are waiting.
    func update(_ chunk: [UInt8]) {
        guard !chunk.isEmpty else { return }
        slots.wait()
        queue.async {
            self.hasher.update(chunk)
            self.slots.signal()
        }
    }

    /// Waits for the queued chunks and returns the hex digest.
    func finalizeHex() -> String {
        queue.sync { hasher.finalizeHex() }
    }
}
