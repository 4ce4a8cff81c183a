import Foundation
import XCTest
import ZIPFoundation
@testable import Ingest
import TestSupport

/// The Ingest benchmark (issue 3): a 1,000,000-row CSV and a 100,000-row xlsx, with time, throughput and peak memory.
/// Not a timed test: it runs only with `INGEST_BENCH=1`, best in release mode:
/// `INGEST_BENCH=1 swift test -c release --filter IngestBenchmarkTests`
final class IngestBenchmarkTests: XCTestCase {
    private var enabled: Bool { ProcessInfo.processInfo.environment["INGEST_BENCH"] == "1" }

    /// Peak resident memory of this process (VmHWM), in MB.
    private func peakMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return -1 }
        let kb = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        return kb / 1024
    }

    /// User + system CPU time of this process so far, in seconds.
    private func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(0, &usage)  // RUSAGE_SELF (an enum on Glibc, an Int32 on Darwin)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private static let organisations = ["Gemeente Utrecht", "Rijkswaterstaat", "Bureau Stad & Land", "Provincie Noord-Holland", "Studio Ruimte", "TU Delft"]
    private static let interests = ["Klimaatadaptatie", "Wonen", "Mobiliteit; Energietransitie", "Natuur; Water; Erfgoed", "Gezondheid"]

    private func row(_ i: Int) -> [String] {
        let day = i % 28 + 1, month = i % 12 + 1
        return [
            "\(day)-\(month)-2020 \(i % 24):\(String(format: "%02d", i % 60)):\(String(format: "%02d", (i / 60) % 60))",
            "deelnemer.\(i)@example\(i % 97).nl", "Voornaam\(i % 50)", "Achternaam \(i % 70)", Self.organisations[i % 6],
            "Adviseur", "Stedenbouw", Self.interests[i % 5], i % 3 == 0 ? "Ja" : "Nee", "Ja", i % 20 == 0 ? "Geannuleerd" : "Aangemeld",
        ]
    }

    private let header = ["Tijdstempel", "E-mailadres", "Voornaam", "Achternaam", "Organisatie", "Functie", "Vakgebied",
                          "Wat zijn uw interessegebieden?", "Heeft u mandaat om namens uw organisatie te tekenen?", "Toestemming", "Status"]

    func testBenchmarkCSVMillionRows() throws {
        try XCTSkipUnless(enabled, "set INGEST_BENCH=1 to run the benchmark")
        let dir = try TempDir()
        let path = dir.path("bench.csv")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var buffer = header.joined(separator: ",") + "\r\n"
        for i in 0..<1_000_000 {
            buffer += row(i).map { $0.contains(";") || $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\r\n"
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
        try handle.close()
        let size = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        let start = Date()
        let cpuStart = cpuSeconds()
        let result = try Ingest.run([InputSpec(path: path)])
        let seconds = Date().timeIntervalSince(start)
        let cpu = cpuSeconds() - cpuStart
        XCTAssertEqual(result.counts.rowsRead, 1_000_000)
        print(String(format: "INGEST BENCH csv: 1,000,000 rows, %.1f MB in %.2f s = %.1f MB/s, %.0f rows/s, CPU (user+sys) %.2f s, peak memory %.0f MB",
                     size / 1_048_576, seconds, size / 1_048_576 / seconds, 1_000_000 / seconds, cpu, peakMB()))
    }

    func testBenchmarkXLSXHundredThousandRows() throws {
        try XCTSkipUnless(enabled, "set INGEST_BENCH=1 to run the benchmark")
        let dir = try TempDir()
        var strings: [String] = []
        var index: [String: Int] = [:]
        func sid(_ s: String) -> Int {
            if let i = index[s] { return i }
            index[s] = strings.count
            strings.append(s)
            return strings.count - 1
        }
        var sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(XLSXBuilder.ns)\"><sheetData>"
        sheet += "<row r=\"1\">" + header.enumerated().map { "<c r=\"\(ColumnName.letters($0.offset))1\" t=\"s\"><v>\(sid($0.element))</v></c>" }.joined() + "</row>"
        for i in 0..<100_000 {
            let r = i + 2
            var cells = "<c r=\"A\(r)\" s=\"1\"><v>\(44_000 + Double(i % 300) + 0.43)</v></c>"
            for (j, value) in row(i).enumerated().dropFirst() {
                cells += "<c r=\"\(ColumnName.letters(j))\(r)\" t=\"s\"><v>\(sid(value))</v></c>"
            }
            sheet += "<row r=\"\(r)\">" + cells + "</row>"
        }
        sheet += "</sheetData></worksheet>"
        var builder = XLSXBuilder()
        builder.sheets = [("Form1", sheet)]
        builder.sharedStrings = strings
        builder.stylesXML = "<?xml version=\"1.0\"?><styleSheet xmlns=\"\(XLSXBuilder.ns)\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"22\"/></cellXfs></styleSheet>"
        let path = dir.path("bench.xlsx")
        try builder.write(to: path)
        let start = Date()
        let cpuStart = cpuSeconds()
        let result = try Ingest.run([InputSpec(path: path)])
        let seconds = Date().timeIntervalSince(start)
        let cpu = cpuSeconds() - cpuStart
        XCTAssertEqual(result.counts.rowsRead, 100_000)
        print(String(format: "INGEST BENCH xlsx: 100,000 rows in %.2f s = %.0f rows/s, CPU (user+sys) %.2f s, peak memory %.0f MB",
                     seconds, 100_000 / seconds, cpu, peakMB()))
    }
}
