import Raster

/// The valid finite samples of a Float plane, walked with a row/column step.
struct FloatSampler {
    let plane: PlaneView<Float>
    let mask: PlaneView<UInt8>?
    let step: Int

    init(plane: PlaneView<Float>, mask: PlaneView<UInt8>?, step: Int) {
        precondition(step >= 1)
        if let mask { precondition(mask.width == plane.width && mask.height == plane.height, "statistics: mask size") }
        self.plane = plane
        self.mask = mask
        self.step = step
    }

    @inline(__always)
    func forEach(_ body: (Float) -> Void) {
        var y = 0
        while y < plane.height {
            let s = plane.base + y * plane.stride
            if let mask {
                let m = mask.base + y * mask.stride
                var x = 0
                while x < plane.width {
                    let v = s[x]
                    if m[x] != 0 && v.isFinite { body(v) }
                    x += step
                }
            } else {
                var x = 0
                while x < plane.width {
                    let v = s[x]
                    if v.isFinite { body(v) }
                    x += step
                }
            }
            y += step
        }
    }

    func range() -> (min: Float, max: Float, count: Int)? {
        var lo = Float.infinity, hi = -Float.infinity, n = 0
        forEach { v in
            lo = min(lo, v); hi = max(hi, v); n += 1
        }
        return n == 0 ? nil : (lo, hi, n)
    }

    /// Quantiles over the valid samples of x (`center` nil) or of |x − center|; the
    /// (transformed) values must lie in `range`.
    func quantiles(_ qs: [Double], range: (Float, Float), bins: Int, center: Float?) -> [Double] {
        if let center {
            return quantiles(qs, range: range, bins: bins) { abs($0 - center) }
        }
        return quantiles(qs, range: range, bins: bins) { $0 }
    }

    @inline(__always)
    private func quantiles(_ qs: [Double], range: (Float, Float), bins: Int, transform: (Float) -> Float) -> [Double] {
        precondition(bins >= 2)
        let lo = Double(range.0), hi = Double(range.1)
        if !(hi > lo) { return qs.map { _ in lo } }
        // Pass 1: coarse histogram.
        let scale = Double(bins) / (hi - lo)
        var coarse = [Int](repeating: 0, count: bins)
        coarse.withUnsafeMutableBufferPointer { c in
            forEach { v in
                let b = Int((Double(transform(v)) - lo) * scale)
                c[min(max(b, 0), bins - 1)] += 1
            }
        }
        let n = coarse.reduce(0, +)
        // Ranks needed: ⌊h⌋ and ⌊h⌋+1 for each quantile.
        var ranks: [Int] = []
        for q in qs {
            let h = min(max(q, 0), 1) * Double(n - 1)
            let r = Int(h.rounded(.down))
            ranks.append(r)
            ranks.append(min(r + 1, n - 1))
        }
        // Coarse bin and rank-within-bin of each needed rank.
        var cum = [Int](repeating: 0, count: bins + 1)
        for b in 0..<bins { cum[b + 1] = cum[b] + coarse[b] }
        func binOf(_ rank: Int) -> Int {
            var a = 0, b = bins - 1
            while a < b { let m = (a + b) / 2; if cum[m + 1] > rank { b = m } else { a = m + 1 } }
            return a
        }
        let wanted = Array(Set(ranks.map(binOf))).sorted()
        var slot = [Int](repeating: -1, count: bins)
        for (i, b) in wanted.enumerated() { slot[b] = i }
        // Pass 2: fine histograms of the wanted coarse bins.
        let binWidth = (hi - lo) / Double(bins)
        let fineScale = Double(bins) / binWidth
        var fine = [Int](repeating: 0, count: wanted.count * bins)
        fine.withUnsafeMutableBufferPointer { f in
            slot.withUnsafeBufferPointer { sl in
                forEach { v in
                    let t = Double(transform(v))
                    let b = min(max(Int((t - lo) * scale), 0), bins - 1)
                    let s = sl[b]
                    if s >= 0 {
                        let fb = Int((t - (lo + Double(b) * binWidth)) * fineScale)
                        f[s * bins + min(max(fb, 0), bins - 1)] += 1
                    }
                }
            }
        }
        func value(_ rank: Int) -> Double {
            let b = binOf(rank)
            let s = slot[b]
            var c = cum[b]
            for fb in 0..<bins {
                c += fine[s * bins + fb]
                if c > rank { return lo + Double(b) * binWidth + (Double(fb) + 0.5) * binWidth / Double(bins) }
            }
            return lo + Double(b + 1) * binWidth
        }
        var out: [Double] = []
        for (i, q) in qs.enumerated() {
            let h = min(max(q, 0), 1) * Double(n - 1)
            let frac = h - h.rounded(.down)
            let a = value(ranks[2 * i])
            out.append(frac > 0 ? a + frac * (value(ranks[2 * i + 1]) - a) : a)
        }
        return out
    }
}
