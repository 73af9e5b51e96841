/// A rectangle of pixels: `(col, row)` is the top-left pixel, origin at the raster's
/// top-left corner (rasterio's `Window(col_off, row_off, width, height)`).
/// May extend outside the raster; ``clipped(width:height:)`` gives the part inside.
public struct Window: Hashable, Sendable, Codable, CustomStringConvertible {
    public var col: Int
    public var row: Int
    public var width: Int
    public var height: Int

    public init(col: Int, row: Int, width: Int, height: Int) {
        self.col = col
        self.row = row
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(width: Int, height: Int) { self.init(col: 0, row: 0, width: width, height: height) }

    public var colEnd: Int { col + width }
    public var rowEnd: Int { row + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var pixelCount: Int { width * height }

    public func intersection(_ other: Window) -> Window {
        let c0 = max(col, other.col), r0 = max(row, other.row)
        let c1 = min(colEnd, other.colEnd), r1 = min(rowEnd, other.rowEnd)
        return Window(col: c0, row: r0, width: max(0, c1 - c0), height: max(0, r1 - r0))
    }

    /// The part of this window inside a `width` × `height` raster.
    public func clipped(width w: Int, height h: Int) -> Window { intersection(Window(width: w, height: h)) }

    /// Grown by `margin` pixels on every side.
    public func expanded(by margin: Int) -> Window {
        Window(col: col - margin, row: row - margin, width: width + 2 * margin, height: height + 2 * margin)
    }

    public func contains(col c: Int, row r: Int) -> Bool { c >= col && c < colEnd && r >= row && r < rowEnd }

    public func offset(dx: Int, dy: Int) -> Window { Window(col: col + dx, row: row + dy, width: width, height: height) }

    public var description: String { "Window(col: \(col), row: \(row), width: \(width), height: \(height))" }
}
