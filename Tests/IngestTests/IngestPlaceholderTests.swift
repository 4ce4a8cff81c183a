import XCTest
@testable import Ingest

final class IngestPlaceholderTests: XCTestCase {
    func testModuleLoads() throws {}
}
