import WerksessiesModel
import XCTest

final class ByteOrderAndXMLTextTests: XCTestCase {
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

    func testForbiddenCharactersAreFoundByTheirBytes() {
        for bad in ["\u{7}", "a\u{0}b", "\u{FFFE}", "x\u{FFFF}", "\u{EF}\u{FFFF}", "\u{1F}"] {
            XCTAssertTrue(XMLText.needsCleaning(bad), bad.debugDescription)
        }
        for good in ["", "tab\there", "line\nbreak\r", "\u{FFFD}", "\u{FFEF}", "\u{EFBF}", "ĳsselmeer", "😀"] {
            XCTAssertFalse(XMLText.needsCleaning(good), good.debugDescription)
        }
        XCTAssertEqual(XMLText.cleaned("a\u{7}b\u{FFFE}").text, "ab")
    }
}
