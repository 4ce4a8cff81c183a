import WerksessiesModel
import XCTest

final class ByteOrderTests: XCTestCase {
    func testCompareIsTheOrderOfTheUTF8Bytes() {
        let words = ["", "a", "ab", "b", "B", "é", "e\u{301}", "Zeeland", "zeeland", "P00ff", "P00fe", "ĳ", "ij", "\u{0}"]
        for a in words {
            for b in words {
                let expected = Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
                    ? -1 : (Array(a.utf8) == Array(b.utf8) ? 0 : 1)
                XCTAssertEqual(ByteOrder.compare(a, b).signum(), expected, "\(a) vs \(b)")
            }
        }
        XCTAssertEqual(ByteOrder.sortedIndices(["b", "a", "ab", "a"]), [1, 3, 2, 0])
    }
}
