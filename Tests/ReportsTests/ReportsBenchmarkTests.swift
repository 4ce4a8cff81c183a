import Foundation
import Reports
import XCTest

/// Timing of the Reports stage for 100,000 participants; runs only with `REPORTS_BENCHMARK=1`
/// (meaningful in release: `REPORTS_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --filter ReportsBenchmarkTests`).
final class ReportsBenchmarkTests: XCTestCase {
    func testReportsFor100kParticipants() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["REPORTS_BENCHMARK"] == "1", "set REPORTS_BENCHMARK=1")
        let bundle = ReportFixture.large(count: 100_000)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reports-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now()
            let paths = try Reports.writeAll(bundle, to: directory)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            best = min(best, seconds)
            XCTAssertEqual(paths.count, 6 + bundle.catalog.organisations.count)
        }
        let bytes = try FileManager.default.subpathsOfDirectory(atPath: directory.path).reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(path).path)[.size] as? Int) ?? 0)
        }
        print("reports for 100,000 participants: best of 3 = \(String(format: "%.3f", best)) s, \(bytes / 1_000_000) MB written")
    }
}
