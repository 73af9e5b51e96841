/// The residual shift between captures (`registration` in the `"alongside"` member):
/// the point at `(col, row)` in the after grid shows what is at `(col + dxPx, row + dyPx)`
/// in the before grid. Pixels of the after grid.
public struct Registration: Hashable, Sendable {
    public var dxPx: Double
    public var dyPx: Double

    public init(dxPx: Double, dyPx: Double) {
        self.dxPx = dxPx
        self.dyPx = dyPx
    }
}
