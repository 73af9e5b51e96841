import Raster
import Testing

@testable import Pipeline

@Suite struct WindowPlanTests {
    @Test(arguments: [(1, 1, 1, 0), (100, 37, 16, 5), (1000, 1000, 256, 64), (1025, 3, 1024, 200), (0, 10, 8, 2)])
    func coresTileTheGridOnce(width: Int, height: Int, core: Int, halo: Int) {
        let plan = WindowPlan(width: width, height: height, coreSize: core, halo: halo)
        var count = [Int](repeating: 0, count: width * height)
        for t in plan.tiles {
            #expect(t.read.intersection(t.core) == t.core)
            #expect(t.read.clipped(width: width, height: height) == t.read)
            #expect(t.read.width <= plan.readWidth && t.read.height <= plan.readHeight)
            for r in t.core.row..<t.core.rowEnd { for c in t.core.col..<t.core.colEnd { count[r * width + c] += 1 } }
            // The halo is full wherever the grid allows.
            #expect(t.read.col == max(0, t.core.col - halo) && t.read.row == max(0, t.core.row - halo))
            #expect(t.read.rowEnd == min(height, t.core.rowEnd + halo) && t.read.colEnd == min(width, t.core.colEnd + halo))
        }
        #expect(count.allSatisfy { $0 == 1 })
    }

    @Test func ownerIsTheTileWhoseCoreHoldsThePoint() {
        let plan = WindowPlan(width: 300, height: 200, coreSize: 64, halo: 10)
        for (c, r) in [(0.5, 0.5), (63.99, 10.0), (64.0, 64.0), (299.5, 199.5), (128.2, 150.7)] {
            let i = plan.owner(col: c, row: r)!
            #expect(plan.tiles[i].core.contains(col: Int(c), row: Int(r)))
        }
        #expect(plan.owner(col: -0.1, row: 3) == nil)
        #expect(plan.owner(col: 300, row: 3) == nil)
    }
}
