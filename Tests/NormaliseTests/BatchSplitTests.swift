@testable import Normalise
import WerksessiesModel
import XCTest

final class BatchSplitTests: XCTestCase {
    /// A batch split over cores gives exactly what one pass gives, in input order.
    func testSplitBatchEqualsSinglePass() {
        let disciplines = ["architect", "archtect", "Tandarts", "n.v.t.", "Senior beleidsadviseur RO", ""]
        let interests = ["NOVI; groen", "voetbal, leefbaarheid", "", "Vooral de energietransitie", "n/a"]
        let registrations = (0..<120_000).map { i in
            Registration(
                source: SourceRef(file: "big.csv", row: i + 2), email: "p\(i)@x.nl", organisation: "Gem. Utrecht",
                discipline: disciplines[i % disciplines.count], interests: interests[(i / 7) % interests.count])
        }
        let split = Fixtures.normaliser.normalise(registrations)
        let single = Fixtures.normaliser.normalisePart(registrations[...])
        XCTAssertEqual(split.participants.count, registrations.count)
        XCTAssertEqual(split.participants, single.participants)
        XCTAssertEqual(split.diagnostics, single.diagnostics)
    }
}
