/// Median and median absolute deviation (MAD) of a set of samples, in the samples' units.
public struct RobustSummary: Sendable, Equatable, CustomStringConvertible {
    /// Number of samples that entered the statistics.
    public var count: Int
    public var median: Double
    /// median(|x − median|).
    public var mad: Double

    public init(count: Int, median: Double, mad: Double) {
        self.count = count
        self.median = median
        self.mad = mad
    }

    /// 1.4826 · MAD: the standard deviation of a Gaussian with this MAD.
    public var sigma: Double { 1.482602218505602 * mad }

    public var description: String { "RobustSummary(n: \(count), median: \(median), mad: \(mad))" }
}
