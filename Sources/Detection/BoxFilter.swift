import Raster

/// Box sums, masked means and variances of a Float plane over (2r+1)×(2r+1) boxes, any radius,
/// in O(1) per pixel (see ``BoxAccumulator`` for the method and precision).
///
/// A masked mean is Σ(value · mask) / Σ mask, so land and nodata never bias the sea
/// background; a pixel whose box holds no valid sample gets `empty` (NaN by default).
/// Non-finite samples count as invalid. Outputs must have the input's size; they may be
/// windows with any stride, but must not alias the input.
public enum BoxFilter {
    /// What the box sees beyond the plane's edges.
    public enum Edge: Sendable, Hashable {
        /// Nothing: the box is cut at the edge and the count shrinks (a masked mean's natural edge).
        case truncate
        /// The edge samples repeated (OpenCV `BORDER_REPLICATE`); the count stays (2r+1)² without a mask.
        case replicate
    }

    /// Σ (v − offset), optionally Σ (v − offset)² and the number of contributing samples, per pixel.
    public static func sums(_ values: PlaneView<Float>, mask: PlaneView<UInt8>? = nil, radius: Int, edge: Edge = .truncate,
                            offset: Float = 0, sum: PlaneView<Float>, sumSquares: PlaneView<Float>? = nil,
                            count: PlaneView<Float>? = nil) {
        sums(values, mask: mask, radius: radius, edge: edge, offset: offset, sum: sum, sumSquares: sumSquares,
             count: count, accumulator: BoxAccumulator(values: values, mask: mask, radius: radius, edge: edge,
                                                       offset: offset, squares: sumSquares != nil))
    }

    /// Bit-exact reference of ``sums(_:mask:radius:edge:offset:sum:sumSquares:count:)``: the
    /// same running sums with the previous accumulator (``RingBoxAccumulator``, one-row prefix scans).
    public static func sumsRingReference(_ values: PlaneView<Float>, mask: PlaneView<UInt8>? = nil, radius: Int,
                                         edge: Edge = .truncate, offset: Float = 0, sum: PlaneView<Float>,
                                         sumSquares: PlaneView<Float>? = nil, count: PlaneView<Float>? = nil) {
        sums(values, mask: mask, radius: radius, edge: edge, offset: offset, sum: sum, sumSquares: sumSquares,
             count: count, accumulator: RingBoxAccumulator(values: values, mask: mask, radius: radius, edge: edge,
                                                           offset: offset, squares: sumSquares != nil))
    }

    static func sums(_ values: PlaneView<Float>, mask: PlaneView<UInt8>?, radius: Int, edge: Edge, offset: Float,
                     sum: PlaneView<Float>, sumSquares: PlaneView<Float>?, count: PlaneView<Float>?, accumulator acc: any BoxSums) {
        check(values, sum); if let sumSquares { check(values, sumSquares) }; if let count { check(values, count) }
        let w = values.width
        for y in 0..<values.height {
            acc.advance()
            store(acc.sum, sum.base + y * sum.stride, w)
            if let sumSquares { store(acc.sumSquares, sumSquares.base + y * sumSquares.stride, w) }
            if let count { store(acc.count, count.base + y * count.stride, w) }
        }
    }

    /// Brute-force reference of ``sums(_:mask:radius:edge:offset:sum:sumSquares:count:)``: O(r²) per pixel.
    public static func sumsScalar(_ values: PlaneView<Float>, mask: PlaneView<UInt8>? = nil, radius r: Int, edge: Edge = .truncate,
                                  offset: Float = 0, sum: PlaneView<Float>, sumSquares: PlaneView<Float>? = nil,
                                  count: PlaneView<Float>? = nil) {
        let w = values.width, h = values.height
        for y in 0..<h {
            for x in 0..<w {
                var s = 0.0, q = 0.0, n = 0.0
                for yy in (y - r)...(y + r) {
                    for xx in (x - r)...(x + r) {
                        var sx = xx, sy = yy
                        if xx < 0 || yy < 0 || xx >= w || yy >= h {
                            if edge == .truncate { continue }
                            sx = min(max(xx, 0), w - 1); sy = min(max(yy, 0), h - 1)
                        }
                        if let mask, mask[sx, sy] == 0 { continue }
                        let v = values[sx, sy]
                        guard v.isFinite else { continue }
                        let d = Double(v) - Double(offset)
                        s += d; q += d * d; n += 1
                    }
                }
                sum[x, y] = Float(s)
                sumSquares?[x, y] = Float(q)
                count?[x, y] = Float(n)
            }
        }
    }

    /// Masked box mean.
    public static func mean(_ values: PlaneView<Float>, mask: PlaneView<UInt8>? = nil, radius: Int, edge: Edge = .truncate,
                            empty: Float = .nan, into mean: PlaneView<Float>) {
        check(values, mean)
        let acc = BoxAccumulator(values: values, mask: mask, radius: radius, edge: edge, offset: 0, squares: false)
        for y in 0..<values.height {
            acc.advance()
            let s = acc.sum, n = acc.count, m = mean.base + y * mean.stride
            for x in 0..<values.width { m[x] = n[x] > 0 ? Float(s[x] / n[x]) : empty }
        }
    }

    /// Masked box mean and (population) variance. `offset` is subtracted before squaring;
    /// with Double accumulators it is rarely needed, but a value near the data (e.g. the
    /// median) keeps variance exact even for sums of 10⁸ squared uint16 samples.
    public static func meanVariance(_ values: PlaneView<Float>, mask: PlaneView<UInt8>? = nil, radius: Int,
                                    edge: Edge = .truncate, offset: Float = 0, empty: Float = .nan,
                                    mean: PlaneView<Float>, variance: PlaneView<Float>) {
        check(values, mean); check(values, variance)
        let acc = BoxAccumulator(values: values, mask: mask, radius: radius, edge: edge, offset: offset, squares: true)
        let off = Double(offset)
        for y in 0..<values.height {
            acc.advance()
            let s = acc.sum, q = acc.sumSquares, n = acc.count
            let m = mean.base + y * mean.stride, v = variance.base + y * variance.stride
            for x in 0..<values.width {
                if n[x] > 0 {
                    let mu = s[x] / n[x]
                    m[x] = Float(off + mu)
                    v[x] = Float(max(0, q[x] / n[x] - mu * mu))
                } else {
                    m[x] = empty; v[x] = empty
                }
            }
        }
    }

    @inline(__always)
    static func check(_ a: PlaneView<Float>, _ b: PlaneView<Float>) {
        precondition(a.width == b.width && a.height == b.height, "BoxFilter: output size differs from input")
    }

    @inline(__always)
    static func store(_ src: UnsafeMutablePointer<Double>, _ dst: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            let v = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD8<Double>.self)
            SIMDRow.store8(SIMD8<Float>(v), dst + i)
            i += 8
        }
        while i < n { dst[i] = Float(src[i]); i += 1 }
    }
}
