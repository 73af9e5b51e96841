import Raster

/// Robust gain/offset that maps the `before` capture's radiometry onto `after`'s,
/// estimated on water pixels only (pass the water mask), so that
/// `after − mapping(before)` is ≈ 0 on unchanged sea.
///
/// Methods:
/// - ``Method/medianMAD``: moment matching with robust moments:
///   `gain = MAD(after) / MAD(before)`, `offset = median(after) − gain · median(before)`.
///   Needs no co-registration (it compares distributions, not pixel pairs), and up to
///   half of the pixels may be ships, clouds or glint before the median breaks down.
///   This is the default.
/// - ``Method/theilSen(samples:seed:)``: a Theil–Sen-like robust line fit of after on
///   before over pixel pairs: `samples` valid pixels drawn uniformly (seeded reservoir
///   sample, so memory stays O(samples) on any plane), paired at random; gain = median
///   of the pairwise slopes (pairs whose before values differ by less than 1 % of the
///   before MAD are skipped), offset = median(after − gain·before).
///   Breakdown ≈ 29 %. It needs the captures co-registered and a window whose water spans
///   a real range of brightness (turbid coast, haze gradient); over uniform open sea the
///   pixel pairs differ only by noise and the slope is biased towards 0 (regression
///   dilution), so prefer ``Method/medianMAD`` there.
///
/// Degenerate cases: fewer than 2 valid pixels gives ``LinearMapping/identity``; a zero MAD
/// in `before` gives gain 1 and the median difference as offset.
public enum RadiometricNormalization {
    public enum Method: Sendable, Hashable {
        case medianMAD
        case theilSen(samples: Int, seed: UInt64)
    }

    public static func estimate(before: PlaneView<Float>, after: PlaneView<Float>, mask: PlaneView<UInt8>? = nil,
                                method: Method = .medianMAD, bins: Int = 4096, step: Int = 1) -> LinearMapping {
        precondition(before.width == after.width && before.height == after.height, "normalization: size mismatch")
        switch method {
        case .medianMAD:
            let b = RobustStatistics.summary(before, mask: mask, bins: bins, step: step)
            let a = RobustStatistics.summary(after, mask: mask, bins: bins, step: step)
            return fromSummaries(before: b, after: a)
        case .theilSen(let samples, let seed):
            return theilSen(before: before, after: after, mask: mask, samples: samples, seed: seed)
        }
    }

    /// The median/MAD matching mapping from two precomputed summaries.
    public static func fromSummaries(before b: RobustSummary, after a: RobustSummary) -> LinearMapping {
        guard b.count >= 2, a.count >= 2, b.median.isFinite, a.median.isFinite else { return .identity }
        guard b.mad > 0, a.mad > 0 else { return LinearMapping(gain: 1, offset: Float(a.median - b.median)) }
        let g = a.mad / b.mad
        return LinearMapping(gain: Float(g), offset: Float(a.median - g * b.median))
    }

    /// A uniform, seeded sample of (before, after) pairs of the pixels valid in both captures
    /// (and in `mask` when given), in random order: Vitter's Algorithm R reservoir of
    /// `max(2, samples)` pixels (O(samples) memory whatever the plane size), then a Fisher–Yates
    /// shuffle, so pairing neighbours in the array pairs random pixels. Fewer than `samples`
    /// entries when fewer pixels are valid.
    public static func pairSample(before: PlaneView<Float>, after: PlaneView<Float>, mask: PlaneView<UInt8>?,
                                  samples: Int, seed: UInt64) -> [(Float, Float)] {
        let n = max(2, samples)
        var reservoir: [(Float, Float)] = []
        reservoir.reserveCapacity(n)
        var rng = SplitMix64(seed: seed)
        var seen = 0
        for y in 0..<before.height {
            let b = before.row(y), a = after.row(y), m = mask?.row(y)
            for x in 0..<before.width where b[x].isFinite && a[x].isFinite && (m == nil || m![x] != 0) {
                if reservoir.count < n {
                    reservoir.append((b[x], a[x]))
                } else {
                    let j = Int(rng.next() % UInt64(seen + 1))
                    if j < n { reservoir[j] = (b[x], a[x]) }
                }
                seen += 1
            }
        }
        for i in stride(from: reservoir.count - 1, to: 0, by: -1) {
            reservoir.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
        return reservoir
    }

    static func theilSen(before: PlaneView<Float>, after: PlaneView<Float>, mask: PlaneView<UInt8>?,
                         samples: Int, seed: UInt64) -> LinearMapping {
        let reservoir = pairSample(before: before, after: after, mask: mask, samples: samples, seed: seed)
        guard reservoir.count >= 2 else { return .identity }
        let xs = reservoir.map { Double($0.0) }, ys = reservoir.map { Double($0.1) }
        let count = xs.count
        let xSorted = xs.sorted()
        let xMed = RobustStatistics.sortedQuantile(xSorted, 0.5)
        let xMad = RobustStatistics.sortedQuantile(xSorted.map { abs($0 - xMed) }.sorted(), 0.5)
        let minDX = max(0.01 * xMad, 1e-12)
        var slopes: [Double] = []
        slopes.reserveCapacity(2 * count)
        // Each sample paired with the one half the sample away (the order is random), plus
        // a second round with a quarter offset, so every pixel enters two pairs.
        for shift in [count / 2, max(1, count / 4)] where shift > 0 {
            for i in 0..<count {
                let j = (i + shift) % count
                let dx = xs[j] - xs[i]
                if abs(dx) > minDX { slopes.append((ys[j] - ys[i]) / dx) }
            }
        }
        guard !slopes.isEmpty else {
            let d = zip(ys, xs).map { $0 - $1 }.sorted()
            return LinearMapping(gain: 1, offset: Float(RobustStatistics.sortedQuantile(d, 0.5)))
        }
        let g = RobustStatistics.sortedQuantile(slopes.sorted(), 0.5)
        let off = RobustStatistics.sortedQuantile(zip(ys, xs).map { $0 - g * $1 }.sorted(), 0.5)
        return LinearMapping(gain: Float(g), offset: Float(off))
    }
}
