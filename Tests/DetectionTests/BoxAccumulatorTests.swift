import Detection
import Raster
import Testing

/// `BoxAccumulator` (leaving rows recomputed from the row prefix cache, two-row prefix scans)
/// against `RingBoxAccumulator` (the previous implementation): the same bits, not just close.
@Suite struct BoxAccumulatorTests {
    static func bitsEqual(_ a: PlaneView<Float>, _ b: PlaneView<Float>) -> Bool {
        for y in 0..<a.height { for x in 0..<a.width where a[x, y].bitPattern != b[x, y].bitPattern { return false } }
        return true
    }

    @Test(arguments: TestPlanes.widths, [0, 1, 3, 9])
    func sumsMatchRingBitForBit(width: Int, radius: Int) {
        var keep: [PlaneBuffer] = []
        for h in [1, 2, 5, 23] {
            let v = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
            let m = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
            // Continuous values (sums of squares are not exact in Double), a NaN, an infinity.
            TestPlanes.randomFloat(v, seed: UInt64(width * 100 + radius * 10 + h), mean: 700, sigma: 90)
            v[width / 2, h / 2] = .nan
            v[width - 1, h - 1] = .infinity
            TestPlanes.randomMask(m, seed: UInt64(h), density: 0.6)
            let outs = (0..<6).map { _ in TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep) }
            for edge in [BoxFilter.Edge.truncate, .replicate] {
                for mask in [nil, m] {
                    for offset: Float in [0, 650.5] {
                        BoxFilter.sums(v, mask: mask, radius: radius, edge: edge, offset: offset,
                                       sum: outs[0], sumSquares: outs[1], count: outs[2])
                        BoxFilter.sumsRingReference(v, mask: mask, radius: radius, edge: edge, offset: offset,
                                                    sum: outs[3], sumSquares: outs[4], count: outs[5])
                        #expect(Self.bitsEqual(outs[0], outs[3]))
                        #expect(Self.bitsEqual(outs[1], outs[4]))
                        #expect(Self.bitsEqual(outs[2], outs[5]))
                        // Without squares (two channels).
                        BoxFilter.sums(v, mask: mask, radius: radius, edge: edge, offset: offset, sum: outs[0], count: outs[2])
                        BoxFilter.sumsRingReference(v, mask: mask, radius: radius, edge: edge, offset: offset,
                                                    sum: outs[3], count: outs[5])
                        #expect(Self.bitsEqual(outs[0], outs[3]))
                        #expect(Self.bitsEqual(outs[2], outs[5]))
                    }
                }
            }
        }
    }

    @Test(arguments: TestPlanes.widths, [(3, 1), (6, 2), (15, 5)])
    func zScoreMatchesRingBitForBit(width: Int, radii: (Int, Int)) {
        var keep: [PlaneBuffer] = []
        let h = 37
        let v = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let valid = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        let evaluate = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: UInt64(width * 7 + radii.0), mean: 0.031, sigma: 0.004)
        v[0, 0] = .nan
        TestPlanes.randomMask(valid, seed: 9, density: 0.8)
        TestPlanes.randomMask(evaluate, seed: 10, density: 0.9)
        let o = (0..<6).map { _ in TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep) }
        for masks in [(nil, nil), (valid, nil), (valid, evaluate)] as [(PlaneView<UInt8>?, PlaneView<UInt8>?)] {
            LocalContrast.zScore(v, valid: masks.0, evaluate: masks.1, outerRadius: radii.0, guardRadius: radii.1,
                                 minBackground: 4, minSigma: 1e-4, into: o[0], mean: o[1], sigma: o[2])
            LocalContrast.zScoreRingReference(v, valid: masks.0, evaluate: masks.1, outerRadius: radii.0,
                                              guardRadius: radii.1, minBackground: 4, minSigma: 1e-4,
                                              into: o[3], mean: o[4], sigma: o[5])
            #expect(Self.bitsEqual(o[0], o[3]))
            #expect(Self.bitsEqual(o[1], o[4]))
            #expect(Self.bitsEqual(o[2], o[5]))
        }
    }
}
