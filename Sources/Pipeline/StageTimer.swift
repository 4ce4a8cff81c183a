import Dispatch
import Foundation
import SystemCalls

/// Wall-clock time per stage, and the process's CPU time (user + system, all threads) of the last one.
struct StageTimer {
    private(set) var seconds: [String: Double] = [:]
    private(set) var last: Double = 0
    private(set) var lastCPU: Double = 0

    mutating func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = ResourceUsage.cpuSeconds()
        let result = try body()
        last = StageTimer.seconds(since: start)
        lastCPU = ResourceUsage.cpuSeconds() - cpuStart
        seconds[stage, default: 0] += last
        return result
    }

    /// Seconds since `start` (a `DispatchTime` uptime in nanoseconds).
    static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Now, as a `DispatchTime` uptime in nanoseconds.
    static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// The peak resident memory of this process so far (VmHWM), in MB; -1 where /proc is not there.
    static func peakMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return -1 }
        return kb / 1024
    }
}

/// Values deliberately never freed: the process exits right after the run (see `RunOptions.keepDataAtExit`).
enum ExitKeepAlive {
    private final class Box: @unchecked Sendable {
        let values: [Any]
        init(_ values: [Any]) { self.values = values }
    }

    static func keep(_ values: [Any]) {
        _ = Unmanaged.passRetained(Box(values))
    }
}
