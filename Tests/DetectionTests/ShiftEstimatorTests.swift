import Detection
import Foundation
import Raster
import Testing

@Suite struct ShiftEstimatorTests {
    /// Smooth analytic scene: Gaussian blobs on a gentle ramp.
    static func scene(_ x: Double, _ y: Double, blobs: [(Double, Double, Double)]) -> Float {
        var v = 100 + 0.05 * x
        for (bx, by, a) in blobs {
            let d2 = (x - bx) * (x - bx) + (y - by) * (y - by)
            v += a * exp(-d2 / 8)
        }
        return Float(v)
    }

    static func blobs(seed: UInt64) -> [(Double, Double, Double)] {
        var r = SplitMix64(seed: seed)
        return (0..<30).map { _ in (r.nextUnit() * 110 - 5, r.nextUnit() * 90 - 5, 20 + 60 * r.nextUnit()) }
    }

    @Test(arguments: [(2, -1), (-3, 0), (0, 0), (1, 3)], [ShiftEstimator.Feature.values, .gradients])
    func integerShiftOfNoiseAndBlobs(shift: (Int, Int), feature: ShiftEstimator.Feature) {
        var keep: [PlaneBuffer] = []
        let w = 100, h = 80
        let blobs = Self.blobs(seed: 5)
        let before = TestPlanes.plane(Float.self, width: w, height: h, keepAlive: &keep)
        let after = TestPlanes.plane(Float.self, width: w, height: h, keepAlive: &keep)
        var r = SplitMix64(seed: 77)
        // Texture that moves with the scene: fixed per scene pixel.
        var texture = [Float](repeating: 0, count: (w + 20) * (h + 20))
        for i in texture.indices { texture[i] = Float(3 * r.nextGaussian()) }
        func f(_ x: Int, _ y: Int) -> Float { Self.scene(Double(x), Double(y), blobs: blobs) + texture[(y + 10) * (w + 20) + x + 10] }
        TestPlanes.fill(before) { x, y in f(x, y) + Float(r.nextGaussian()) }
        TestPlanes.fill(after) { x, y in 1.2 * f(x + shift.0, y + shift.1) + 7 + Float(r.nextGaussian()) }
        let e = ShiftEstimator.estimate(before: before, after: after, maxShift: 4, feature: feature)
        #expect(e != nil)
        #expect(e?.integerDX == shift.0 && e?.integerDY == shift.1)
        #expect((e?.score ?? 0) > 0.5)
        #expect(abs((e?.dx ?? 99) - Double(shift.0)) < 0.5 && abs((e?.dy ?? 99) - Double(shift.1)) < 0.5)
    }

    @Test func subPixelShiftOfSmoothScene() {
        var keep: [PlaneBuffer] = []
        let w = 100, h = 80
        let blobs = Self.blobs(seed: 9)
        let before = TestPlanes.plane(Float.self, width: w, height: h, keepAlive: &keep)
        let after = TestPlanes.plane(Float.self, width: w, height: h, keepAlive: &keep)
        TestPlanes.fill(before) { x, y in Self.scene(Double(x), Double(y), blobs: blobs) }
        TestPlanes.fill(after) { x, y in Self.scene(Double(x) + 1.4, Double(y) - 0.3, blobs: blobs) }
        let e = ShiftEstimator.estimate(before: before, after: after, maxShift: 3, feature: .values)!
        #expect(e.integerDX == 1 && e.integerDY == 0)
        #expect(abs(e.dx - 1.4) < 0.25 && abs(e.dy + 0.3) < 0.25)
        #expect(!e.isAtSearchEdge)
    }

    @Test(arguments: [9, 17, 40])
    func surfaceMatchesScalar(width: Int) {
        var keep: [PlaneBuffer] = []
        let b = TestPlanes.window(Float.self, width: width, height: 12, keepAlive: &keep)
        let a = TestPlanes.window(Float.self, width: width, height: 12, keepAlive: &keep)
        let m = TestPlanes.window(UInt8.self, width: width, height: 12, keepAlive: &keep)
        TestPlanes.randomFloat(b, seed: 1, mean: 1000, sigma: 10)
        TestPlanes.randomFloat(a, seed: 2, mean: 1000, sigma: 10)
        a[5, 5] = .nan
        TestPlanes.randomMask(m, seed: 3, density: 0.9)
        for valid in [nil, m] {
            let s = ShiftEstimator.correlationSurface(before: b, after: a, maxShift: 2, valid: valid)
            let r = ShiftEstimator.correlationSurfaceScalar(before: b, after: a, maxShift: 2, valid: valid)
            #expect(s.count == 25)
            for (p, q) in zip(s, r) { #expect(abs(p - q) < 1e-4 || (p.isNaN && q.isNaN)) }
        }
    }

    @Test func constantPlanesGiveNoEstimate() {
        var keep: [PlaneBuffer] = []
        let b = TestPlanes.plane(Float.self, width: 20, height: 20, keepAlive: &keep)
        #expect(ShiftEstimator.estimate(before: b, after: b, maxShift: 2) == nil)
    }
}
