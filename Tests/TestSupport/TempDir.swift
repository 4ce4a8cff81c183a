import Foundation

/// A temporary folder for the files a test generates; removed at the end.
public final class TempDir {
    /// The folder.
    public let url: URL

    /// Creates a fresh folder under the system temp folder.
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("werksessies-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes bytes and returns the path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let p = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// Writes UTF-8 text and returns the path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }
}
