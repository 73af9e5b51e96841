/// Raw (uncentred) moments of a set of pixels, in pixel indices (pixel (c, r) at (c, r)),
/// plus intensity sums: everything needed to derive ``BlobStatistics`` and to merge blobs
/// (moments of a union of disjoint pixel sets are the sums).
public struct RawMoments: Hashable, Sendable {
    /// Number of pixels (m00).
    public var count: Int = 0
    /// Σ row, Σ col, Σ row², Σ col², Σ row·col.
    public var sumRow: Double = 0
    public var sumCol: Double = 0
    public var sumRowRow: Double = 0
    public var sumColCol: Double = 0
    public var sumRowCol: Double = 0
    /// Box of the pixels (exclusive max); empty while `count == 0`.
    public var bbox = PixelBox(minRow: .max, minCol: .max, maxRow: .min, maxCol: .min)
    /// Pixels with a finite intensity, their Σ intensity and Σ intensity², min and max.
    public var intensityCount: Int = 0
    public var sumIntensity: Double = 0
    public var sumIntensitySquares: Double = 0
    public var minIntensity: Float = .infinity
    public var maxIntensity: Float = -.infinity

    public init() {}

    /// Adds pixels `colStart..<colEnd` of `row`; `intensity`, when given, points at the row's samples.
    @inline(__always)
    public mutating func addRun(row: Int, colStart: Int, colEnd: Int, intensity: UnsafePointer<Float>? = nil) {
        let n = colEnd - colStart
        guard n > 0 else { return }
        // Σ c and Σ c² over c0..<c1 in closed form (exact in Int64 for any raster size).
        let c0 = colStart, c1 = colEnd - 1
        let sc = (c0 + c1) * n / 2
        let sq = s2(c1) - s2(c0 - 1)
        let r = Double(row)
        count += n
        sumRow += r * Double(n)
        sumRowRow += r * r * Double(n)
        sumCol += Double(sc)
        sumColCol += Double(sq)
        sumRowCol += r * Double(sc)
        bbox.minRow = min(bbox.minRow, row); bbox.maxRow = max(bbox.maxRow, row + 1)
        bbox.minCol = min(bbox.minCol, colStart); bbox.maxCol = max(bbox.maxCol, colEnd)
        if let intensity {
            var s = 0.0, s2 = 0.0, k = 0
            var lo = minIntensity, hi = maxIntensity
            for c in colStart..<colEnd {
                let v = intensity[c]
                guard v.isFinite else { continue }
                let d = Double(v)
                s += d; s2 += d * d; k += 1
                lo = min(lo, v); hi = max(hi, v)
            }
            intensityCount += k; sumIntensity += s; sumIntensitySquares += s2
            minIntensity = lo; maxIntensity = hi
        }
    }

    /// Adds one pixel with an optional intensity.
    public mutating func addPixel(row: Int, col: Int, intensity: Float? = nil) {
        let r = Double(row), c = Double(col)
        count += 1
        sumRow += r; sumCol += c; sumRowRow += r * r; sumColCol += c * c; sumRowCol += r * c
        bbox.minRow = min(bbox.minRow, row); bbox.maxRow = max(bbox.maxRow, row + 1)
        bbox.minCol = min(bbox.minCol, col); bbox.maxCol = max(bbox.maxCol, col + 1)
        if let v = intensity, v.isFinite {
            intensityCount += 1; sumIntensity += Double(v); sumIntensitySquares += Double(v) * Double(v)
            minIntensity = min(minIntensity, v); maxIntensity = max(maxIntensity, v)
        }
    }

    /// The moments of the union of two disjoint pixel sets.
    public static func + (a: RawMoments, b: RawMoments) -> RawMoments {
        var m = a
        m.count += b.count
        m.sumRow += b.sumRow; m.sumCol += b.sumCol
        m.sumRowRow += b.sumRowRow; m.sumColCol += b.sumColCol; m.sumRowCol += b.sumRowCol
        m.bbox = a.count == 0 ? b.bbox : (b.count == 0 ? a.bbox : a.bbox.union(b.bbox))
        m.intensityCount += b.intensityCount
        m.sumIntensity += b.sumIntensity; m.sumIntensitySquares += b.sumIntensitySquares
        m.minIntensity = min(a.minIntensity, b.minIntensity); m.maxIntensity = max(a.maxIntensity, b.maxIntensity)
        return m
    }

    /// Normalized central second moments (variances of row and col, and their covariance), pixels².
    public var covariance: (rowRow: Double, rowCol: Double, colCol: Double) {
        guard count > 0 else { return (0, 0, 0) }
        let n = Double(count)
        let mr = sumRow / n, mc = sumCol / n
        return (max(0, sumRowRow / n - mr * mr), sumRowCol / n - mr * mc, max(0, sumColCol / n - mc * mc))
    }

    @inline(__always)
    private func s2(_ k: Int) -> Int { k < 0 ? 0 : k * (k + 1) * (2 * k + 1) / 6 }
}
