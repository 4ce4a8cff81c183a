import XCTest
@testable import Ingest
import TestSupport
import WerksessiesModel

/// The merger's e-mail index (`EmailSlots`): hash collisions, growth, and the later registration winning.
final class RegistrationMergerTests: XCTestCase {
    /// With every hash equal (and then with a few), only equal keys merge; the table grows from empty past many sizes.
    func testCollidingHashesKeepKeysApart() {
        for hashOf in [{ (_: Int) in 42 }, { (i: Int) in i % 3 }, { (i: Int) in -i }] {
            var merger = RegistrationMerger()
            for i in 0..<300 { merger.add(Fixture.registration("p\(i)@example.nl", row: i + 2, file: "f.csv"), keyHash: hashOf(i)) }
            for i in stride(from: 0, to: 300, by: 7) { merger.add(Fixture.registration("P\(i)@Example.nl", row: 400 + i, file: "f.csv"), keyHash: hashOf(i)) }
            let result = merger.finish()
            XCTAssertEqual(result.registrations.count, 300)
            XCTAssertEqual(result.counts.duplicatesMerged, 43)
            XCTAssertEqual(result.registrations.map(\.emailKey), (0..<300).map { "p\($0)@example.nl" })
            XCTAssertEqual(result.registrations[7].source.row, 407)
            XCTAssertEqual(result.registrations[8].source.row, 10)
            XCTAssertEqual(result.diagnostics.map(\.row), stride(from: 0, to: 300, by: 7).map { $0 + 2 })
        }
    }

    /// The later `submittedAt` wins whatever the input order; with equal times the later row does.
    func testLaterSubmissionWins() {
        var merger = RegistrationMerger()
        merger.reserve(2)
        let a = "a@example.nl", b = "b@example.nl"
        merger.add(Fixture.registration(a, row: 2, file: "f.csv", submittedAt: Date(timeIntervalSince1970: 200)), keyHash: a.hashValue)
        merger.add(Fixture.registration(a, row: 3, file: "f.csv", submittedAt: Date(timeIntervalSince1970: 100)), keyHash: a.hashValue)
        merger.add(Fixture.registration(b, row: 4, file: "f.csv", submittedAt: Date(timeIntervalSince1970: 100)), keyHash: b.hashValue)
        merger.add(Fixture.registration(b, row: 5, file: "f.csv", submittedAt: Date(timeIntervalSince1970: 100)), keyHash: b.hashValue)
        let result = merger.finish()
        XCTAssertEqual(result.registrations.map(\.source.row), [2, 5])
        XCTAssertEqual(result.diagnostics.map(\.row), [3, 4])
        XCTAssertEqual(result.diagnostics.first?.message, "an older registration of this e-mail; the one in f.csv row 2 counts")
    }

    /// The ASCII shortcut of `cleanEmail` gives what the full path gives.
    func testCleanEmailShortcut() {
        let cases = [(" a@b.nl \t", "a@b.nl"), ("a@b.nl", "a@b.nl"), (" Jan <jan@b.nl> ", "jan@b.nl"), (" mailto:jan@b.nl", "jan@b.nl"),
                     ("\u{200B}jan@b.nl\u{00A0}", "jan@b.nl"), ("\u{1}a b@c.nl\n", "a b@c.nl")]
        for (raw, clean) in cases { XCTAssertEqual(AnswerParsing.cleanEmail(raw), clean, raw) }
    }
}
