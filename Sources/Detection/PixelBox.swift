/// An axis-aligned box of whole pixels, scikit-image `bbox` order and convention:
/// `(minRow, minCol)` inclusive, `(maxRow, maxCol)` exclusive, in pixel indices.
public struct PixelBox: Hashable, Sendable, CustomStringConvertible {
    public var minRow: Int
    public var minCol: Int
    public var maxRow: Int
    public var maxCol: Int

    public init(minRow: Int, minCol: Int, maxRow: Int, maxCol: Int) {
        self.minRow = minRow
        self.minCol = minCol
        self.maxRow = maxRow
        self.maxCol = maxCol
    }

    public var width: Int { maxCol - minCol }
    public var height: Int { maxRow - minRow }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The smallest box holding both.
    public func union(_ o: PixelBox) -> PixelBox {
        if isEmpty { return o }
        if o.isEmpty { return self }
        return PixelBox(minRow: min(minRow, o.minRow), minCol: min(minCol, o.minCol),
                        maxRow: max(maxRow, o.maxRow), maxCol: max(maxCol, o.maxCol))
    }

    public var description: String { "PixelBox(rows \(minRow)..<\(maxRow), cols \(minCol)..<\(maxCol))" }
}
