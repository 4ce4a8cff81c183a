#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed system call: which call, its errno and the path it was given (as SwiftNIO's `IOError`).
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The call that failed, e.g. `fsync` or `rename`.
    public var call: String
    /// The `errno` it left.
    public var errno: Int32
    /// The path it was given (for two-path calls such as `rename`, the destination).
    public var path: String

    /// An error for `call` on `path` with `errno`.
    public init(call: String, errno: Int32, path: String) {
        self.call = call
        self.errno = errno
        self.path = path
    }

    /// The C library's text for `errno` ("No such file or directory").
    public var reason: String { String(cString: strerror(errno)) }

    /// Whether the path (or a folder on it) does not exist (ENOENT).
    public var isNoSuchFile: Bool { errno == ENOENT }

    /// `<path>: <call> failed: <reason> (errno <n>)`, one line.
    public var description: String { "\(path): \(call) failed: \(reason) (errno \(errno))" }

    /// An error for `call` on `path` with the current `errno`.
    static func last(_ call: String, _ path: String) -> SystemError {
        SystemError(call: call, errno: Glibc.errno, path: path)
    }
}
