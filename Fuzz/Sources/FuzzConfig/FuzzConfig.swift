import Configuration
import Foundation
import FuzzSupport

/// libFuzzer's test callback: arbitrary bytes as each of the three YAML files (config, catalog,
/// taxonomy). A `ConfigurationError` on one line is a correct answer; a trap, a hang, another error type
/// or a multi-line message is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data else { return 0 }
    let path = NSTemporaryDirectory() + "werksessies-fuzz-\(getpid()).yml"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: count)) else { return 0 }
    defer { unlink(path) }
    check { _ = try PipelineConfig.load(path: path) }
    check { _ = try CatalogFiles.loadCatalog(path: path) }
    check { _ = try CatalogFiles.loadTaxonomy(path: path) }
    return 0
}

func check(_ body: () throws -> Void) {
    do {
        try body()
    } catch let error as ConfigurationError {
        precondition(!error.description.contains("\n") && !error.description.contains("\r"), "multi-line: \(error)")
    } catch {
        preconditionFailure("not a ConfigurationError: \(error)")
    }
}

/// Entry point (SwiftPM names it `<Target>_main`): hands over to libFuzzer's driver.
@_cdecl("FuzzConfig_main")
public func fuzzConfigMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzzConfig(data, count) }
}
