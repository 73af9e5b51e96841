import Foundation

/// Where a raster's pixels are on Earth: the affine pixel → map transform and the map's
/// CRS. Pixel coordinates are continuous `(col, row)` with the origin at the top-left
/// *corner* of the top-left pixel (its centre is `(0.5, 0.5)`).
///
/// Value type, `Sendable`. Methods that need PROJ use the calling thread's cached
/// ``CoordinateTransformer`` (or one you pass), so they are cheap after the first call on
/// a thread. Ground distances are true metres on the WGS 84 ellipsoid, never projected
/// units (a Web Mercator metre is 1/cos(latitude) ground metres).
public struct GeoReference: Sendable, Hashable {
    public var transform: GeoTransform
    public var crs: CRS

    public init(transform: GeoTransform, crs: CRS) {
        self.transform = transform
        self.crs = crs
    }

    /// The calling thread's transformer from ``crs`` to WGS 84 longitude, latitude.
    public func transformer() throws -> CoordinateTransformer {
        try CoordinateTransformer.cached(from: crs)
    }

    // MARK: pixel ↔ map ↔ lon/lat

    /// Map coordinates (CRS units) of pixel position `(col, row)`.
    public func map(col: Double, row: Double) -> (x: Double, y: Double) {
        transform.apply(col: col, row: row)
    }

    /// Pixel position of map point `(x, y)`; throws when the transform is degenerate.
    public func pixel(x: Double, y: Double) throws -> (col: Double, row: Double) {
        guard let p = transform.pixel(x: x, y: y) else {
            throw GeoError.transformFailed(reason: "degenerate geotransform \(transform)")
        }
        return p
    }

    /// Longitude, latitude (degrees, WGS 84) of pixel position `(col, row)`.
    public func lonLat(col: Double, row: Double, using t: CoordinateTransformer? = nil) throws
        -> (lon: Double, lat: Double) {
        let m = map(col: col, row: row)
        return try (t ?? transformer()).lonLat(x: m.x, y: m.y)
    }

    /// Pixel position of longitude, latitude (degrees, WGS 84).
    public func pixel(lon: Double, lat: Double, using t: CoordinateTransformer? = nil) throws
        -> (col: Double, row: Double) {
        let m = try (t ?? transformer()).map(lon: lon, lat: lat)
        return try pixel(x: m.x, y: m.y)
    }

    /// Longitude, latitude of many pixel positions at once (one PROJ call). Points PROJ
    /// cannot transform come back as `.infinity`.
    public func lonLat(cols: [Double], rows: [Double], using t: CoordinateTransformer? = nil) throws
        -> (lons: [Double], lats: [Double]) {
        precondition(cols.count == rows.count, "cols and rows differ in length")
        var xs = [Double](repeating: 0, count: cols.count), ys = xs
        for i in cols.indices {
            let m = transform.apply(col: cols[i], row: rows[i])
            xs[i] = m.x
            ys[i] = m.y
        }
        try (t ?? transformer()).transform(xs: &xs, ys: &ys)
        return (xs, ys)
    }

    // MARK: ground measures

    /// Ground distance in metres between two longitude, latitude points (WGS 84 geodesic).
    public static func groundDistance(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        Geodesic.wgs84.distance(lon1: lon1, lat1: lat1, lon2: lon2, lat2: lat2)
    }

    /// Ground distance in metres between two pixel positions (geodesic between their
    /// lon/lat, so exact for any CRS).
    public func groundDistance(from a: (col: Double, row: Double), to b: (col: Double, row: Double),
                               using t: CoordinateTransformer? = nil) throws -> Double {
        let p = try lonLat(cols: [a.col, b.col], rows: [a.row, b.row], using: t)
        try Self.checkFinite(p.lons + p.lats)
        return Self.groundDistance(lon1: p.lons[0], lat1: p.lats[0], lon2: p.lons[1], lat2: p.lats[1])
    }

    /// True ground size in metres of one pixel step at `(col, row)`: `x` along a step of
    /// one column, `y` along a step of one row (central differences over one pixel).
    /// A 10 m Web Mercator pixel at 54° N measures about 5.88 m.
    public func groundPixelSize(col: Double, row: Double, using t: CoordinateTransformer? = nil) throws
        -> (x: Double, y: Double) {
        let p = try lonLat(cols: [col - 0.5, col + 0.5, col, col], rows: [row, row, row - 0.5, row + 0.5], using: t)
        try Self.checkFinite(p.lons + p.lats)
        let g = Geodesic.wgs84
        return (g.distance(lon1: p.lons[0], lat1: p.lats[0], lon2: p.lons[1], lat2: p.lats[1]),
                g.distance(lon1: p.lons[2], lat1: p.lats[2], lon2: p.lons[3], lat2: p.lats[3]))
    }

