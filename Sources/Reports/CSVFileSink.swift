import Foundation
import SystemCalls

/// Where a streamed CSV goes: a temporary file beside the target, renamed over it when the document is finished.
/// A failed write is kept and thrown by `finish()` (rows are appended without `throws`); the temporary file is then
/// removed, so a half-written report never carries the report's name.
final class CSVFileSink: @unchecked Sendable {
    private let url: URL
    private let temporary: URL
    private let handle: FileHandle
    /// The first failed write, if any (later appends are skipped).
    private var failure: (any Error)?

    /// Creates the temporary file (replacing a leftover of an earlier attempt).
    init(_ url: URL) throws {
        self.url = url
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        handle = try FileHandle(forWritingTo: temporary)
    }

    /// Appends bytes to the temporary file.
    func append(_ bytes: [UInt8]) {
        guard failure == nil, !bytes.isEmpty else { return }
        do { try handle.write(contentsOf: bytes) } catch { failure = error }
    }

    /// Closes the file and renames it to the report's name; on a failed write removes it and throws.
    func finish() throws {
        do {
            try handle.close()
            if let failure { throw failure }
            try SystemCalls.rename(temporary.path, to: url.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
