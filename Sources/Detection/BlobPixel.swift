/// One pixel of a blob: indices (row, col) and an intensity (NaN when none).
public struct BlobPixel: Hashable, Sendable {
    public var row: Int
    public var col: Int
    public var intensity: Float

    public init(row: Int, col: Int, intensity: Float = .nan) {
        self.row = row
        self.col = col
        self.intensity = intensity
    }
}
