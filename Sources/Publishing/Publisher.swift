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

    /// Points `latest` at `runs/<runID>` by renaming a fresh link over it (never a moment without one).
    static func pointLatest(of output: OutputFolder, at runID: String) throws(PublishingError) {
        let link = output.path + "/.latest-\(SystemCalls.processID)"
        do {
            try SystemCalls.unlinkIfPresent(link)
            try SystemCalls.symlink(target: "runs/\(runID)", at: link)
        } catch {
            throw PublishingError(.publish, path: link, "cannot create the link for 'latest'", underlying: error)
        }
        do {
            try SystemCalls.rename(link, to: output.latest)
            try SystemCalls.fsync(path: output.path)
        } catch {
            try? SystemCalls.unlinkIfPresent(link)
            throw PublishingError(.publish, path: output.latest, "cannot switch 'latest' (is it a folder?)", underlying: error)
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
