import XCTest
@testable import Metrics

final class MetricsPlaceholderTests: XCTestCase {
    func testModuleLoads() throws {}
}
