import Detection
import Foundation
import Raster
import Testing

@Suite struct SubPixelShiftTests {
    static let offsets: [(Double, Double)] = [(0.37, -0.21), (-0.5, 0.5), (0.5, 0), (-0.08, -0.44), (1, -1), (0, 0)]

    @Test(arguments: TestPlanes.widths)
    func simdMatchesScalar(width: Int) {
        var keep: [PlaneBuffer] = []
        let h = 11
        let src = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        TestPlanes.randomFloat(src, seed: UInt64(width), mean: 500, sigma: 40)
        if width > 4 { src[width / 2, h / 2] = .nan }
        let a = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let b = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        for (dx, dy) in Self.offsets {
            SubPixelShift.cubic(src, dx: dx, dy: dy, into: a)
            SubPixelShift.cubicScalar(src, dx: dx, dy: dy, into: b)
            for y in 0..<h {
                for x in 0..<width {
                    let p = a[x, y], q = b[x, y]
                    #expect(abs(p - q) <= 1e-3 || (p.isNaN && q.isNaN), "(\(dx), \(dy)) at (\(x), \(y)): \(p) vs \(q)")
                }
            }
        }
    }

    /// Interpolating: weights sum to 1 and an integer offset copies the samples.
    @Test func integerOffsetsCopy() {
        for t in stride(from: 0.0, to: 1.0, by: 0.125) {
            let w = SubPixelShift.weights(t)
            #expect(abs(w.sum() - 1) < 1e-6)
        }
        var keep: [PlaneBuffer] = []
        let src = TestPlanes.window(Float.self, width: 40, height: 9, keepAlive: &keep)
        let dst = TestPlanes.window(Float.self, width: 40, height: 9, keepAlive: &keep)
        TestPlanes.randomFloat(src, seed: 3, mean: 100, sigma: 10)
        SubPixelShift.cubic(src, dx: 1, dy: -1, into: dst)
        for y in 1..<9 { for x in 0..<39 { #expect(dst[x, y] == src[x + 1, y - 1]) } }
        SubPixelShift.cubic(src, dx: 0, dy: 0, into: dst)
        #expect(TestPlanes.equal(src, dst))
    }

    /// A smooth (band-limited) scene sampled at a fractional offset matches the scene evaluated
    /// there, and a linear ramp is reproduced exactly away from the edges.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func smoothSceneAtFractionalOffset(seed: UInt64) {
        var r = SplitMix64(seed: seed)
        let blobs = (0..<12).map { _ in (x: r.nextUnit() * 60, y: r.nextUnit() * 50, a: 50 + 100 * r.nextUnit()) }
        let (dx, dy) = (r.nextUnit() - 0.5, r.nextUnit() - 0.5)
        func scene(_ x: Double, _ y: Double) -> Double {
            var v = 200 + 0.7 * x - 0.4 * y
            for b in blobs { v += b.a * exp(-((x - b.x) * (x - b.x) + (y - b.y) * (y - b.y)) / (2 * 2.5 * 2.5)) }
            return v
        }
        var keep: [PlaneBuffer] = []
        let src = TestPlanes.plane(Float.self, width: 60, height: 50, keepAlive: &keep)
        let dst = TestPlanes.plane(Float.self, width: 60, height: 50, keepAlive: &keep)
        TestPlanes.fill(src) { x, y in Float(scene(Double(x), Double(y))) }
        SubPixelShift.cubic(src, dx: dx, dy: dy, into: dst)
        var worst = 0.0, nearest = 0.0
        for y in 3..<47 {
            for x in 3..<57 {
                let want = scene(Double(x) + dx, Double(y) + dy)
                worst = max(worst, abs(Double(dst[x, y]) - want))
                nearest = max(nearest, abs(Double(src[x, y]) - want))
            }
        }
        // Peak amplitudes are 50–150: the interpolation error is a small fraction of the error
        // of not resampling at all.
        #expect(worst < 0.1 * nearest, "cubic \(worst), whole-pixel \(nearest)")
        TestPlanes.fill(src) { x, y in Float(3 * x - 2 * y + 100) }
        SubPixelShift.cubic(src, dx: dx, dy: dy, into: dst)
        for y in 2..<48 {
            for x in 2..<58 { #expect(abs(Double(dst[x, y]) - (3 * (Double(x) + dx) - 2 * (Double(y) + dy) + 100)) < 1e-3) }
        }
    }
}
