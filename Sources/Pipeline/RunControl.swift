import Foundation
import Publishing

/// How a run is stopped from outside (SIGINT, SIGTERM): before the publish, the staging folder is
/// removed and the caller ends the process (nothing published, the lock released by the kernel, the
/// state transaction never committed); during the publish itself (the run folder moved into place up to
/// the state marked published, a few milliseconds) the stop waits and the run completes.
public final class RunControl: @unchecked Sendable {
    private let lock = NSLock()
    private var staging: Staging?
    private var publishing = false

    /// A control for one run.
    public init() {}

    /// Stops the run: removes the staging folder and calls `terminate` while holding the control, so that
    /// the run can neither publish nor report an error of its own meanwhile. During the publish it
    /// returns instead (the publish completes).
    public func stop(terminate: () -> Never) {
        lock.lock()
        guard !publishing else {
            lock.unlock()
            return
        }
        staging?.discard()
        terminate()
    }

    /// Waits for a stop in progress (which ends the process); returns at once otherwise. The command
    /// line calls it before reporting the run's own outcome.
    public func settle() {
        lock.lock()
        lock.unlock()
    }

    /// Remembers the staging folder to remove on a stop.
    func track(_ staging: Staging?) {
        lock.lock()
        defer { lock.unlock() }
        self.staging = staging
    }

    /// Runs the publish (`body`) without being stopped halfway.
    func withoutStopping<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        publishing = true
        lock.unlock()
        defer {
            lock.lock()
            publishing = false
            lock.unlock()
        }
        return try body()
    }
}
