import Foundation
import SystemCalls

/// The publish folder: `runs/<run-id>/` per published run, `latest` pointing at the newest, `.lock`.
public struct OutputFolder: Sendable {
    /// The folder itself.
    public let path: String

    /// The folder at `path`; `prepare()` creates it.
    public init(path: String) {
        self.path = path
    }

    /// `<output>/runs`.
    public var runs: String { path + "/runs" }
    /// `<output>/latest`.
    public var latest: String { path + "/latest" }
    /// `<output>/.lock`.
    public var lockPath: String { path + "/.lock" }

    /// The folder of a published run.
    public func runFolder(_ runID: String) -> String { runs + "/" + runID }

    /// Creates the folder and its `runs/` (with missing parents) and checks that both are folders.
    public func prepare() throws(PublishingError) {
        do {
            try SystemCalls.makeDirectories(runs)
        } catch {
            throw PublishingError(.outputFolder, path: error.path, "cannot create the output folder", underlying: error)
        }
    }

    /// Takes the run lock in this folder (see `RunLock`).
    public func lock() throws(PublishingError) -> RunLock {
        try RunLock(path: lockPath)
    }

    /// The run `latest` points at, if it is a link into `runs/`.
    public func latestRunID() -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: latest),
            target.hasPrefix("runs/")
        else { return nil }
        return String(target.dropFirst("runs/".count))
    }

    /// The names in `runs/` that look like published runs (not hidden), sorted.
    public func publishedFolders() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: runs)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
}
