import Foundation
import SystemCalls

/// A run's reports while they are written: a hidden folder in `runs/`, renamed into place when complete.
public struct Staging: Sendable {
    /// The publish folder.
    public let output: OutputFolder
    /// The run the folder becomes.
    public let runID: String
    /// `runs/.staging-<run-id>-<pid>`.
    public let path: String

    /// A fresh, empty staging folder for `runID` (the caller holds the run lock).
    public static func create(in output: OutputFolder, runID: String) throws(PublishingError) -> Staging {
        let path = output.runs + "/.staging-\(runID)-\(SystemCalls.processID)"
        try? FileManager.default.removeItem(atPath: path)
        do {
            try SystemCalls.makeDirectories(path)
        } catch {
            throw PublishingError(.outputFolder, path: path, "cannot create the staging folder", underlying: error)
        }
        return Staging(output: output, runID: runID, path: path)
    }

    /// The staging folder as a file URL.
    public var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// Removes the staging folder and everything in it (a run that does not publish).
    public func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `data` as `name` in the staging folder, through a temporary file and a rename.
    public func write(_ data: Data, name: String) throws(PublishingError) {
        try Publisher.writeAtomically(data, to: path + "/" + name)
    }

    /// Flushes every file and the folder and renames it to `runs/<run-id>`; returns the run folder.
    /// Nothing is visible under the run's name before all of it is on disk; `latest` is not touched
    /// (`OutputFolder.pointLatest(at:)` does that once the state has recorded the run).
    public func moveIntoPlace() throws(PublishingError) -> String {
        try flushAll()
        let target = output.runFolder(runID)
        do {
            try SystemCalls.rename(path, to: target)
            try SystemCalls.fsync(path: output.runs)
        } catch {
            throw PublishingError(.publish, path: target, "cannot move the run into place", underlying: error)
        }
        return target
    }

    /// Starts the write-back of every file, then waits for each (fsync), then flushes the folders.
    func flushAll() throws(PublishingError) {
        var files: [String] = []
        var folders: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let relative = enumerator?.nextObject() as? String {
            let file = path + "/" + relative
            if SystemCalls.isDirectory(file) { folders.append(file) } else { files.append(file) }
        }
        for file in files { try? SystemCalls.startWriteback(path: file) }
        do {
            for file in files + folders + [path] { try SystemCalls.fsync(path: file) }
        } catch {
            throw PublishingError(.file, path: error.path, "cannot flush the report to disk", underlying: error)
        }
    }
}
