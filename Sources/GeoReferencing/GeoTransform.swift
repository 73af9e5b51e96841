/// The affine map from pixel to map coordinates, with GDAL's coefficient order:
///
///     x = c0 + col·c1 + row·c2
///     y = c3 + col·c4 + row·c5
///
/// `(col, row)` are continuous pixel coordinates with the origin at the top-left
/// *corner* of the top-left pixel (its centre is `(0.5, 0.5)`).
public struct GeoTransform: Hashable, Sendable, Codable, CustomStringConvertible {
    public var c0: Double, c1: Double, c2: Double, c3: Double, c4: Double, c5: Double

    public init(_ c0: Double, _ c1: Double, _ c2: Double, _ c3: Double, _ c4: Double, _ c5: Double) {
        (self.c0, self.c1, self.c2, self.c3, self.c4, self.c5) = (c0, c1, c2, c3, c4, c5)
    }

    /// From GDAL's six-element order (`GetGeoTransform`).
    public init(gdal g: [Double]) {
        precondition(g.count == 6, "a GDAL geotransform has six coefficients")
        self.init(g[0], g[1], g[2], g[3], g[4], g[5])
    }

    /// North-up transform: top-left corner `(originX, originY)`, pixel size `(sizeX, sizeY)`
    /// (sizeY is usually negative).
    public init(originX: Double, originY: Double, pixelWidth: Double, pixelHeight: Double) {
        self.init(originX, pixelWidth, 0, originY, 0, pixelHeight)
    }

    /// GDAL's six-element order.
    public var gdal: [Double] { [c0, c1, c2, c3, c4, c5] }

    public static let identity = GeoTransform(0, 1, 0, 0, 0, 1)

    public var isNorthUp: Bool { c2 == 0 && c4 == 0 }

    /// Map coordinates of pixel position `(col, row)` (continuous; corner origin).
    @inlinable
    public func apply(col: Double, row: Double) -> (x: Double, y: Double) {
        (c0 + col * c1 + row * c2, c3 + col * c4 + row * c5)
    }

    public var determinant: Double { c1 * c5 - c2 * c4 }

    /// The inverse map (map → pixel), or nil when the transform is degenerate.
    public var inverse: GeoTransform? {
        let det = determinant
        guard det != 0, det.isFinite else { return nil }
        let i1 = c5 / det, i2 = -c2 / det, i4 = -c4 / det, i5 = c1 / det
        let i0 = -(i1 * c0 + i2 * c3)
        let i3 = -(i4 * c0 + i5 * c3)
        return GeoTransform(i0, i1, i2, i3, i4, i5)
    }

    /// Continuous pixel position of map point `(x, y)`, or nil when degenerate.
    public func pixel(x: Double, y: Double) -> (col: Double, row: Double)? {
        guard let inv = inverse else { return nil }
        let p = inv.apply(col: x, row: y)
        return (p.x, p.y)
    }

    /// Pixel size in map units along columns and rows (lengths of the column and row vectors).
    public var pixelSize: (x: Double, y: Double) {
        ((c1 * c1 + c4 * c4).squareRoot(), (c2 * c2 + c5 * c5).squareRoot())
    }

    /// This transform for the grid of a window whose top-left pixel is `(col, row)` here.
    public func shifted(col: Double, row: Double) -> GeoTransform {
        let o = apply(col: col, row: row)
        return GeoTransform(o.x, c1, c2, o.y, c4, c5)
    }

    public var description: String { "GeoTransform(\(gdal.map { "\($0)" }.joined(separator: ", ")))" }
}
