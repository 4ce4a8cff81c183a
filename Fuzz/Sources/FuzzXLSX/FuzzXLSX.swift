import FuzzSupport

/// libFuzzer's test callback: arbitrary bytes as a .xlsx export.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    if let data { FuzzInput.ingest(data, count, suffix: "xlsx") }
    return 0
}

/// Entry point (SwiftPM names it `<Target>_main`): hands over to libFuzzer's driver.
@_cdecl("FuzzXLSX_main")
public func fuzzXLSXMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzzXLSX(data, count) }
}
