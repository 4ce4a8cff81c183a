import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the real `werksessies` program (built next to the test bundle) for every exit status and checks
/// its stdout, its one `werksessies:` line on stderr and the status.
final class CLITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var binary: URL { Bundle.main.bundleURL.appendingPathComponent("werksessies") }

    var dir: URL!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            XCTFail("\(Self.binary.path) is not built (swift build --build-tests builds it)")
            throw XCTSkip("no binary")
        }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("werksessies-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let dir {
            _ = try? Self.launch(["chmod", "-R", "u+w", dir.path], executable: URL(fileURLWithPath: "/bin/chmod"))
            try? FileManager.default.removeItem(at: dir)
        }
    }

    /// What one run of the program printed and returned.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        /// The stderr lines that start with `werksessies:`.
        var errorLines: [Substring] {
            stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("werksessies:") }
        }
    }

    static func launch(_ arguments: [String], executable: URL = binary, in folder: URL = root) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = executable == binary ? arguments : Array(arguments.dropFirst())
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting (a full pipe would block the program).
        let errData = Thread.detachAndRead(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.wait(), as: UTF8.self))
    }

    func werksessies(_ arguments: [String]) throws -> Result {
        try Self.launch(arguments)
    }

    /// Asserts a failure: `status`, nothing on stdout, exactly one `werksessies:` line containing `text`.
    func assertFails(
        _ result: Result, status: Int32, mentioning text: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(result.status, status, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        XCTAssertEqual(result.errorLines.count, 1, result.stderr, file: file, line: line)
        XCTAssertTrue(result.errorLines.first?.contains(text) ?? false, "\(result.errorLines)", file: file, line: line)
        XCTAssertTrue(result.stderr.hasSuffix("\n"), file: file, line: line)
        XCTAssertFalse(result.stderr.contains("Error:"), result.stderr, file: file, line: line)
    }

    /// A run into the scratch folder on the committed sample data.
    func runArguments(_ extra: [String] = []) -> [String] {
        ["run", "Pipelines/nightly.yml", "--output", dir.appendingPathComponent("out").path,
         "--state", dir.appendingPathComponent("state.sqlite").path] + extra
    }
}

/// Reads a file handle to its end on another thread.
final class PendingRead: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

extension Thread {
    static func detachAndRead(_ handle: FileHandle) -> PendingRead { PendingRead(handle) }
}
