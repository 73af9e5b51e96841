import Foundation

/// An oriented rectangle: a hull footprint. Coordinates are continuous pixel positions
/// (col, row; origin at the top-left corner of the grid, pixel centres at +0.5) or, after
/// ``scaled(x:y:)``, metres in a local plane.
public struct OrientedBox: Sendable, Hashable {
    public var centerX: Double
    public var centerY: Double
    /// Extent along the axis, same units as the centre.
    public var length: Double
    /// Extent across the axis.
    public var width: Double
    /// Axis direction, radians, measured from +x (columns) towards +y (rows), in −π/2…π/2.
    public var angle: Double

    public init(centerX: Double, centerY: Double, length: Double, width: Double, angle: Double) {
        self.centerX = centerX
        self.centerY = centerY
        self.length = length
        self.width = width
        self.angle = OrientedBox.normalizedAxis(angle)
    }

    /// An axis angle folded into −π/2…π/2 (an axis has no direction).
    public static func normalizedAxis(_ a: Double) -> Double {
        var x = a.truncatingRemainder(dividingBy: .pi)
        if x > .pi / 2 { x -= .pi }
        if x <= -.pi / 2 { x += .pi }
        return x
    }

    /// Unit vector along the axis.
    public var axis: (x: Double, y: Double) { (cos(angle), sin(angle)) }

    /// The four corners, counter-clockwise in a y-up frame (clockwise on screen).
    public var corners: [(x: Double, y: Double)] {
        let (ux, uy) = axis
        let hl = length / 2, hw = width / 2
        let vx = -uy, vy = ux
        return [
            (centerX + ux * hl + vx * hw, centerY + uy * hl + vy * hw),
            (centerX - ux * hl + vx * hw, centerY - uy * hl + vy * hw),
            (centerX - ux * hl - vx * hw, centerY - uy * hl - vy * hw),
            (centerX + ux * hl - vx * hw, centerY + uy * hl - vy * hw),
        ]
    }

    /// The box with x scaled by `sx` and y by `sy` about the origin (pixels → metres).
    /// Exact for `sx == sy`; otherwise the axis is re-derived and the box stays a rectangle
    /// approximating the sheared one (pixels of map grids are square or nearly so).
    public func scaled(x sx: Double, y sy: Double) -> OrientedBox {
        let (ux, uy) = axis
        let ax = ux * sx, ay = uy * sy
        let along = (ax * ax + ay * ay).squareRoot()
        let bx = -uy * sx, by = ux * sy
        let across = (bx * bx + by * by).squareRoot()
        return OrientedBox(centerX: centerX * sx, centerY: centerY * sy, length: length * along,
                           width: width * across, angle: atan2(ay, ax))
    }

    /// Angle between two axes, degrees 0…90.
    public static func axisDifferenceDegrees(_ a: Double, _ b: Double) -> Double {
        var d = abs(a - b).truncatingRemainder(dividingBy: .pi)
        if d > .pi / 2 { d = .pi - d }
        return d * 180 / .pi
    }

    /// Edge-to-edge distance between two boxes (0 when they touch or overlap).
    public static func gap(_ a: OrientedBox, _ b: OrientedBox) -> Double {
        let pa = a.corners, pb = b.corners
        if overlaps(pa, pb) { return 0 }
        var best = Double.infinity
        for i in 0..<4 {
            let a0 = pa[i], a1 = pa[(i + 1) % 4]
            let b0 = pb[i], b1 = pb[(i + 1) % 4]
            for j in 0..<4 {
                best = min(best, pointSegment(pb[j], a0, a1), pointSegment(pa[j], b0, b1))
            }
        }
        return best
    }

    /// Separating-axis test for two convex quadrilaterals.
    static func overlaps(_ p: [(x: Double, y: Double)], _ q: [(x: Double, y: Double)]) -> Bool {
        for poly in [p, q] {
            for i in 0..<4 {
                let e = (x: poly[(i + 1) % 4].x - poly[i].x, y: poly[(i + 1) % 4].y - poly[i].y)
                let n = (x: -e.y, y: e.x)
                var minP = Double.infinity, maxP = -Double.infinity, minQ = Double.infinity, maxQ = -Double.infinity
                for v in p { let d = v.x * n.x + v.y * n.y; minP = min(minP, d); maxP = max(maxP, d) }
                for v in q { let d = v.x * n.x + v.y * n.y; minQ = min(minQ, d); maxQ = max(maxQ, d) }
                if maxP < minQ || maxQ < minP { return false }
            }
        }
        return true
    }

    static func pointSegment(_ p: (x: Double, y: Double), _ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
        let ex = b.x - a.x, ey = b.y - a.y
        let l2 = ex * ex + ey * ey
        var t = l2 > 0 ? ((p.x - a.x) * ex + (p.y - a.y) * ey) / l2 : 0
        t = min(1, max(0, t))
        let dx = a.x + t * ex - p.x, dy = a.y + t * ey - p.y
        return (dx * dx + dy * dy).squareRoot()
    }

    /// Fraction of `self`'s area covered by `other`, estimated on a fixed 8×8 sample grid.
    public func coverage(by other: OrientedBox) -> Double { coverage(by: [other]) }

    /// Fraction of `self`'s area covered by the union of `others`, on the same 8×8 sample grid
    /// (a sample counts once however many boxes hold it); 0 when `others` is empty.
    public func coverage(by others: [OrientedBox]) -> Double {
        guard !others.isEmpty else { return 0 }
        let (ux, uy) = axis
        let vx = -uy, vy = ux
        let axes = others.map(\.axis)
        var inside = 0
        for i in 0..<8 {
            for j in 0..<8 {
                let s = (Double(i) + 0.5) / 8 - 0.5, t = (Double(j) + 0.5) / 8 - 0.5
                let px = centerX + ux * s * length + vx * t * width
                let py = centerY + uy * s * length + vy * t * width
                let hit = others.indices.contains { k in
                    let o = others[k], (oux, ouy) = axes[k]
                    let dx = px - o.centerX, dy = py - o.centerY
                    let along = dx * oux + dy * ouy, across = -dx * ouy + dy * oux
                    return abs(along) <= o.length / 2 && abs(across) <= o.width / 2
                }
                if hit { inside += 1 }
            }
        }
        return Double(inside) / 64
    }
}
