import Foundation
import Ingest

/// Feeds fuzz bytes to the real Ingest stage through a file (the readers' only entry point).
public enum FuzzInput {
    /// Writes `bytes` to a per-process temporary file with `suffix` and ingests it.
    /// An `IngestError` is a correct answer to a bad file; anything else (a trap, a hang) is a finding.
    public static func ingest(_ start: UnsafeRawPointer, _ count: Int, suffix: String) {
        let path = NSTemporaryDirectory() + "werksessies-fuzz-\(getpid()).\(suffix)"
        let data = Data(bytes: start, count: count)
        guard FileManager.default.createFile(atPath: path, contents: data) else { return }
        defer { unlink(path) }
        do {
            let result = try Ingest.run([InputSpec(path: path)])
            // Every row is accounted for.
            let c = result.counts
            precondition(c.rowsRead == result.registrations.count + c.duplicatesMerged + c.rejected, "row accounting")
        } catch is IngestError {
        } catch {
            preconditionFailure("unexpected error type: \(error)")
        }
    }
}
