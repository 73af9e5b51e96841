/// A continuous pixel position `(col, row)` in the project convention: origin at the
/// top-left corner of the top-left pixel, so the centre of pixel (c, r) is (c + 0.5, r + 0.5).
public struct PixelPoint: Hashable, Sendable, CustomStringConvertible {
    public var col: Double
    public var row: Double

    public init(col: Double, row: Double) {
        self.col = col
        self.row = row
    }

    public var description: String { "(col \(col), row \(row))" }
}
