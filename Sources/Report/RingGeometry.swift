/// Polygon ring helpers for RFC 7946 output: closing, right-hand winding, bounding boxes.
/// Computed in lon/lat degrees (planar), which is what the winding rule refers to.
public enum RingGeometry {
    /// Twice the signed area of `ring` (shoelace, degrees²): positive when counter-clockwise
    /// with longitude east and latitude north. Closed or open rings give the same value.
    public static func signedDoubleArea(_ ring: [LonLat]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var s = 0.0
        for i in 0..<ring.count {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            s += a.lon * b.lat - b.lon * a.lat
        }
        return s
    }

    /// `ring` closed (last point equals first) and counter-clockwise, as RFC 7946 wants
    /// for exterior rings. Consecutive duplicate points are dropped. `nil` when fewer than
    /// three distinct points remain or a point is not finite.
    public static func exteriorRing(_ ring: [LonLat]) -> [LonLat]? {
        var pts: [LonLat] = []
        for p in ring {
            guard p.lon.isFinite, p.lat.isFinite else { return nil }
            if pts.last != p { pts.append(p) }
        }
        while pts.count > 1, pts.first == pts.last { pts.removeLast() }
        guard Set(pts).count >= 3 else { return nil }
        if signedDoubleArea(pts) < 0 { pts.reverse() }
        pts.append(pts[0])
        return pts
    }

    /// `[minLon, minLat, maxLon, maxLat]` of all points, or nil when there are none.
    public static func bbox(_ points: [LonLat]) -> [Double]? {
        guard let f = points.first else { return nil }
        var b = [f.lon, f.lat, f.lon, f.lat]
        for p in points.dropFirst() {
            b[0] = min(b[0], p.lon)
            b[1] = min(b[1], p.lat)
            b[2] = max(b[2], p.lon)
            b[3] = max(b[3], p.lat)
        }
        return b
    }

    /// Union of two bboxes.
    static func union(_ a: [Double]?, _ b: [Double]?) -> [Double]? {
        guard let a else { return b }
        guard let b else { return a }
        return [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])]
    }

    /// Whether `p` lies inside `ring` (even–odd ray casting in lon/lat; open or closed ring).
    public static func contains(_ ring: [LonLat], _ p: LonLat) -> Bool {
        guard ring.count >= 3 else { return false }
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.lat > p.lat) != (b.lat > p.lat),
               p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon {
                inside.toggle()
            }
            j = i
        }
        return inside
    }
}
