import XCTest
@testable import Assign

final class AssignPlaceholderTests: XCTestCase {
    func testModuleLoads() throws {}
}