    /// Ground metres per pixel at `(col, row)`: the geometric mean of ``groundPixelSize(col:row:using:)``
    /// (the side of a square of the same ground area when the grid is orthogonal).
    public func metresPerPixel(col: Double, row: Double, using t: CoordinateTransformer? = nil) throws -> Double {
        let s = try groundPixelSize(col: col, row: row, using: t)
        return (s.x * s.y).squareRoot()
    }

    /// The true-north azimuth (degrees clockwise from north, 0 ≤ a < 360) of the
    /// pixel-space direction `(dCol, dRow)` at `(col, row)`. `(0, -1)` is "up the image",
    /// which is 0° only for a north-up grid in a CRS whose grid north is true north there.
    public func azimuth(col: Double, row: Double, dCol: Double, dRow: Double,
                        using t: CoordinateTransformer? = nil) throws -> Double {
        let len = (dCol * dCol + dRow * dRow).squareRoot()
        guard len > 0, len.isFinite else {
            throw GeoError.transformFailed(reason: "zero or non-finite direction (\(dCol), \(dRow))")
        }
        let ux = 0.5 * dCol / len, uy = 0.5 * dRow / len
        let p = try lonLat(cols: [col - ux, col + ux], rows: [row - uy, row + uy], using: t)
        try Self.checkFinite(p.lons + p.lats)
        let r = Geodesic.wgs84.inverse(lon1: p.lons[0], lat1: p.lats[0], lon2: p.lons[1], lat2: p.lats[1])
        // The azimuth at the midpoint: the circular mean of the two end azimuths.
        let d2r = Double.pi / 180
        let sx = sin(r.azimuth1 * d2r) + sin(r.azimuth2 * d2r)
        let cx = cos(r.azimuth1 * d2r) + cos(r.azimuth2 * d2r)
        var a = atan2(sx, cx) / d2r
        if a < 0 { a += 360 }
        if a >= 360 { a -= 360 }
        return a
    }

    // MARK: footprint

    /// Map coordinates of the four corners and the centre of a `width` × `height` grid,
    /// as `gdalinfo` lists them.
    public func cornerCoordinates(width: Int, height: Int) -> CornerCoordinates<MapPoint> {
        let w = Double(width), h = Double(height)
        func m(_ c: Double, _ r: Double) -> MapPoint { let p = map(col: c, row: r); return MapPoint(x: p.x, y: p.y) }
        return CornerCoordinates(upperLeft: m(0, 0), lowerLeft: m(0, h), lowerRight: m(w, h),
                                 upperRight: m(w, 0), center: m(w / 2, h / 2))
    }

    /// Longitude, latitude (WGS 84) of the corners and the centre of a `width` × `height`
    /// grid (what `gdalinfo -json` puts in `wgs84Extent`, plus the centre).
    public func cornerLonLats(width: Int, height: Int, using t: CoordinateTransformer? = nil) throws
        -> CornerCoordinates<MapPoint> {
        let w = Double(width), h = Double(height)
        let p = try lonLat(cols: [0, 0, w, w, w / 2], rows: [0, h, h, 0, h / 2], using: t)
        try Self.checkFinite(p.lons + p.lats)
        func q(_ i: Int) -> MapPoint { MapPoint(x: p.lons[i], y: p.lats[i]) }
        return CornerCoordinates(upperLeft: q(0), lowerLeft: q(1), lowerRight: q(2), upperRight: q(3), center: q(4))
    }

    private static func checkFinite(_ v: [Double]) throws {
        guard v.allSatisfy({ $0.isFinite }) else {
            throw GeoError.transformFailed(reason: "a point lies outside the projection's domain")
        }
    }
}

/// A point in map or geographic coordinates (`x` = easting or longitude).
public struct MapPoint: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { (self.x, self.y) = (x, y) }
}

/// The four corners and centre of a grid, in `gdalinfo`'s order and names.
public struct CornerCoordinates<Point: Hashable & Sendable>: Hashable, Sendable {
    public var upperLeft: Point
    public var lowerLeft: Point
    public var lowerRight: Point
    public var upperRight: Point
    public var center: Point
    public init(upperLeft: Point, lowerLeft: Point, lowerRight: Point, upperRight: Point, center: Point) {
        self.upperLeft = upperLeft
        self.lowerLeft = lowerLeft
        self.lowerRight = lowerRight
        self.upperRight = upperRight
        self.center = center
    }
}
