import XCTest
@testable import Reports

final class ReportsPlaceholderTests: XCTestCase {
    func testModuleLoads() throws {}
}
