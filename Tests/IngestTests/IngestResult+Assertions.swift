import XCTest
@testable import Ingest
import WerksessiesModel

/// Asserts that an expression throws an `IngestError` whose message contains every fragment.
func assertIngestError<T>(
    _ expression: @autoclosure () throws -> T, file path: String, contains fragments: [String],
    _ sourceFile: StaticString = #filePath, line: UInt = #line
) {
    do {
        _ = try expression()
        XCTFail("expected an IngestError", file: sourceFile, line: line)
    } catch let error as IngestError {
        XCTAssertEqual(error.file, path, file: sourceFile, line: line)
        for fragment in fragments {
            XCTAssertTrue(error.message.contains(fragment), "'\(error.message)' lacks '\(fragment)'", file: sourceFile, line: line)
        }
        XCTAssertFalse(error.description.contains("\n"), "one line", file: sourceFile, line: line)
    } catch {
        XCTFail("expected an IngestError, got \(error)", file: sourceFile, line: line)
    }
}

extension IngestResult {
    /// The registration of an e-mail key.
    func registration(_ email: String) -> Registration? {
        registrations.first { $0.emailKey == Registration.foldEmail(email) }
    }

    /// Diagnostics with a code.
    func diagnostics(_ code: String) -> [Diagnostic] { diagnostics.filter { $0.code == code } }
}
