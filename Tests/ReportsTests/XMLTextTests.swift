import LibXLSXWriter
import XCTest

/// The one XML 1.0 character rule (LibXLSXWriter's `XMLText`).
final class XMLTextTests: XCTestCase {
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
