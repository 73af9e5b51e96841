/// A blob's cross-section along its minor axis: `values[i]` is the (smoothed) sum of
/// intensity at offset `start + i` pixels from the centroid (1-px bins, linear splatting).
public struct MinorAxisProfile: Hashable, Sendable {
    public var start: Int
    public var values: [Double]

    public init(start: Int, values: [Double]) {
        self.start = start
        self.values = values
    }

    /// Offset (pixels from the centroid along the minor axis) of bin `i`.
    public func offset(ofBin i: Int) -> Int { start + i }
}
