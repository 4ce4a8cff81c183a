import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Publishes a run folder atomically: build in a temporary folder beside the target, fsync, rename, switch `latest`.
enum Publisher {
    /// A fresh temporary folder under `<output>/runs/` (hidden, removed on failure by the caller).
    static func makeStaging(output: String, runID: String) throws -> URL {
        let runs = URL(fileURLWithPath: output).appendingPathComponent("runs")
        let staging = runs.appendingPathComponent(".staging-\(runID)-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: staging)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(.publish, "\(staging.path): cannot create the staging folder (\(error.localizedDescription))")
        }
        return staging
    }

    /// Writes `data` to `url` through a temporary file and a rename.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try data.write(to: temporary)
            try fsyncPath(temporary.path)
            guard rename(temporary.path, url.path) == 0 else {
                throw PipelineError(.publish, "\(url.path): rename failed (\(String(cString: strerror(errno))))")
            }
        } catch let error as PipelineError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw PipelineError(.publish, "\(url.path): cannot write (\(error.localizedDescription))")
        }
    }

    /// Moves the staging folder to `runs/<runID>` and points `latest` at it; returns the run folder.
    static func publish(staging: URL, output: String, runID: String) throws -> URL {
        let fm = FileManager.default
        // fsync every file, then the folder, so that a crash after the rename never exposes half-written files.
        if let files = fm.enumerator(at: staging, includingPropertiesForKeys: nil) {
            for case let file as URL in files {
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    try fsyncPath(file.path)
                }
            }
        }
        try fsyncPath(staging.path)
        let runs = URL(fileURLWithPath: output).appendingPathComponent("runs")
        let target = runs.appendingPathComponent(runID)
        guard rename(staging.path, target.path) == 0 else {
            throw PipelineError(.publish, "\(target.path): cannot rename the staging folder (\(String(cString: strerror(errno))))")
        }
        try fsyncPath(runs.path)
        let latest = URL(fileURLWithPath: output).appendingPathComponent("latest")
        let link = URL(fileURLWithPath: output).appendingPathComponent(".latest-\(getpid())")
        unlink(link.path)
        guard symlink("runs/\(runID)", link.path) == 0 else {
            throw PipelineError(.publish, "\(link.path): cannot create symlink (\(String(cString: strerror(errno))))")
        }
        guard rename(link.path, latest.path) == 0 else {
            unlink(link.path)
            throw PipelineError(
                .publish, "\(latest.path): cannot switch 'latest' (\(String(cString: strerror(errno)))); is it a folder?")
        }
        try fsyncPath(output)
        return target
    }

    /// Removes published run folders beyond the newest `keep`, and stale staging folders; returns the kept run ids.
    static func prune(output: String, keep: Int) -> [String] {
        let runs = URL(fileURLWithPath: output).appendingPathComponent("runs")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []).sorted()
        for name in names where name.hasPrefix(".staging-") {
            // Only remove staging folders whose process is gone.
            if let pid = name.split(separator: "-").last.flatMap({ Int32($0) }), kill(pid, 0) != 0, errno != EPERM {
                try? FileManager.default.removeItem(at: runs.appendingPathComponent(name))
            }
        }
        let top = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        for name in top where name.hasPrefix(".latest-") {
            if let pid = Int32(name.dropFirst(".latest-".count)), kill(pid, 0) != 0, errno != EPERM {
                unlink(output + "/" + name)
            }
        }
        let published = names.filter { !$0.hasPrefix(".") }
        let removed = published.dropLast(keep)
        for name in removed {
            try? FileManager.default.removeItem(at: runs.appendingPathComponent(name))
        }
        return Array(published.suffix(keep))
    }

    static func fsyncPath(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw PipelineError(.publish, "\(path): cannot open for fsync (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        _ = fsync(fd)
    }
}
