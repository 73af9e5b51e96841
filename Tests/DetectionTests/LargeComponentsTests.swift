import Detection
import Raster
import Testing

@Suite struct LargeComponentsTests {
    /// The run-based filter equals pixel labeling + the same rule, byte for byte, on random masks
    /// (sparse specks to nearly full, nonzero values other than 1), odd sizes and thresholds.
    @Test(arguments: [0.05, 0.3, 0.55, 0.62, 0.9, 1.0])
    func equalsPixelLabeling(density: Double) {
        for (w, h) in [(1, 1), (1, 40), (40, 1), (17, 23), (65, 31), (130, 97)] {
            for (extent, area) in [(0.0, 0.0), (3.0, 5.0), (6.5, 20.0), (30.0, 400.0), (1e9, 1e9)] {
                var keep: [PlaneBuffer] = []
                let a = TestPlanes.window(UInt8.self, width: w, height: h, keepAlive: &keep)
                let b = TestPlanes.window(UInt8.self, width: w, height: h, keepAlive: &keep)
                let labels = TestPlanes.window(Int32.self, width: w, height: h, keepAlive: &keep)
                TestPlanes.randomMask(a, seed: UInt64(w * 1000 + h) &+ UInt64(density * 100), density: density)
                for y in 0..<h { for x in 0..<w { b[x, y] = a[x, y] } }
                LargeComponents.keep(a, extent: extent, area: area)
                LargeComponents.keepReference(b, extent: extent, area: area, labels: labels)
                #expect(TestPlanes.equal(a, b), "\(w)×\(h), density \(density), extent \(extent), area \(area)")
            }
        }
    }

    /// Diagonal contact joins runs (8-connectivity); a one-pixel gap does not.
    @Test func diagonalRunsJoin() {
        var keep: [PlaneBuffer] = []
        let rows = ["###.....",
                    "...###..",
                    "......##",
                    "#.#.....",
                    ".#......"]
        let m = TestPlanes.window(UInt8.self, width: 8, height: rows.count, keepAlive: &keep)
        for (y, r) in rows.enumerated() { for (x, c) in r.enumerated() { m[x, y] = c == "#" ? 1 : 0 } }
        // The staircase spans 8 columns (extent 8 > 7); the V of three pixels is small.
        LargeComponents.keep(m, extent: 7, area: 100)
        let kept = (0..<rows.count).map { y in String((0..<8).map { m[$0, y] != 0 ? "#" : "." }) }
        #expect(kept == ["###.....", "...###..", "......##", "........", "........"])
    }
}
