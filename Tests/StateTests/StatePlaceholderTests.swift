import XCTest
@testable import State

final class StatePlaceholderTests: XCTestCase {
    func testModuleLoads() throws {}
}
