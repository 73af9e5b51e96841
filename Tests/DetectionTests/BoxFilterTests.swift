import Detection
import Raster
import Testing

@Suite struct BoxFilterTests {
    @Test(arguments: TestPlanes.widths, [0, 1, 4])
    func runningSumsMatchBruteForce(width: Int, radius: Int) {
        var keep: [PlaneBuffer] = []
        let h = 11
        let v = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let m = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: UInt64(width * 10 + radius), mean: 1000, sigma: 30)
        v[0, 3] = .nan
        TestPlanes.randomMask(m, seed: 4, density: 0.7)
        let outs = (0..<6).map { _ in TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep) }
        for edge in [BoxFilter.Edge.truncate, .replicate] {
            for mask in [nil, m] {
                BoxFilter.sums(v, mask: mask, radius: radius, edge: edge, offset: 1000, sum: outs[0], sumSquares: outs[1], count: outs[2])
                BoxFilter.sumsScalar(v, mask: mask, radius: radius, edge: edge, offset: 1000, sum: outs[3], sumSquares: outs[4], count: outs[5])
                #expect(TestPlanes.maxRelativeError(outs[0], outs[3], floor: 100) < 1e-5)
                #expect(TestPlanes.maxRelativeError(outs[1], outs[4], floor: 100) < 1e-5)
                #expect(TestPlanes.equal(outs[2], outs[5]))
            }
        }
        // Replicate without a mask: the count is always the full box (minus the NaN's images).
        BoxFilter.sums(v, radius: radius, edge: .replicate, sum: outs[0], count: outs[2])
        #expect(outs[2][width - 1, h - 1] == Float((2 * radius + 1) * (2 * radius + 1)))
    }

    @Test func maskedMeanIgnoresLand() {
        var keep: [PlaneBuffer] = []
        let v = TestPlanes.plane(Float.self, width: 20, height: 10, keepAlive: &keep)
        let water = TestPlanes.plane(UInt8.self, width: 20, height: 10, keepAlive: &keep)
        TestPlanes.fill(v) { x, _ in x < 10 ? 5 : 900 }
        TestPlanes.fill(water) { x, _ in x < 10 ? 1 : 0 }
        let mean = TestPlanes.plane(Float.self, width: 20, height: 10, keepAlive: &keep)
        let variance = TestPlanes.plane(Float.self, width: 20, height: 10, keepAlive: &keep)
        BoxFilter.mean(v, mask: water, radius: 3, into: mean)
        #expect(mean[9, 5] == 5)
        #expect(mean[12, 5] == 5)
        #expect(mean[19, 5].isNaN) // no water within 3 px
        BoxFilter.meanVariance(v, mask: water, radius: 3, mean: mean, variance: variance)
        #expect(mean[9, 5] == 5 && variance[9, 5] == 0)
    }

    @Test func varianceOfLargeUInt16LikeValuesIsPrecise() {
        var keep: [PlaneBuffer] = []
        let v = TestPlanes.plane(Float.self, width: 64, height: 64, keepAlive: &keep)
        // Alternating 60000 / 60002: variance exactly 1 in every even-sized box interior.
        TestPlanes.fill(v) { x, y in (x + y) % 2 == 0 ? 60000 : 60002 }
        let mean = TestPlanes.plane(Float.self, width: 64, height: 64, keepAlive: &keep)
        let variance = TestPlanes.plane(Float.self, width: 64, height: 64, keepAlive: &keep)
        BoxFilter.meanVariance(v, radius: 10, mean: mean, variance: variance)
        // 21×21 box: 221 of one value and 220 of the other.
        let n = 441.0, p = 221.0 / n
        let expected = 4 * p * (1 - p)
        #expect(abs(Double(variance[30, 30]) - expected) < 1e-5)
    }

    @Test(arguments: [1, 17, 65])
    func integralImageMatchesRunningSums(width: Int) {
        var keep: [PlaneBuffer] = []
        let v = TestPlanes.window(Float.self, width: width, height: 9, keepAlive: &keep)
        let m = TestPlanes.window(UInt8.self, width: width, height: 9, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: 3, mean: 500, sigma: 50)
        TestPlanes.randomMask(m, seed: 8, density: 0.6)
        let ii = IntegralImage(v, mask: m)
        let a = TestPlanes.plane(Float.self, width: width, height: 9, keepAlive: &keep)
        let b = TestPlanes.plane(Float.self, width: width, height: 9, keepAlive: &keep)
        ii.boxMean(radius: 2, into: a)
        BoxFilter.mean(v, mask: m, radius: 2, into: b)
        #expect(TestPlanes.maxRelativeError(a, b) < 1e-5)
        let win = Window(col: -2, row: 1, width: 5, height: 4)
        let clipped = win.clipped(width: width, height: 9)
        var s = 0.0, n = 0.0
        for y in clipped.row..<clipped.rowEnd { for x in clipped.col..<clipped.colEnd where m[x, y] != 0 { s += Double(v[x, y]); n += 1 } }
        #expect(abs(ii.sum(win) - s) < 1e-6 * max(1, abs(s)))
        #expect(ii.count(win) == n)
    }

    @Test func integralImageOfFullSizeUInt16RowIsExact() {
        // One 10 980-wide row of 65 535: the integral is 719 574 300, exact in Double.
        var keep: [PlaneBuffer] = []
        let u = TestPlanes.plane(UInt16.self, width: 10980, height: 2, keepAlive: &keep)
        TestPlanes.fill(u) { _, _ in 65535 }
        let ii = IntegralImage(u)
        #expect(ii.sum(Window(width: 10980, height: 2)) == 2 * 10980 * 65535)
        #expect(ii.sumSquares(Window(width: 10980, height: 1)) == 10980 * 65535.0 * 65535.0)
    }
}
