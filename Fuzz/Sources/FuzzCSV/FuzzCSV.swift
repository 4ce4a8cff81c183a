import FuzzSupport

/// libFuzzer's test callback: arbitrary bytes as a .csv export.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    if let data { FuzzInput.ingest(data, count, suffix: "csv") }
    return 0
}

/// Entry point (SwiftPM names it `<Target>_main`): hands over to libFuzzer's driver.
@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzzCSV(data, count) }
}
