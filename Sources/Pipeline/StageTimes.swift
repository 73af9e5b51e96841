import Dispatch

/// Time spent per stage, seconds of one thread (summed over workers for a run).
public struct StageTimes: Sendable, Hashable {
    /// Reading and converting the detection band (decoding included).
    public var read: Double = 0
    /// Water mask: green band, NDWI, land components, user land, shore distance.
    public var water: Double = 0
    /// |after − mapping(before)|.
    public var difference: Double = 0
    /// Two CFAR passes.
    public var cfar: Double = 0
    /// Hysteresis labeling with statistics.
    public var label: Double = 0
    /// Footprints, merged-hull rule, per-part change evidence.
    public var measure: Double = 0

    public init() {}

    public static func + (a: StageTimes, b: StageTimes) -> StageTimes {
        var s = a
        s.read += b.read; s.water += b.water; s.difference += b.difference
        s.cfar += b.cfar; s.label += b.label; s.measure += b.measure
        return s
    }

    /// Seconds since `start` (a `DispatchTime.now().uptimeNanoseconds`), and restarts it.
    static func lap(_ start: inout UInt64) -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { start = now }
        return Double(now - start) / 1e9
    }
}
