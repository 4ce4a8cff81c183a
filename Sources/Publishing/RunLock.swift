import Foundation
import SystemCalls

/// One run at a time: an exclusive `flock` on `<output>/.lock`, released by the kernel when the process
/// ends (a killed run never leaves a lock behind, a reused pid never holds one).
public struct RunLock: Sendable {
    let lock: FileLock

    /// Takes the lock or throws `PublishingError(.locked)` naming the holder's pid (as it wrote it).
    public init(path: String) throws(PublishingError) {
        let taken: FileLock?
        do {
            taken = try FileLock.tryLock(path: path)
        } catch {
            throw PublishingError(.outputFolder, path: path, "cannot open the lock file", underlying: error)
        }
        guard let taken else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let who = holder.flatMap { Int32($0) }.map { " (pid \($0))" } ?? ""
            throw PublishingError(
                .locked, path: path, "another run holds the lock\(who); try again when it has finished")
        }
        lock = taken
    }
}
