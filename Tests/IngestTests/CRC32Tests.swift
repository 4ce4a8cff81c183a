import XCTest
@testable import Ingest
import TestSupport
import Foundation

final class CRC32Tests: XCTestCase {
    /// Bit by bit, straight from the definition.
    private func reference(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return ~c
    }

    func testKnownValues() {
        XCTAssertEqual(CRC32.checksum([]), 0)
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum(Array("a".utf8)), 0xE8B7_BE43)
        XCTAssertEqual(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)), 0x414F_A339)
        XCTAssertEqual(CRC32.checksum([UInt8](repeating: 0, count: 32)), 0x190A_55AD)
    }

    func testEveryLengthAndAlignmentMatchesTheDefinition() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }
        for start in 0..<9 {
            for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 200, 300 - start] where start + length <= bytes.count {
                let slice = Array(bytes[start..<(start + length)])
                let expected = reference(slice)
                let got = bytes.withUnsafeBufferPointer { CRC32.update(0, UnsafeBufferPointer(rebasing: $0[start..<(start + length)])) }
                XCTAssertEqual(got, expected, "start \(start) length \(length)")
            }
        }
    }

    func testInPiecesEqualsOneShot() {
        let bytes = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 5) }
        var crc: UInt32 = 0
        var i = 0
        for piece in [1, 3, 8, 13, 4096, 65_536] {
            let end = min(bytes.count, i + piece)
            crc = bytes.withUnsafeBufferPointer { CRC32.update(crc, UnsafeBufferPointer(rebasing: $0[i..<end])) }
            i = end
        }
        crc = bytes.withUnsafeBufferPointer { CRC32.update(crc, UnsafeBufferPointer(rebasing: $0[i...])) }
        XCTAssertEqual(crc, CRC32.checksum(bytes))
        XCTAssertEqual(crc, reference(bytes))
    }

    /// A part whose data inflates fine but whose declared CRC-32 is wrong is refused.
    func testAPartWithAWrongCRCIsRefused() throws {
        let dir = try TempDir()
        let good = try simpleWorkbookForCRC(dir)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: good)))
        let part = "xl/worksheets/sheet1.xml"
        let member = try XCTUnwrap(try ZipPackage.readCentralDirectory(bytes, file: good)[part])
        XCTAssertEqual(try ZipPackage(path: good).read(part).count, member.uncompressedSize)
        let wrong = member.crc32 ^ 0x0000_0100
        let name = Array(part.utf8)
        var i = 0
        while i + 46 + name.count <= bytes.count {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x01, bytes[i + 3] == 0x02,
                Array(bytes[(i + 46)..<(i + 46 + name.count)]) == name
            {
                for k in 0..<4 { bytes[i + 16 + k] = UInt8(truncatingIfNeeded: wrong >> (8 * UInt32(k))) }
            }
            i += 1
        }
        for k in 0..<4 { bytes[member.localHeaderOffset + 14 + k] = UInt8(truncatingIfNeeded: wrong >> (8 * UInt32(k))) }
        let path = try dir.write("badcrc.xlsx", bytes: bytes)
        assertIngestError(try Ingest.run([InputSpec(path: path)]), file: path, contains: ["corrupt xlsx: part \(part) fails its CRC-32 check"])
    }

    private func simpleWorkbookForCRC(_ dir: TempDir) throws -> String {
        var builder = XLSXBuilder()
        builder.sheets = [("S", XLSXBuilder.sheetXML([XLSXBuilder.inlineRow(1, ["E-mail"]), XLSXBuilder.inlineRow(2, ["z@example.nl"])]))]
        let path = dir.path("good.xlsx")
        try builder.write(to: path)
        return path
    }

    func testISODatesAndTimes() {
        let day = CivilDate.days(year: 2020, month: 9, day: 4)
        XCTAssertEqual(CivilDate.iso(days: day, seconds: 0), "2020-09-04")
        XCTAssertEqual(CivilDate.iso(days: day, seconds: 3600 * 9 + 60 * 5 + 7), "2020-09-04T09:05:07")
        XCTAssertEqual(CivilDate.iso(days: day, seconds: 86_399), "2020-09-04T23:59:59")
        XCTAssertEqual(CivilDate.iso(days: day, seconds: 45_296, timeOnly: true), "12:34:56")
        XCTAssertEqual(CivilDate.iso(days: CivilDate.days(year: 812, month: 12, day: 31), seconds: 1), "0812-12-31T00:00:01")
        XCTAssertEqual(CivilDate.iso(days: CivilDate.days(year: 9999, month: 12, day: 31), seconds: 0), "9999-12-31")
        XCTAssertEqual(CivilDate.iso(days: CivilDate.days(year: 1899, month: 12, day: 30), seconds: 0), "1899-12-30")
    }
}
