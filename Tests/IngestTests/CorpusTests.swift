import Foundation
import XCTest
@testable import Ingest

/// The real-file corpus (spreadsheets and CSVs written by Excel, LibreOffice, Google Sheets, Numbers and CSV test
/// suites, kept outside the repository): every file is read, or refused with one line that names it.
final class CorpusTests: XCTestCase {
    /// `WERKSESSIES_CORPUS`, else the `shared/corpus/files` folder next to the repository; `nil` when absent.
    static func corpusFolder() -> URL? {
        let folder: URL
        if let given = ProcessInfo.processInfo.environment["WERKSESSIES_CORPUS"], !given.isEmpty {
            folder = URL(fileURLWithPath: given)
        } else {
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            folder = repository.deletingLastPathComponent().appendingPathComponent("shared")
                .appendingPathComponent("corpus").appendingPathComponent("files")
        }
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && isFolder.boolValue ? folder : nil
    }

    /// Every regular file below `folder`, sorted.
    static func files(in folder: URL) -> [String] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var paths: [String] = []
        while let url = walker?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { paths.append(url.path) }
        }
        return paths.sorted()
    }

    func testEveryCorpusFileIsReadOrRefusedWithOneLineNamingIt() throws {
        guard let folder = Self.corpusFolder() else {
            throw XCTSkip("no corpus folder (set WERKSESSIES_CORPUS)")
        }
        let paths = Self.files(in: folder)
        XCTAssertFalse(paths.isEmpty, "the corpus folder is empty")
        var read = 0
        var refusals: [String] = []
        let report = ProcessInfo.processInfo.environment["WERKSESSIES_CORPUS_REPORT"] != nil
        for path in paths {
            let started = Date()
            defer { if report { print("time: \(Date().timeIntervalSince(started)) \(path)") } }
            do {
                let result = try Ingest.run([InputSpec(path: path)])
                XCTAssertEqual(result.files.map(\.path), [path])
                read += 1
            } catch let error as IngestError {
                let line = error.description
                XCTAssertEqual(error.file, path)
                XCTAssertTrue(line.hasPrefix(path), "the refusal names the file: \(line)")
                XCTAssertFalse(line.contains("\n") || line.contains("\r"), "one line: \(line)")
                refusals.append(line)
            } catch {
                XCTFail("\(path): not an IngestError: \(error)")
            }
        }
        if report {
            print("corpus: \(paths.count) files, \(read) read, \(refusals.count) refused")
            for line in refusals { print("refused: \(line)") }
        }
    }
}
