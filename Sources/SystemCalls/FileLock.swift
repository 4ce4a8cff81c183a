#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive `flock` on a file, held as long as this value lives: the kernel releases it when the
/// process ends however it ends, so a dead holder (or a reused pid) never blocks the next run.
public final class FileLock: Sendable {
    /// The lock file.
    public let path: String
    private let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    /// Takes the lock on `path` (creating the file), or returns nil when another open file holds it.
    /// The file then holds this process's id, for the message of a run that finds it locked.
    public static func tryLock(path: String) throws(SystemError) -> FileLock? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .last("open", path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let error = SystemError.last("flock", path)
            close(fd)
            if error.errno == EWOULDBLOCK { return nil }
            throw error
        }
        let text = Array("\(getpid())\n".utf8)
        if ftruncate(fd, 0) == 0 {
            _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
        return FileLock(path: path, fd: fd)
    }

    deinit {
        // Closing the last descriptor of the open file releases the lock.
        close(fd)
    }
}
