import Raster

/// Summed-area tables (Crow 1984; Viola & Jones 2001) of a plane's valid samples, their
/// squares and their count, for O(1) sums over any axis-aligned window.
///
/// **Precision.** Tables are Double. A 10 980 × 10 980 uint16 scene sums to at most
/// 7.9·10¹² < 2⁵³, so Σ x is exact for integer samples; Σ x² reaches 5.2·10¹⁷ > 2⁵³, so
/// squares are rounded (relative 1.1·10⁻¹⁶, i.e. up to ±64 absolute in the largest
/// entries). A variance taken as Σx²/n − mean² from such entries can lose several
/// digits; pass `offset` ≈ the data's median so the squares stay small, or use
/// ``BoxFilter`` (running sums over the box only), which never forms scene-sized sums.
/// Float tables would already be inexact beyond 2²⁴ ≈ 256 uint16 samples of 65 535.
public final class IntegralImage: @unchecked Sendable {
    public let width: Int
    public let height: Int
    public let offset: Double
    /// (width+1)·(height+1) entries each; entry (x, y) = Σ over columns < x, rows < y.
    let s: [Double]
    let q: [Double]
    let n: [Double]

    /// Tables of `values` − `offset` over the samples whose mask byte is nonzero and that are finite.
    public init<T: RasterSample>(_ values: PlaneView<T>, mask: PlaneView<UInt8>? = nil, offset: Double = 0) {
        if let mask { precondition(mask.width == values.width && mask.height == values.height, "IntegralImage: mask size") }
        width = values.width
        height = values.height
        self.offset = offset
        let stride = width + 1
        var s = [Double](repeating: 0, count: stride * (height + 1))
        var q = s, n = s
        for y in 0..<height {
            let r = values.row(y), m = mask?.row(y)
            var rs = 0.0, rq = 0.0, rn = 0.0
            let above = y * stride, here = (y + 1) * stride
            for x in 0..<width {
                let v = r[x].doubleValue
                if v.isFinite && (m == nil || m![x] != 0) {
                    let d = v - offset
                    rs += d; rq += d * d; rn += 1
                }
                s[here + x + 1] = s[above + x + 1] + rs
                q[here + x + 1] = q[above + x + 1] + rq
                n[here + x + 1] = n[above + x + 1] + rn
            }
        }
        self.s = s
        self.q = q
        self.n = n
    }

    @inline(__always)
    private func rect(_ t: [Double], _ w: Window) -> Double {
        let c = w.clipped(width: width, height: height)
        if c.isEmpty { return 0 }
        let st = width + 1
        return t[c.rowEnd * st + c.colEnd] - t[c.row * st + c.colEnd] - t[c.rowEnd * st + c.col] + t[c.row * st + c.col]
    }

    /// Σ (v − offset) over the valid samples of `window` (clipped to the plane).
    public func sum(_ window: Window) -> Double { rect(s, window) }
    /// Σ (v − offset)² over the valid samples of `window`.
    public func sumSquares(_ window: Window) -> Double { rect(q, window) }
    /// Number of valid samples in `window`.
    public func count(_ window: Window) -> Double { rect(n, window) }

    /// Masked mean over (2r+1)² boxes cut at the edges (same as ``BoxFilter/mean(_:mask:radius:edge:empty:into:)``
    /// with `.truncate`); `empty` where a box holds no valid sample.
    public func boxMean(radius r: Int, empty: Float = .nan, into out: PlaneView<Float>) {
        precondition(out.width == width && out.height == height, "boxMean: output size")
        for y in 0..<height {
            let o = out.row(y)
            for x in 0..<width {
                let w = Window(col: x - r, row: y - r, width: 2 * r + 1, height: 2 * r + 1)
                let c = count(w)
                o[x] = c > 0 ? Float(offset + sum(w) / c) : empty
            }
        }
    }
}
