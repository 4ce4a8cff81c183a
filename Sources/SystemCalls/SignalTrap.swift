import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Catches signals (SIGINT, SIGTERM) on a dispatch queue instead of letting them end the process, so that
/// the program can clean up first; `terminate(status:)` then ends it.
public final class SignalTrap: @unchecked Sendable {  // the sources are only kept alive, never touched again
    private let sources: [any DispatchSourceSignal]

    private init(sources: [any DispatchSourceSignal]) {
        self.sources = sources
    }

    /// The signals a clean stop catches.
    public static let stopSignals: [Int32] = [SIGINT, SIGTERM]

    /// Calls `handler` with the signal number (on a background queue) whenever one of `signals` arrives.
    public static func install(_ signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) -> SignalTrap {
        let queue = DispatchQueue(label: "werksessies.signals")
        let sources = signals.map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
        return SignalTrap(sources: sources)
    }

    /// The name of a signal (`SIGTERM`).
    public static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(number)"
        }
    }

    /// Ends the process at once with `status` (`_exit`: no exit handlers run on other threads' data; the
    /// kernel closes the files and releases the locks).
    public static func terminate(status: Int32) -> Never {
        _exit(status)
    }
}
