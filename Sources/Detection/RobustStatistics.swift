import Raster

/// Median, MAD and percentiles of (masked) planes via histograms, without sorting.
///
/// Quantile convention (numpy's default, "linear"): with the n valid samples sorted,
/// quantile q ∈ [0, 1] sits at position h = q·(n − 1) and is interpolated linearly
/// between the samples at ⌊h⌋ and ⌈h⌉. So the median of an even count is the mean of
/// the two middle samples. Percentiles are quantiles × 100.
///
/// - `UInt16` planes use an exact 65 536-bin histogram: results equal the sort-based
///   definition exactly (MAD too: deviations from a median are multiples of ½, so a
///   131 072-bin histogram of 2·|x − median| is exact as well).
/// - `Float` planes use a two-pass histogram: a coarse pass of `bins` bins over
///   [min, max] finds the bin holding each wanted rank, a second pass splits that bin
///   into `bins` sub-bins; the result is the sub-bin centre, so the error is at most
///   (max − min) / (2·bins²) (≈ range / 3.4·10⁷ for the default 4096). NaN and ±inf
///   samples are ignored.
///
/// `step` subsamples rows and columns (every `step`-th), for quick estimates on big planes.
public enum RobustStatistics {
    // MARK: UInt16, exact

    /// Counts of each of the 65 536 values over valid samples.
    public static func histogram(_ plane: PlaneView<UInt16>, mask: PlaneView<UInt8>? = nil, step: Int = 1) -> [Int] {
        precondition(step >= 1)
        if let mask { precondition(mask.width == plane.width && mask.height == plane.height, "histogram: mask size") }
        // UInt32 counts in 4 interleaved sub-histograms break the store-to-load dependency
        // on runs of equal values (sea pixels); folded into Int at the end. A row holds
        // < 2³² samples, and we fold every 2¹⁶ rows at most, so UInt32 cannot overflow
        // as long as width·65536 < 2³², i.e. width < 65536; wider rows fold per row.
        var out = [Int](repeating: 0, count: 65536)
        var sub = [UInt32](repeating: 0, count: 4 * 65536)
        let foldEvery = plane.width < 65536 ? 65536 / step : 1
        sub.withUnsafeMutableBufferPointer { h in
            let h0 = h.baseAddress!
            var rowsSinceFold = 0
            func fold() {
                for v in 0..<65536 {
                    out[v] += Int(h0[v]) + Int(h0[v + 65536]) + Int(h0[v + 131072]) + Int(h0[v + 196608])
                }
                h.update(repeating: 0)
                rowsSinceFold = 0
            }
            var y = 0
            while y < plane.height {
                let s = UnsafePointer(plane.base + y * plane.stride)
                if let mask {
                    let m = UnsafePointer(mask.base + y * mask.stride)
                    var x = 0
                    while x < plane.width {
                        if m[x] != 0 { h0[Int(s[x]) + (x & 3) << 16] &+= 1 }
                        x += step
                    }
                } else if step == 1 {
                    var x = 0
                    let w = plane.width
                    while x + 4 <= w {
                        h0[Int(s[x])] &+= 1
                        h0[Int(s[x + 1]) + 65536] &+= 1
                        h0[Int(s[x + 2]) + 131072] &+= 1
                        h0[Int(s[x + 3]) + 196608] &+= 1
                        x += 4
                    }
                    while x < w { h0[Int(s[x])] &+= 1; x += 1 }
                } else {
                    var x = 0
                    while x < plane.width { h0[Int(s[x])] &+= 1; x += step }
                }
                rowsSinceFold += 1
                if rowsSinceFold >= foldEvery { fold() }
                y += step
            }
            if rowsSinceFold > 0 { fold() }
        }
        return out
    }

    /// Quantile `q` ∈ [0, 1] of the samples counted in `histogram` (bin index = value · `binWidth`).
    /// nil when the histogram is empty.
    public static func quantile(histogram: [Int], q: Double, binWidth: Double = 1) -> Double? {
        let n = histogram.reduce(0, +)
        guard n > 0 else { return nil }
        let h = min(max(q, 0), 1) * Double(n - 1)
        let lo = Int(h.rounded(.down))
        let frac = h - Double(lo)
        let vLo = valueAtRank(histogram, lo)
        let vHi = frac > 0 ? valueAtRank(histogram, lo + 1) : vLo
        return (Double(vLo) + frac * Double(vHi - vLo)) * binWidth
    }

    /// Median and MAD of the valid samples (exact).
    public static func summary(_ plane: PlaneView<UInt16>, mask: PlaneView<UInt8>? = nil, step: Int = 1) -> RobustSummary {
        summary(histogram: histogram(plane, mask: mask, step: step))
    }

