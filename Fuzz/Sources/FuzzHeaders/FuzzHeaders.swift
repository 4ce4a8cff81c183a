import Foundation
import FuzzSupport

/// libFuzzer's test callback for the header mapper: the input's lines become header cells of a CSV with one data row.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeaders(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    let cells = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64).map { cell in
        "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    let csv = cells.joined(separator: ",") + "\r\n" + cells.indices.map { "v\($0)@x.nl" }.joined(separator: ",") + "\r\n"
    let bytes = Array(csv.utf8)
    bytes.withUnsafeBytes { FuzzInput.ingest($0.baseAddress!, $0.count, suffix: "csv") }
    return 0
}

/// Entry point (SwiftPM names it `<Target>_main`): hands over to libFuzzer's driver.
@_cdecl("FuzzHeaders_main")
public func fuzzHeadersMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzzHeaders(data, count) }
}
