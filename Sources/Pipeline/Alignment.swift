import GeoReferencing
import Raster

/// How two captures share one grid: the reference grid is the after capture's grid
/// cropped to the overlap of both; reference pixel (0, 0) is after pixel `afterOffset`
/// and, before the residual shift, before pixel `beforeOffset`.
public struct Alignment: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var afterCol: Int
    public var afterRow: Int
    public var beforeCol: Int
    public var beforeRow: Int

    /// The whole grid of a single capture.
    public init(single c: some CaptureSource) {
        (width, height, afterCol, afterRow, beforeCol, beforeRow) = (c.width, c.height, 0, 0, 0, 0)
    }

    /// Aligns `before` onto `after`. Same CRS and pixel size are required; extents may
    /// differ (the overlap is used), and an origin offset that is not a whole number of
    /// pixels is rounded (the remainder is part of the residual shift estimated later).
    public init(before: some CaptureSource, after: some CaptureSource) throws {
        guard let gb = before.georeference else { throw PipelineError.noGeoreferencing(path: before.path) }
        guard let ga = after.georeference else { throw PipelineError.noGeoreferencing(path: after.path) }
        guard gb.transform.isNorthUp else { throw PipelineError.rotatedGrid(path: before.path) }
        guard ga.transform.isNorthUp else { throw PipelineError.rotatedGrid(path: after.path) }
        if !Self.sameCRS(gb.crs, ga.crs) {
            throw PipelineError.crsMismatch(before: before.path, after: after.path, beforeCRS: gb.crs.description,
                                            afterCRS: ga.crs.description)
        }
        let (tb, ta) = (gb.transform, ga.transform)
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(abs(a), abs(b)) }
        guard close(tb.c1, ta.c1), close(tb.c5, ta.c5) else {
            throw PipelineError.resolutionMismatch(before: before.path, after: after.path,
                                                   beforeSize: abs(tb.c1), afterSize: abs(ta.c1))
        }
        // Before's top-left corner in after pixels.
        let offCol = Int(((tb.c0 - ta.c0) / ta.c1).rounded())
        let offRow = Int(((tb.c3 - ta.c3) / ta.c5).rounded())
        let overlap = Window(width: after.width, height: after.height)
            .intersection(Window(col: offCol, row: offRow, width: before.width, height: before.height))
        guard !overlap.isEmpty else { throw PipelineError.noOverlap(before: before.path, after: after.path) }
        width = overlap.width
        height = overlap.height
        afterCol = overlap.col
        afterRow = overlap.row
        beforeCol = overlap.col - offCol
        beforeRow = overlap.row - offRow
    }

    static func sameCRS(_ a: CRS, _ b: CRS) -> Bool {
        if let ea = a.epsg, let eb = b.epsg { return ea == eb }
        return a.definition == b.definition || (a.name == b.name && a.name != "unknown")
    }

    /// The after capture's window for reference window `w`.
    public func afterWindow(_ w: Window) -> Window { w.offset(dx: afterCol, dy: afterRow) }

    /// The before capture's window for reference window `w`, with the whole-pixel shift applied.
    public func beforeWindow(_ w: Window, shift: (dx: Int, dy: Int)) -> Window {
        w.offset(dx: beforeCol + shift.dx, dy: beforeRow + shift.dy)
    }
}
