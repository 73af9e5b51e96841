/// A continuous pixel position `(col, row)` in a capture's grid: origin at the top-left
/// *corner* of the top-left pixel, whose centre is `(0.5, 0.5)`.
public struct PixelPosition: Hashable, Sendable {
    public var col: Double
    public var row: Double

    public init(col: Double, row: Double) {
        self.col = col
        self.row = row
    }
}
