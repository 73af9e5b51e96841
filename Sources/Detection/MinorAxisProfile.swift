/// A blob's cross-section along its minor axis: `values[i]` is the (smoothed) sum of
/// intensity at offset `start + i` pixels from the centroid (1-px bins, linear splatting).
public struct MinorAxisProfile: Hashable, Sendable {
    public var start: Int
    public var values: [Double]

    public init(start: Int, values: [Double]) {
        self.start = start
        self.values = values
    }

    /// Offset (pixels from the centroid along the minor axis) of bin `i`.
    public func offset(ofBin i: Int) -> Int { start + i }
}

extension MinorAxisProfile {
    /// The profile of `weights` at positions `ts` (pixels along any axis): each weight is
    /// shared linearly between the two 1-pixel bins around its position, then the bins are
    /// smoothed with [1 2 1]/4. `start` is the position of bin 0. Used across a blob
    /// (``HullSplitter``) and along it (the end-to-end test of Pipeline's merged-hull rule).
    public init(positions ts: [Double], weights: [Double]) {
        precondition(ts.count == weights.count, "MinorAxisProfile: positions and weights differ in length")
        guard let lo = ts.min(), let hi = ts.max() else {
            self.init(start: 0, values: [])
            return
        }
        let start = Int(lo.rounded(.down)) - 1
        var bins = [Double](repeating: 0, count: Int(hi.rounded(.down)) - start + 3)
        for (w, t) in zip(weights, ts) {
            let f = t - Double(start)
            let i = Int(f.rounded(.down)), frac = f - Double(i)
            bins[i] += w * (1 - frac)
            bins[i + 1] += w * frac
        }
        var smooth = bins
        for i in bins.indices {
            let a = i > 0 ? bins[i - 1] : 0, b = i + 1 < bins.count ? bins[i + 1] : 0
            smooth[i] = (a + 2 * bins[i] + b) / 4
        }
        self.init(start: start, values: smooth)
    }

    /// The interior bin whose value is lowest relative to the lower of the highest bins on
    /// either side of it (the first such bin on ties), with that ratio; nil without a valley.
    public var deepestValley: (index: Int, ratio: Double)? {
        let v = values
        guard v.count >= 3 else { return nil }
        var prefixMax = v, suffixMax = v
        for i in 1..<v.count { prefixMax[i] = max(prefixMax[i - 1], v[i]) }
        for i in stride(from: v.count - 2, through: 0, by: -1) { suffixMax[i] = max(suffixMax[i + 1], v[i]) }
        var best: (index: Int, ratio: Double)?
        for i in 1..<(v.count - 1) {
            let l = prefixMax[i - 1], r = suffixMax[i + 1]
            guard l > v[i] && r > v[i] else { continue }
            let ratio = v[i] / min(l, r)
            if best == nil || ratio < best!.ratio { best = (i, ratio) }
        }
        return best
    }
}
