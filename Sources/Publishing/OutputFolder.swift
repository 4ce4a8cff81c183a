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

    /// Creates the folder (its parent must exist: a mistyped path never leaves a trail of new folders)
    /// and its `runs/`, and checks that both are folders.
    public func prepare() throws(PublishingError) {
        do {
            try SystemCalls.makeDirectory(path)
            try SystemCalls.makeDirectory(runs)
        } catch {
            let reason = error.isNoSuchFile ? "its parent folder does not exist" : "cannot create the output folder"
            throw PublishingError(.outputFolder, path: error.path, reason, underlying: error)
        }
    }

    /// Points `latest` at `runs/<runID>` by renaming a fresh link over it (never a moment without one).
    public func pointLatest(at runID: String) throws(PublishingError) {
        let link = path + "/.latest-\(SystemCalls.processID)"
        do {
            try SystemCalls.unlinkIfPresent(link)
            try SystemCalls.symlink(target: "runs/\(runID)", at: link)
        } catch {
            throw PublishingError(.publish, path: link, "cannot create the link for 'latest'", underlying: error)
        }
        do {
            try SystemCalls.rename(link, to: latest)
            try SystemCalls.fsync(path: path)
        } catch {
            try? SystemCalls.unlinkIfPresent(link)
            throw PublishingError(.publish, path: latest, "cannot switch 'latest' (is it a folder?)", underlying: error)
        }
    }

    /// Removes a run folder that was moved into place but not recorded (its state commit failed).
    public func removeRun(_ runID: String) {
        try? FileManager.default.removeItem(atPath: runFolder(runID))
        try? SystemCalls.fsync(path: runs)
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
