import Raster

/// How a grid is cut into windows: square cores of `coreSize` pixels tiling the grid
/// without overlap, each read with a `halo` of context on every side, clipped to the grid
/// (beyond it there is nothing to read). Interior windows all have the largest read size
/// (``readWidth`` × ``readHeight``), so a worker's buffers are reused from window to window.
///
/// An object is kept by exactly one window: the one whose core holds its centre. With a
/// halo at least as wide as the largest object plus the context the filters need, every
/// kept object is seen whole and with the same surroundings as in a whole-scene run, so
/// the result does not depend on the plan.
public struct WindowPlan: Sendable, Hashable {
    public struct Tile: Sendable, Hashable {
        /// Pixels this tile owns (objects whose centre falls here are kept by it).
        public var core: Window
        /// Pixels read: the core grown by the halo, clipped to the grid.
        public var read: Window
    }

    public let width: Int
    public let height: Int
    public let coreSize: Int
    public let halo: Int
    public let tiles: [Tile]
    public let readWidth: Int
    public let readHeight: Int

    /// - Parameters:
    ///   - width, height: the grid, pixels.
    ///   - coreSize: side of a core, pixels (≥ 1).
    ///   - halo: context on each side, pixels (≥ 0).
    public init(width: Int, height: Int, coreSize: Int, halo: Int) {
        precondition(width >= 0 && height >= 0 && coreSize >= 1 && halo >= 0)
        self.width = width
        self.height = height
        self.coreSize = coreSize
        self.halo = halo
        var tiles: [Tile] = []
        var r = 0
        while r < height {
            var c = 0
            let h = min(coreSize, height - r)
            while c < width {
                let w = min(coreSize, width - c)
                let core = Window(col: c, row: r, width: w, height: h)
                tiles.append(Tile(core: core, read: core.expanded(by: halo).clipped(width: width, height: height)))
                c += coreSize
            }
            r += coreSize
        }
        self.tiles = tiles
        readWidth = tiles.map(\.read.width).max() ?? 0
        readHeight = tiles.map(\.read.height).max() ?? 0
    }

    /// The tile whose core holds the continuous pixel position (`col`, `row`) (pixel centre
    /// at +0.5), or nil outside the grid. A point on a core border belongs to the core on its right/below.
    public func owner(col: Double, row: Double) -> Int? {
        guard col >= 0, row >= 0, col < Double(width), row < Double(height) else { return nil }
        let tc = Int(col) / coreSize, tr = Int(row) / coreSize
        let perRow = (width + coreSize - 1) / coreSize
        return tr * perRow + tc
    }
}
