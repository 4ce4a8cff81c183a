import Foundation
import SystemCalls

/// Atomic writes and the switch of `latest`.
public enum Publisher {
    /// Writes `data` to `path` through a temporary file beside it, flushed, then renamed over it.
    public static func writeAtomically(_ data: Data, to path: String) throws(PublishingError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).tmp-\(SystemCalls.processID)"
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw PublishingError(.file, path: path, "cannot write the file", underlying: FileWriteFailure(error))
        }
        do {
            try SystemCalls.fsync(path: temporary)
            try SystemCalls.rename(temporary, to: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw PublishingError(.file, path: path, "cannot write the file", underlying: error)
        }
    }
}

/// A Foundation error while writing a file, reduced to one line (its localized description).
public struct FileWriteFailure: Error, Sendable, CustomStringConvertible {
    /// The error's one-line description.
    public let description: String

    init(_ error: any Error) {
        description = error.localizedDescription
    }
}
