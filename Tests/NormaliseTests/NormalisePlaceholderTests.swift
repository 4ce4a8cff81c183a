import XCTest
@testable import Normalise

final class NormalisePlaceholderTests: XCTestCase {
    func testModuleLoads() throws {}
}
