import Foundation

/// Distances on the ground between lon/lat points, metres.
public enum GroundDistance {
    /// WGS 84 semi-major axis, metres, and first eccentricity squared.
    static let a = 6_378_137.0
    static let e2 = 0.006_694_379_990_14
    /// Mean Earth radius (IUGG), metres, for the haversine.
    static let meanRadius = 6_371_008.8

    /// Distance in metres. Up to 20 km apart: the local ellipsoidal approximation (meridian
    /// and prime-vertical radii of curvature at the mid latitude; relative error < 1e-5 at
    /// these ranges). Farther: the haversine on the mean sphere (error ≤ 0.5 %).
    public static func metres(_ p: LonLat, _ q: LonLat) -> Double {
        var dLon = q.lon - p.lon
        if dLon > 180 { dLon -= 360 } else if dLon < -180 { dLon += 360 }
        let midLat = (p.lat + q.lat) / 2 * .pi / 180
        let s = sin(midLat)
        let w = (1 - e2 * s * s).squareRoot()
        let m = a * (1 - e2) / (w * w * w)
        let n = a / w
        let dy = (q.lat - p.lat) * .pi / 180 * m
        let dx = dLon * .pi / 180 * n * cos(midLat)
        let local = (dx * dx + dy * dy).squareRoot()
        if local < 20_000 { return local }
        return haversine(p, q)
    }

    /// Great-circle distance on the mean sphere, metres.
    public static func haversine(_ p: LonLat, _ q: LonLat) -> Double {
        let φ1 = p.lat * .pi / 180, φ2 = q.lat * .pi / 180
        let dφ = φ2 - φ1, dλ = (q.lon - p.lon) * .pi / 180
        let h = sin(dφ / 2) * sin(dφ / 2) + cos(φ1) * cos(φ2) * sin(dλ / 2) * sin(dλ / 2)
        return 2 * meanRadius * asin(min(1, h.squareRoot()))
    }

    /// Metres per degree of latitude (lower bound over the globe), for search windows.
    static let minMetresPerDegreeLatitude = 110_574.0
}
