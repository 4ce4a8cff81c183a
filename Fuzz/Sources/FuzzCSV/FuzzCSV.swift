import FuzzSupport

/// Entry point: arbitrary bytes as a .csv export.
@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in
        if let data { FuzzInput.ingest(data, count, suffix: "csv") }
        return 0
    }
}
