/// Ground metres per pixel step along columns (`x`) and rows (`y`) at the scene centre.
/// Equal for conformal grids (UTM) and for the geographic grids synth makes; Web Mercator on
/// the ellipsoid differs by up to 0.7 % (the meridian radius is smaller than the normal one).
public struct GroundScale: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public init(_ g: Double) { self.init(x: g, y: g) }

    /// Side of a square pixel of the same ground area, metres.
    public var mean: Double { (x * y).squareRoot() }
}
