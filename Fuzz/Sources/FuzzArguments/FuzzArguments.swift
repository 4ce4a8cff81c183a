import Foundation
import FuzzSupport
import WerksessiesCLI

/// libFuzzer's test callback: the bytes split at NUL into command-line arguments and parsed by the real
/// commands (not run). Whatever fails must map to an exit status and exactly one `werksessies:` line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArguments(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: count)
    let arguments = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    do {
        _ = try Werksessies.parseAsRoot(arguments)
    } catch {
        if Werksessies.exitCode(for: error) == .success { return 0 }  // --help, --version
        let line = ErrorReport.line(Werksessies.message(for: error))
        precondition(line.hasPrefix("werksessies: ") && line.filter(\.isNewline).count == 1, "not one line: \(line)")
    }
    return 0
}

/// Entry point (SwiftPM names it `<Target>_main`): hands over to libFuzzer's driver.
@_cdecl("FuzzArguments_main")
public func fuzzArgumentsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzzArguments(data, count) }
}
