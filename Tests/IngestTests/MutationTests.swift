import Foundation
import XCTest
@testable import Ingest
import TestSupport
import WerksessiesModel

/// Seeded random damage to valid files: every outcome must be a result or an `IngestError`, never a trap.
final class MutationTests: XCTestCase {
    private func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var out = bytes
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:  // flip a few bytes
            for _ in 0..<Int.random(in: 1...8, using: &rng) where !out.isEmpty {
                out[Int.random(in: 0..<out.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
        case 1:  // truncate
            out = Array(out.prefix(Int.random(in: 0..<max(out.count, 1), using: &rng)))
        case 2:  // duplicate a slice
            if out.count > 2 {
                let a = Int.random(in: 0..<out.count, using: &rng), b = Int.random(in: a..<out.count, using: &rng)
                out.insert(contentsOf: out[a..<b], at: Int.random(in: 0..<out.count, using: &rng))
            }
        default:  // special bytes
            let specials: [[UInt8]] = [[0x22], [0x0D], [0x0A], [0], [0xFF, 0xFE], [0xC3], Array("&#x110000;".utf8), Array("<!DOCTYPE".utf8), Array("r=\"ZZZZ99999999\"".utf8)]
            if !out.isEmpty { out.insert(contentsOf: specials[Int.random(in: 0..<specials.count, using: &rng)], at: Int.random(in: 0..<out.count, using: &rng)) }
        }
        return out
    }

    func testDamagedCSVFiles() throws {
        let dir = try TempDir()
        let seed = Array("Tijdstempel;E-mailadres;Naam;Mandaat\r\n14-9-2020 10:23;a@b.nl;\"Jan \"\"J\"\"\r\nJansen\";Ja\r\n2020-09-14T10:00:00Z;c@d.nl;Zoë;Nee\r\n".utf8)
        var rng = SplitMix64(seed: 42)
        for i in 0..<300 {
            let path = try dir.write("m\(i).csv", bytes: mutate(seed, &rng))
            do {
                let result = try Ingest.run([InputSpec(path: path)])
                XCTAssertEqual(result.counts.rowsRead, result.registrations.count + result.counts.duplicatesMerged + result.counts.rejected)
            } catch is IngestError {
                continue
            }
        }
    }

    func testDamagedWorkbooks() throws {
        let dir = try TempDir()
        var builder = XLSXBuilder()
        builder.sharedStrings = ["E-mail", "Naam"]
        builder.stylesXML = XLSXIngestTests.styles
        builder.compress = false  // stored parts: mutations reach the XML itself
        builder.sheets = [("S", XLSXBuilder.sheetXML([
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>",
            "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a@b.nl</t></is></c><c r=\"B2\" s=\"2\"><v>44088.5</v></c></row>",
        ]))]
        let seedPath = dir.path("seed.xlsx")
        try builder.write(to: seedPath)
        let seed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: seedPath)))
        builder.compress = true
        try builder.write(to: seedPath)
        let deflated = [UInt8](try Data(contentsOf: URL(fileURLWithPath: seedPath)))
        var rng = SplitMix64(seed: 7)
        for i in 0..<400 {
            let path = try dir.write("m\(i).xlsx", bytes: mutate(i % 2 == 0 ? seed : deflated, &rng))
            do {
                _ = try Ingest.run([InputSpec(path: path)])
                _ = try XLSXReader.grid(path: path, sheet: nil)
            } catch is IngestError {
                continue
            }
        }
    }
}
