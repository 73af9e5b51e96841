import Detection
import Raster
import Testing

@Suite struct NormalizationTests {
    /// before = sea with a brightness gradient; after = 1.3·before + 0.02 + noise, plus bright "ships" and land.
    static func pair(keep: inout [PlaneBuffer]) -> (PlaneView<Float>, PlaneView<Float>, PlaneView<UInt8>) {
        let w = 120, h = 80
        let b = TestPlanes.plane(Float.self, width: w, height: h, keepAlive: &keep)
        let a = TestPlanes.plane(Float.self, width: w, height: h, keepAlive: &keep)
        let water = TestPlanes.plane(UInt8.self, width: w, height: h, keepAlive: &keep)
        var r = SplitMix64(seed: 42)
        TestPlanes.fill(b) { x, y in 0.03 + 0.0004 * Float(x) + 0.002 * Float(r.nextGaussian()) }
        TestPlanes.fill(a) { x, y in 1.3 * b[x, y] + 0.02 + 0.0005 * Float(r.nextGaussian()) }
        TestPlanes.fill(water) { x, _ in x < 100 ? 1 : 0 }
        for y in 0..<h { for x in 100..<w { a[x, y] = 0.4; b[x, y] = 0.2 } } // land, excluded by the mask
        for y in 10..<14 { for x in 20..<35 { a[x, y] = 0.3 } }              // a new ship
        return (b, a, water)
    }

    @Test func medianMADRecoversMapping() {
        var keep: [PlaneBuffer] = []
        let (b, a, water) = Self.pair(keep: &keep)
        let m = RadiometricNormalization.estimate(before: b, after: a, mask: water)
        #expect(abs(m.gain - 1.3) < 0.08)
        #expect(abs(m(0.05) - (1.3 * 0.05 + 0.02)) < 0.002)
    }

    @Test func theilSenRecoversMapping() {
        var keep: [PlaneBuffer] = []
        let (b, a, water) = Self.pair(keep: &keep)
        let m = RadiometricNormalization.estimate(before: b, after: a, mask: water, method: .theilSen(samples: 4000, seed: 1))
        #expect(abs(m.gain - 1.3) < 0.1)
        #expect(abs(m(0.05) - (1.3 * 0.05 + 0.02)) < 0.002)
        // Reproducible for a seed.
        #expect(m == RadiometricNormalization.estimate(before: b, after: a, mask: water, method: .theilSen(samples: 4000, seed: 1)))
    }

    @Test func degenerateInputsGiveIdentityOrOffset() {
        var keep: [PlaneBuffer] = []
        let b = TestPlanes.plane(Float.self, width: 5, height: 5, keepAlive: &keep)
        let a = TestPlanes.plane(Float.self, width: 5, height: 5, keepAlive: &keep)
        let none = TestPlanes.plane(UInt8.self, width: 5, height: 5, keepAlive: &keep)
        #expect(RadiometricNormalization.estimate(before: b, after: a, mask: none) == .identity)
        TestPlanes.fill(b) { _, _ in 1 }
        TestPlanes.fill(a) { _, _ in 3 }
        #expect(RadiometricNormalization.estimate(before: b, after: a) == LinearMapping(gain: 1, offset: 2))
    }

    @Test(arguments: TestPlanes.widths)
    func mappingAndDifferenceMatchScalar(width: Int) {
        var keep: [PlaneBuffer] = []
        let a = TestPlanes.window(Float.self, width: width, height: 3, keepAlive: &keep)
        let b = TestPlanes.window(Float.self, width: width, height: 3, keepAlive: &keep)
        let o1 = TestPlanes.window(Float.self, width: width, height: 3, keepAlive: &keep)
        let o2 = TestPlanes.window(Float.self, width: width, height: 3, keepAlive: &keep)
        TestPlanes.randomFloat(a, seed: 1)
        TestPlanes.randomFloat(b, seed: 2)
        b[0, 1] = .nan
        let m = LinearMapping(gain: 0.9, offset: 0.25)
        m.apply(b, into: o1)
        m.applyScalar(b, into: o2)
        #expect(TestPlanes.sameFloats(o1, o2))
        Difference.signed(after: a, before: b, mapping: m, into: o1)
        Difference.signedScalar(after: a, before: b, mapping: m, into: o2)
        #expect(TestPlanes.sameFloats(o1, o2))
        Difference.absolute(after: a, before: b, mapping: m, into: o1)
        Difference.absoluteScalar(after: a, before: b, mapping: m, into: o2)
        #expect(TestPlanes.sameFloats(o1, o2))
        #expect(o1[0, 1].isNaN)
    }
}