    /// Median and MAD of the samples counted in a 65 536-bin value histogram (exact).
    public static func summary(histogram hist: [Int]) -> RobustSummary {
        let n = hist.reduce(0, +)
        guard n > 0, let med = quantile(histogram: hist, q: 0.5) else { return RobustSummary(count: 0, median: .nan, mad: .nan) }
        // 2·|v − med| is an integer because med is a multiple of ½.
        let twiceMed = Int((2 * med).rounded())
        var dev = [Int](repeating: 0, count: 2 * hist.count + 2)
        for v in 0..<hist.count where hist[v] != 0 { dev[abs(2 * v - twiceMed)] += hist[v] }
        let mad = quantile(histogram: dev, q: 0.5, binWidth: 0.5)!
        return RobustSummary(count: n, median: med, mad: mad)
    }

    /// Percentiles (0…100) of the valid samples (exact). Empty → NaN.
    public static func percentiles(_ plane: PlaneView<UInt16>, mask: PlaneView<UInt8>? = nil,
                                   _ percents: [Double], step: Int = 1) -> [Double] {
        let h = histogram(plane, mask: mask, step: step)
        return percents.map { quantile(histogram: h, q: $0 / 100) ?? .nan }
    }

    // MARK: Float, two-pass histogram

    /// Median and MAD of the finite valid samples; see the type's notes for the resolution.
    public static func summary(_ plane: PlaneView<Float>, mask: PlaneView<UInt8>? = nil, bins: Int = 4096, step: Int = 1) -> RobustSummary {
        let n = FloatSampler(plane: plane, mask: mask, step: step)
        guard let r = n.range() else { return RobustSummary(count: 0, median: .nan, mad: .nan) }
        let med = n.quantiles([0.5], range: (r.min, r.max), bins: bins, center: nil)[0]
        let devRange = (Float(0), max(r.max - Float(med), Float(med) - r.min))
        let mad = n.quantiles([0.5], range: (devRange.0, devRange.1), bins: bins, center: Float(med))[0]
        return RobustSummary(count: r.count, median: med, mad: mad)
    }

    /// Percentiles (0…100) of the finite valid samples. Empty → NaN.
    public static func percentiles(_ plane: PlaneView<Float>, mask: PlaneView<UInt8>? = nil, _ percents: [Double],
                                   bins: Int = 4096, step: Int = 1) -> [Double] {
        let n = FloatSampler(plane: plane, mask: mask, step: step)
        guard let r = n.range() else { return percents.map { _ in .nan } }
        return n.quantiles(percents.map { $0 / 100 }, range: (r.min, r.max), bins: bins, center: nil)
    }

    // MARK: Scalar references (sorting)

    /// Sort-based reference for ``summary(_:mask:step:)-(PlaneView<UInt16>,_,_)`` and the Float variant.
    public static func summaryScalar<T: RasterSample>(_ plane: PlaneView<T>, mask: PlaneView<UInt8>? = nil) -> RobustSummary {
        let v = gather(plane, mask)
        guard !v.isEmpty else { return RobustSummary(count: 0, median: .nan, mad: .nan) }
        let med = sortedQuantile(v, 0.5)
        let mad = sortedQuantile(v.map { abs($0 - med) }.sorted(), 0.5)
        return RobustSummary(count: v.count, median: med, mad: mad)
    }

    /// Sort-based reference for the percentile functions.
    public static func percentilesScalar<T: RasterSample>(_ plane: PlaneView<T>, mask: PlaneView<UInt8>? = nil, _ percents: [Double]) -> [Double] {
        let v = gather(plane, mask)
        guard !v.isEmpty else { return percents.map { _ in .nan } }
        return percents.map { sortedQuantile(v, $0 / 100) }
    }

    static func gather<T: RasterSample>(_ plane: PlaneView<T>, _ mask: PlaneView<UInt8>?) -> [Double] {
        var v: [Double] = []
        for y in 0..<plane.height {
            let r = plane.row(y), m = mask?.row(y)
            for x in 0..<plane.width {
                if let m, m[x] == 0 { continue }
                let d = r[x].doubleValue
                if d.isFinite { v.append(d) }
            }
        }
        return v.sorted()
    }

    static func sortedQuantile(_ v: [Double], _ q: Double) -> Double {
        let h = min(max(q, 0), 1) * Double(v.count - 1)
        let lo = Int(h.rounded(.down))
        let frac = h - Double(lo)
        return frac > 0 ? v[lo] + frac * (v[lo + 1] - v[lo]) : v[lo]
    }

    static func valueAtRank(_ hist: [Int], _ rank: Int) -> Int {
        var c = 0
        for v in 0..<hist.count {
            c += hist[v]
            if c > rank { return v }
        }
        return hist.count - 1
    }
}
