import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One run at a time: a lock file holding the holder's pid; a stale lock (dead pid) is taken over.
struct RunLock: ~Copyable {
    let path: String

    /// Takes the lock or throws `PipelineError(.locked)` naming the holder.
    init(path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        for _ in 0..<3 {
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o644)
            if fd >= 0 {
                let text = "\(getpid())\n"
                _ = text.withCString { write(fd, $0, strlen($0)) }
                fsync(fd)
                close(fd)
                return
            }
            guard errno == EEXIST else {
                throw PipelineError(.locked, "\(path): cannot create the lock file (\(String(cString: strerror(errno))))")
            }
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if let holder, let pid = Int32(holder), pid > 0, kill(pid, 0) == 0 || errno == EPERM {
                throw PipelineError(.locked, "another run holds the lock \(path) (pid \(pid)); try again when it has finished")
            }
            // Stale: the holder is gone (or the file is empty/garbled). Take it over.
            unlink(path)
        }
        throw PipelineError(.locked, "\(path): could not take the lock")
    }

    deinit {
        unlink(path)
    }
}
