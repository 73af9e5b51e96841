#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Process clocks and memory for the benchmark.
enum ResourceUsage {
    /// Peak resident set size of this process so far, megabytes (2²⁰ bytes), from
    /// `getrusage(RUSAGE_SELF).ru_maxrss` (kilobytes on Linux, bytes on macOS).
    static func peakRSSMegabytes() -> Double {
        var u = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &u)
        #else
        getrusage(RUSAGE_SELF, &u)
        #endif
        #if canImport(Darwin)
        return Double(u.ru_maxrss) / 1_048_576
        #else
        return Double(u.ru_maxrss) / 1024
        #endif
    }

    /// Monotonic wall clock, seconds.
    static func wallSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

    /// CPU time of the calling thread, seconds.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// The 1-minute load average, or nil where unavailable.
    static func loadAverage() -> Double? {
        var l = [Double](repeating: 0, count: 3)
        return getloadavg(&l, 3) >= 1 ? l[0] : nil
    }
}
