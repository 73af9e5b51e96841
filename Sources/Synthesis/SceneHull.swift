import Foundation

/// One drawn object: a vessel hull (oriented rectangle with a tapered bow), a platform
/// (square), or an object on land. Positions are in the *world* grid, which is the before
/// capture's pixel grid (continuous, corner origin); the after capture sees world point
/// `p` at pixel `p − shift`.
public struct SceneHull: Hashable, Sendable {
    public enum Kind: String, Sendable { case vessel, platform, landObject = "land_object" }

    public var kind: Kind
    /// Centre, world pixels.
    public var centreX: Double
    public var centreY: Double
    /// Direction of the bow, radians from +col towards +row (clockwise on screen), in ground metres.
    public var angle: Double
    /// Length along the axis and beam across it, ground metres.
    public var lengthM: Double
    public var beamM: Double
    /// Fraction of the length over which the bow narrows to a point (0 for boxes).
    public var bowTaper: Double
    /// Reflectance (0…1) per band: blue, green, red, nir.
    public var reflectance: [Double]
    public var inBefore: Bool
    public var inAfter: Bool
    /// Under way: draws a turbulent wake and Kelvin arms behind it, this long (metres); 0 = none.
    public var wakeLengthM: Double = 0

    /// Unit vector along the axis (towards the bow) and across it, in ground metres with x
    /// along columns and y along rows.
    public var axis: (x: Double, y: Double) { (cos(angle), sin(angle)) }
    public var normal: (x: Double, y: Double) { (-sin(angle), cos(angle)) }

    /// World pixel position of the point `u` metres along the axis and `v` across it from the centre.
    public func point(u: Double, v: Double, _ s: GroundScale) -> (x: Double, y: Double) {
        let (ux, uy) = axis, (nx, ny) = normal
        return (centreX + (u * ux + v * nx) / s.x, centreY + (u * uy + v * ny) / s.y)
    }

    /// Corners of the oriented rectangle (bow-port, bow-starboard, stern-starboard,
    /// stern-port), world pixels.
    public func corners(_ s: GroundScale) -> [(x: Double, y: Double)] {
        let a = lengthM / 2, b = beamM / 2
        return [(a, b), (a, -b), (-a, -b), (-a, b)].map { point(u: $0.0, v: $0.1, s) }
    }

    /// The corners in ground metres (world pixels × scale), for distances.
    public func groundCorners(_ s: GroundScale) -> [(x: Double, y: Double)] {
        corners(s).map { ($0.x * s.x, $0.y * s.y) }
    }

    /// Area of the drawn hull (rectangle minus the bow taper triangles), square metres.
    public var drawnAreaM2: Double { lengthM * beamM * (1 - bowTaper / 2) }
}
