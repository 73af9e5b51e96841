/// Distances between convex polygons (pixel space), for placing hulls a set gap apart.
enum PolygonDistance {
    typealias Point = (x: Double, y: Double)

    /// Whether two convex polygons overlap (separating axis theorem).
    static func intersects(_ a: [Point], _ b: [Point]) -> Bool {
        for poly in [a, b] {
            for i in poly.indices {
                let p = poly[i], q = poly[(i + 1) % poly.count]
                let nx = q.y - p.y, ny = p.x - q.x
                let pa = a.map { $0.x * nx + $0.y * ny }, pb = b.map { $0.x * nx + $0.y * ny }
                if pa.max()! < pb.min()! || pb.max()! < pa.min()! { return false }
            }
        }
        return true
    }

    static func pointSegment(_ p: Point, _ a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        var t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0
        t = min(1, max(0, t))
        let ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y
        return (ex * ex + ey * ey).squareRoot()
    }

    /// Smallest distance between the outlines of two convex polygons; 0 when they overlap.
    static func distance(_ a: [Point], _ b: [Point]) -> Double {
        if intersects(a, b) { return 0 }
        var d = Double.infinity
        for (p, q) in [(a, b), (b, a)] {
            for v in p {
                for i in q.indices { d = min(d, pointSegment(v, q[i], q[(i + 1) % q.count])) }
            }
        }
        return d
    }
}
