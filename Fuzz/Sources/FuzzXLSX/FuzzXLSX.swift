import FuzzSupport

/// Entry point: arbitrary bytes as an .xlsx export.
@_cdecl("FuzzXLSX_main")
public func fuzzXLSXMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in
        if let data { FuzzInput.ingest(data, count, suffix: "xlsx") }
        return 0
    }
}
