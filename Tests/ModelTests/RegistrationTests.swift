import Foundation
import WerksessiesModel
import XCTest

final class RegistrationTests: XCTestCase {
    func testCopiesKeepValueSemanticsAndTheNameDefault() {
        let original = Registration(
            source: SourceRef(file: "a.csv", row: 2), email: " Anna@Example.org ", firstName: "Anna", lastName: "de Vries",
            organisation: "Gemeente", interests: "Wonen; Water", consent: true)
        XCTAssertEqual(original.name, "Anna de Vries", "first + last when there is no name column")
        XCTAssertEqual(original.emailKey, "anna@example.org")
        var copy = original
        XCTAssertEqual(copy, original)
        XCTAssertEqual(copy.hashValue, original.hashValue)
        copy.organisation = "Provincie"
        copy.source.row = 9
        copy.cancelled = true
        XCTAssertEqual(original.organisation, "Gemeente", "changing a copy leaves the original alone")
        XCTAssertEqual(original.source.row, 2)
        XCTAssertFalse(original.cancelled)
        XCTAssertEqual(copy.organisation, "Provincie")
        XCTAssertNotEqual(copy, original)
        var again = original
        again.interests = "Wonen; Water"
        XCTAssertEqual(again, original, "equal text is equal, whichever box holds it")
        XCTAssertEqual(Set([original, again, copy]).count, 2)
    }
}
