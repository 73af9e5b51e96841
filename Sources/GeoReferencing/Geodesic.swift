import CPROJ

/// Geodesics on an ellipsoid (Karney's algorithms, as shipped in PROJ's `geodesic.h`):
/// true ground distances in metres and azimuths in degrees clockwise from true north.
/// Inputs and outputs are longitude, latitude in degrees.
public struct Geodesic: Sendable {
    private let g: geod_geodesic
    /// Equatorial radius, metres.
    public var equatorialRadius: Double { g.a }
    public var flattening: Double { g.f }

    public init(equatorialRadius a: Double, flattening f: Double) {
        var g = geod_geodesic()
        geod_init(&g, a, f)
        self.g = g
    }

    /// The WGS 84 ellipsoid.
    public static let wgs84 = Geodesic(equatorialRadius: 6_378_137, flattening: 1 / 298.257223563)

    /// Solves the inverse problem between two points: distance in metres, azimuths in
    /// degrees (−180…180, clockwise from north) at the first and second point.
    public func inverse(lon1: Double, lat1: Double, lon2: Double, lat2: Double)
        -> (distance: Double, azimuth1: Double, azimuth2: Double) {
        var s = 0.0, a1 = 0.0, a2 = 0.0
        withUnsafePointer(to: g) { geod_inverse($0, lat1, lon1, lat2, lon2, &s, &a1, &a2) }
        return (s, a1, a2)
    }

    /// Ground distance in metres between two points.
    public func distance(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        inverse(lon1: lon1, lat1: lat1, lon2: lon2, lat2: lat2).distance
    }

    /// The point `distance` metres from `(lon, lat)` along `azimuth` (degrees from north).
    public func direct(lon: Double, lat: Double, azimuth: Double, distance: Double) -> (lon: Double, lat: Double) {
        var lat2 = 0.0, lon2 = 0.0, a2 = 0.0
        withUnsafePointer(to: g) { geod_direct($0, lat, lon, azimuth, distance, &lat2, &lon2, &a2) }
        return (lon2, lat2)
    }
}
