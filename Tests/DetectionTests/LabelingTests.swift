import Detection
import Raster
import Testing

@Suite struct LabelingTests {
    /// A mask from ASCII art ('#' = foreground).
    static func mask(_ rows: [String], keep: inout [PlaneBuffer]) -> PlaneView<UInt8> {
        let h = rows.count, w = rows.first?.count ?? 0
        let m = TestPlanes.window(UInt8.self, width: w, height: h, keepAlive: &keep)
        for (y, r) in rows.enumerated() { for (x, c) in r.enumerated() { m[x, y] = c == "#" ? 1 : 0 } }
        return m
    }

    /// Label plane as strings, labels renumbered by first appearance in raster order (so
    /// any valid labeling of the same partition prints the same), '.' for background.
    static func normalized(_ l: PlaneView<Int32>) -> [String] {
        var map: [Int32: Int] = [:]
        let symbols = Array("123456789abcdefghijklmnopqrstuvwxyz")
        return (0..<l.height).map { y in
            String((0..<l.width).map { x -> Character in
                let v = l[x, y]
                if v == 0 { return "." }
                if map[v] == nil { map[v] = map.count }
                return symbols[map[v]! % symbols.count]
            })
        }
    }

    static func run(_ rows: [String], _ c: Connectivity, keep: inout [PlaneBuffer]) -> (Int, [String], PlaneView<Int32>) {
        let m = mask(rows, keep: &keep)
        let l = TestPlanes.window(Int32.self, width: m.width, height: m.height, keepAlive: &keep)
        let n = ConnectedComponents.label(m, connectivity: c, into: l)
        return (n, normalized(l), l)
    }

    @Test func diagonalJoinsOnlyWithEightConnectivity() {
        var keep: [PlaneBuffer] = []
        let art = ["#..", ".#.", "..#", "#.."]
        let (n8, g8, _) = Self.run(art, .eight, keep: &keep)
        #expect(n8 == 2)
        #expect(g8 == ["1..", ".1.", "..1", "2.."])
        let (n4, g4, _) = Self.run(art, .four, keep: &keep)
        #expect(n4 == 4)
        #expect(g4 == ["1..", ".2.", "..3", "4.."])
    }

    @Test func uShapesAndSpiralsMerge() {
        var keep: [PlaneBuffer] = []
        let u = ["#...#.#.#",
                 "#...#.#.#",
                 "#####.###"]
        let (n, g, l) = Self.run(u, .four, keep: &keep)
        #expect(n == 2)
        #expect(g == ["1...1.2.2", "1...1.2.2", "11111.222"])
        // Labels are final (1…n in raster order), not just a partition.
        #expect(l[0, 0] == 1 && l[6, 0] == 2)
        let spiral = ["#########",
                      "#.......#",
                      "#.#####.#",
                      "#.#...#.#",
                      "#.#.#.#.#",
                      "#.#.###.#",
                      "#.#.....#",
                      "#.#######",
                      "#........"]
        // A second spiral whose centre touches the arm only diagonally.
        let diag = ["#####", "#...#", "#.#.#", "#..##", "#####"]
        #expect(Self.run(diag, .eight, keep: &keep).0 == 1)
        #expect(Self.run(diag, .four, keep: &keep).1[2] == "1.2.1")
        for c in Connectivity.allCases {
            let (ns, gs, _) = Self.run(spiral, c, keep: &keep)
            // One arm: the scan meets it as several provisional labels that merge late.
            #expect(ns == 1)
            #expect(gs[4] == "1.1.1.1.1")
        }
        // Many provisional labels joined late (a comb closed at the bottom), 8-connected via diagonals.
        let comb = [".#.#.#.#.#", "#.#.#.#.#.", "##########"]
        #expect(Self.run(comb, .eight, keep: &keep).0 == 1)
        #expect(Self.run(comb, .four, keep: &keep).0 == 6)
    }

    @Test func borderEmptyFullAndThinPlanes() {
        var keep: [PlaneBuffer] = []
        #expect(Self.run(["....", "...."], .eight, keep: &keep).0 == 0)
        let (nf, gf, _) = Self.run(["####", "####"], .eight, keep: &keep)
        #expect(nf == 1 && gf == ["1111", "1111"])
        let (nb, gb, _) = Self.run(["#..#", "....", "#..#"], .eight, keep: &keep)
        #expect(nb == 4 && gb == ["1..2", "....", "3..4"])
        let row = [String(repeating: "#.", count: 20) + "##"]
        #expect(Self.run(row, .eight, keep: &keep).0 == 21)
        let col = (0..<9).map { $0 % 3 == 2 ? "." : "#" }
        #expect(Self.run(col, .four, keep: &keep).0 == 3)
        let one = Self.run(["#"], .eight, keep: &keep)
        #expect(one.0 == 1 && one.1 == ["1"])
    }

    @Test(arguments: TestPlanes.widths, [0.2, 0.45, 0.6])
    func randomMasksMatchFloodFill(width: Int, density: Double) {
        var keep: [PlaneBuffer] = []
        let h = 37
        let m = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        TestPlanes.randomMask(m, seed: UInt64(width) &* 31 &+ UInt64(density * 100), density: density)
        let a = TestPlanes.window(Int32.self, width: width, height: h, keepAlive: &keep)
        let b = TestPlanes.window(Int32.self, width: width, height: h, keepAlive: &keep)
        for c in Connectivity.allCases {
            let blobs = ConnectedComponents.blobs(m, connectivity: c, labels: a)
            let nb = ConnectedComponents.labelFloodFill(m, connectivity: c, into: b)
            #expect(blobs.count == nb)
            // Both number components by first pixel in raster order, so the planes are identical.
            #expect(TestPlanes.equal(a, b))
            var foreground = 0
            for y in 0..<h { for x in 0..<width where m[x, y] != 0 { foreground += 1 } }
            #expect(blobs.reduce(0) { $0 + $1.numPixels } == foreground)
            #expect(blobs.enumerated().allSatisfy { $0.element.label == Int32($0.offset + 1) })
        }
    }

    @Test func wideSparseMaskUsesSkippingPath() {
        var keep: [PlaneBuffer] = []
        let m = TestPlanes.plane(UInt8.self, width: 300, height: 40, keepAlive: &keep)
        TestPlanes.randomMask(m, seed: 99, density: 0.01)
        let a = TestPlanes.plane(Int32.self, width: 300, height: 40, keepAlive: &keep)
        let b = TestPlanes.plane(Int32.self, width: 300, height: 40, keepAlive: &keep)
        TestPlanes.fill(a) { _, _ in -7 } // stale content must be overwritten
        let n = ConnectedComponents.label(m, into: a)
        #expect(n == ConnectedComponents.labelFloodFill(m, into: b))
        #expect(TestPlanes.equal(a, b))
    }
}
