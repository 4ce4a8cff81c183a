import XCTest
@testable import Pipeline

final class PipelinePlaceholderTests: XCTestCase {
    func testModuleLoads() throws {}
}
