#if canImport(Glibc)
    import Glibc
#endif

/// What this process has used so far (`getrusage`).
public enum ResourceUsage {
    /// User + system CPU time of this process, all threads, in seconds.
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
