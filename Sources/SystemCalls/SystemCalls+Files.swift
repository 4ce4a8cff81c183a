import CSystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// Thin, throwing wrappers of the file system calls the publisher needs.
public enum SystemCalls {
    /// The id of this process.
    public static var processID: Int32 { getpid() }

    /// Flushes a file or folder to disk (`open` + `fsync`).
    public static func fsync(path: String) throws(SystemError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .last("open", path) }
        defer { close(fd) }
        // EINVAL: the file system cannot sync this kind of file (nothing to flush).
        guard Glibc.fsync(fd) == 0 || errno == EINVAL else { throw .last("fsync", path) }
    }

    /// Starts writing a file's dirty pages to disk without waiting for them (Linux `sync_file_range`), so
    /// that a later `fsync` finds little left to do. Where the call does not exist this does nothing.
    public static func startWriteback(path: String) throws(SystemError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .last("open", path) }
        defer { close(fd) }
        guard werksessies_sync_file_range_write(fd) == 0 || errno == ENOSYS || errno == EINVAL else {
            throw .last("sync_file_range", path)
        }
    }

    /// Renames `source` to `destination`, replacing a file (or empty folder) there (`rename`).
    public static func rename(_ source: String, to destination: String) throws(SystemError) {
        guard Glibc.rename(source, destination) == 0 else { throw .last("rename", destination) }
    }

    /// Creates a symbolic link at `path` that points at `target` (`symlink`).
    public static func symlink(target: String, at path: String) throws(SystemError) {
        guard Glibc.symlink(target, path) == 0 else { throw .last("symlink", path) }
    }

    /// Removes a file or symbolic link; a missing one is no error (`unlink`).
    public static func unlinkIfPresent(_ path: String) throws(SystemError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw .last("unlink", path) }
    }

    /// Creates a folder and its missing parents (`mkdir -p`); an existing folder is no error.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(SystemError) {
        if isDirectory(path) { return }
        let parent = parentPath(of: path)
        if parent != path, !parent.isEmpty { try makeDirectories(parent, mode: mode) }
        guard mkdir(path, mode) == 0 || (errno == EEXIST && isDirectory(path)) else {
            // EEXIST for something that is not a folder: name it as such.
            throw SystemError(call: "mkdir", errno: errno == EEXIST ? ENOTDIR : errno, path: path)
        }
    }

    /// Creates one folder (`mkdir`); an existing folder is no error, anything else there is (ENOTDIR).
    public static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws(SystemError) {
        guard mkdir(path, mode) == 0 || (errno == EEXIST && isDirectory(path)) else {
            throw SystemError(call: "mkdir", errno: errno == EEXIST ? ENOTDIR : errno, path: path)
        }
    }

    /// Whether `path` is a folder (following symbolic links).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether `path` is a regular file (following symbolic links).
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The folder holding `path` ("." for a bare name, "/" for the root).
    static func parentPath(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
