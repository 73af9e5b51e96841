/// Accumulates wall time (and the calling thread's CPU time) per named stage, in the order
/// stages first ran, and the process's peak RSS after each stage. Stages timed elsewhere
/// (the pipeline's own per-stage clocks) are added with ``record(_:seconds:)``.
struct StageClock {
    private(set) var order: [String] = []
    private(set) var wall: [String: Double] = [:]
    private(set) var cpu: [String: Double] = [:]
    private(set) var rssMB: [String: Double] = [:]

    /// Runs `body`, adding its wall and thread-CPU seconds to `stage`.
    mutating func time<R>(_ stage: String, _ body: () throws -> R) rethrows -> R {
        if wall[stage] == nil { order.append(stage) }
        let w0 = ResourceUsage.wallSeconds(), c0 = ResourceUsage.threadCPUSeconds()
        let r = try body()
        wall[stage, default: 0] += ResourceUsage.wallSeconds() - w0
        cpu[stage, default: 0] += ResourceUsage.threadCPUSeconds() - c0
        rssMB[stage] = ResourceUsage.peakRSSMegabytes()
        return r
    }

    /// Adds `seconds` measured elsewhere to `stage` (no CPU time: the clock did not see it run).
    mutating func record(_ stage: String, seconds: Double) {
        if wall[stage] == nil { order.append(stage) }
        wall[stage, default: 0] += seconds
    }
}
