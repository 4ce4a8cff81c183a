import Foundation
import XCTest
@testable import Ingest
import TestSupport
import WerksessiesModel

/// Rows built in parallel batches must give exactly what one thread gives: values, diagnostics and their order.
final class ParallelIngestTests: XCTestCase {
    /// Rows with something to say: duplicates (older and newer), invalid and missing e-mails, ragged rows, unclear
    /// answers, bad timestamps, padding, non-ASCII and cancellations, spread over many batches.
    private func rows(_ count: Int) -> [String] {
        var lines = ["Tijdstempel,E-mailadres,Voornaam,Achternaam,Organisatie,Mandaat,Toestemming,Status"]
        for i in 0..<count {
            let email: String
            switch i % 97 {
            case 0: email = "geen-adres"
            case 1: email = ""
            case 2: email = " Deelnemer.\(i % 500)@Example.NL "
            default: email = "deelnemer.\(i % 7000)@example.nl"
            }
            let time = i % 89 == 0 ? "gisteren" : "\(i % 28 + 1)-\(i % 12 + 1)-2021 \(i % 24):\(String(format: "%02d", i % 60))"
            let mandate = i % 53 == 0 ? "misschien" : (i % 2 == 0 ? "Ja" : "Nee")
            let name = i % 11 == 0 ? "Zoë" : "Voornaam\(i % 40)"
            var line = "\(time),\(email),\(name),Achternaam \(i % 30),\"Bureau, \(i % 9)\",\(mandate),Ja,\(i % 20 == 0 ? "Geannuleerd" : "Aangemeld")"
            if i % 400 == 7 { line += ",extra" }
            if i % 400 == 9 { line = "\(time),\(email)" }
            if i % 1000 == 5 { line = ",,,," }
            lines.append(line)
        }
        return lines
    }

    func testCSVParallelEqualsSequential() throws {
        let dir = try TempDir()
        let path = try dir.write("many.csv", rows(30_000).joined(separator: "\r\n") + "\r\n")
        let sequential = try Ingest.run([InputSpec(path: path)], options: IngestOptions(), parallel: false)
        let parallel = try Ingest.run([InputSpec(path: path)], options: IngestOptions(), parallel: true)
        XCTAssertGreaterThan(sequential.counts.duplicatesMerged, 1000)
        XCTAssertGreaterThan(sequential.counts.rejected, 100)
        XCTAssertFalse(sequential.diagnostics("ragged_row").isEmpty)
        XCTAssertFalse(sequential.diagnostics("invalid_timestamp").isEmpty)
        XCTAssertFalse(sequential.diagnostics("unclear_mandate").isEmpty)
        XCTAssertEqual(parallel.registrations, sequential.registrations)
        XCTAssertEqual(parallel.diagnostics, sequential.diagnostics)
        XCTAssertEqual(parallel.counts, sequential.counts)
        XCTAssertEqual(parallel.files, sequential.files)
        // And the same again: deterministic.
        let again = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(again.registrations, parallel.registrations)
        XCTAssertEqual(again.diagnostics, parallel.diagnostics)
    }

    func testXLSXParallelEqualsSequential() throws {
        let dir = try TempDir()
        let table = rows(12_000).map { line in line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var builder = XLSXBuilder()
        builder.sheets = [("Form1", XLSXBuilder.sheetXML(table.enumerated().map { XLSXBuilder.inlineRow($0.offset + 1, $0.element) }))]
        let path = dir.path("many.xlsx")
        try builder.write(to: path)
        let sequential = try Ingest.run([InputSpec(path: path)], options: IngestOptions(), parallel: false)
        let parallel = try Ingest.run([InputSpec(path: path)], options: IngestOptions(), parallel: true)
        XCTAssertGreaterThan(sequential.counts.rowsRead, 11_000)
        XCTAssertEqual(parallel.registrations, sequential.registrations)
        XCTAssertEqual(parallel.diagnostics, sequential.diagnostics)
        XCTAssertEqual(parallel.counts, sequential.counts)
    }

    func testErrorInALaterBatchIsThrownInOrder() throws {
        let dir = try TempDir()
        var lines = rows(10_000)
        lines.insert(Array(repeating: "x", count: ValueLimits.maxColumns + 1).joined(separator: ","), at: 7_000)
        let path = try dir.write("wide.csv", lines.joined(separator: "\n"))
        for parallel in [false, true] {
            XCTAssertThrowsError(try Ingest.run([InputSpec(path: path)], options: IngestOptions(), parallel: parallel)) { error in
                XCTAssertEqual((error as? IngestError)?.message.hasPrefix("row 7001 has 16385 fields"), true, "\(error)")
            }
        }
    }
}
