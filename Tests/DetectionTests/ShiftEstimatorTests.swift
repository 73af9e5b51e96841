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

    // MARK: fractional shifts, consensus

    /// A band-limited scene (Gaussian blobs of σ = 1.5 px and one soft oblique edge), so a
    /// fractional shift is exact: `after(x, y) = scene(x + dx, y + dy)` evaluated analytically.
    struct BlobScene {
        var blobs: [(x: Double, y: Double, a: Double)]
        var edge: (nx: Double, ny: Double, c: Double, a: Double)?

        init(seed: UInt64, width: Int, height: Int, blobCount: Int, edge: Bool) {
            var r = SplitMix64(seed: seed)
            blobs = (0..<blobCount).map { _ in
                (r.nextUnit() * Double(width + 10) - 5, r.nextUnit() * Double(height + 10) - 5, 30 + 70 * r.nextUnit())
            }
            if edge {
                let t = 0.3 + 1.0 * r.nextUnit()
                self.edge = (cos(t), sin(t), cos(t) * Double(width) / 2 + sin(t) * Double(height) / 2, 200)
            }
        }

        func callAsFunction(_ x: Double, _ y: Double) -> Double {
            var v = 100.0
            for b in blobs { v += b.a * exp(-((x - b.x) * (x - b.x) + (y - b.y) * (y - b.y)) / (2 * 1.5 * 1.5)) }
            if let e = edge { v += e.a * 0.5 * (1 + erf((e.nx * x + e.ny * y - e.c) / (1.2 * 2.0.squareRoot()))) }
            return v
        }
    }

    /// The correlation surface (gradient magnitudes, ±4 px) of `scene` against itself shifted by
    /// `shift`, with independent noise of σ = 2 in each capture and a gain/offset change.
    static func surface(_ scene: BlobScene, shift: (Double, Double), size: Int = 64, noiseSeed: UInt64)
        -> (ncc: [Double], counts: [Int]) {
        var keep: [PlaneBuffer] = []
        let b = TestPlanes.window(Float.self, width: size, height: size, keepAlive: &keep)
        let a = TestPlanes.window(Float.self, width: size, height: size, keepAlive: &keep)
        var r = SplitMix64(seed: noiseSeed)
        TestPlanes.fill(b) { x, y in Float(scene(Double(x) + 0.5, Double(y) + 0.5) + 2 * r.nextGaussian()) }
        TestPlanes.fill(a) { x, y in
            Float(1.3 * scene(Double(x) + 0.5 + shift.0, Double(y) + 0.5 + shift.1) - 40 + 2 * r.nextGaussian())
        }
        return ShiftEstimator.correlation(before: b, after: a, maxShift: 4)
    }

    /// Shifts in −2…2 px with two decimals (as synth draws them), from a seed.
    static func fractionalShift(seed: UInt64) -> (Double, Double) {
        var r = SplitMix64(seed: seed &* 7919 &+ 13)
        return (((r.nextUnit() * 4 - 2) * 100).rounded() / 100, ((r.nextUnit() * 4 - 2) * 100).rounded() / 100)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func fractionalShiftOfOneWindow(seed: UInt64) {
        let shift = Self.fractionalShift(seed: seed)
        let c = Self.surface(BlobScene(seed: seed, width: 64, height: 64, blobCount: 25, edge: false), shift: shift,
                             noiseSeed: seed + 100)
        let e = ShiftEstimator.consensus([c], maxShift: 4, minScore: 0.2, minSamples: 256)
        #expect(e != nil)
        guard let e else { return }
        #expect(abs(e.dx - shift.0) < 0.2 && abs(e.dy - shift.1) < 0.2, "shift \(shift) estimated \(e)")
        #expect(e.integerDX == Int(e.dx.rounded()) && e.integerDY == Int(e.dy.rounded()))
    }

    /// Windows that each hold a single oblique edge (a correlation ridge: no information along
    /// the edge) plus two sparse-blob windows: the consensus is within 0.2 px.
    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func fractionalShiftByConsensus(seed: UInt64) {
        let shift = Self.fractionalShift(seed: seed)
        var surfaces: [(ncc: [Double], counts: [Int])] = []
        for k in 0..<3 as Range<UInt64> {
            surfaces.append(Self.surface(BlobScene(seed: seed * 10 + k, width: 64, height: 64, blobCount: 0, edge: true),
                                         shift: shift, noiseSeed: seed * 10 + k + 500))
        }
        for k in 3..<5 as Range<UInt64> {
            surfaces.append(Self.surface(BlobScene(seed: seed * 10 + k, width: 64, height: 64, blobCount: 4, edge: false),
                                         shift: shift, noiseSeed: seed * 10 + k + 500))
        }
        let e = ShiftEstimator.consensus(surfaces, maxShift: 4, minScore: 0.2, minSamples: 256)
        #expect(e?.windows == 5)
        #expect(abs((e?.dx ?? 99) - shift.0) < 0.2 && abs((e?.dy ?? 99) - shift.1) < 0.2, "shift \(shift) estimated \(String(describing: e))")
    }

    /// A window of pure independent noise (open sea: its peak is a few hundredths) and one whose
    /// content moved by 3 px (a vessel under way, strongly correlated) do not outvote three
    /// structured windows: the noise window does not vote, the moved one is dropped as
    /// disagreeing with the consensus (3 windows remain) and does not bias the sub-pixel position.
    @Test func unstructuredAndMovedWindowsDoNotWin() {
        let shift = (0.37, -1.21)
        var surfaces: [(ncc: [Double], counts: [Int])] = []
        var keep: [PlaneBuffer] = []
        let nb = TestPlanes.plane(Float.self, width: 64, height: 64, keepAlive: &keep)
        let na = TestPlanes.plane(Float.self, width: 64, height: 64, keepAlive: &keep)
        TestPlanes.randomFloat(nb, seed: 31, mean: 100, sigma: 3)
        TestPlanes.randomFloat(na, seed: 32, mean: 100, sigma: 3)
        let noise = ShiftEstimator.correlation(before: nb, after: na, maxShift: 4)
        #expect(ShiftEstimator.consensus([noise], maxShift: 4, minScore: 0.2, minSamples: 256) == nil)
        surfaces.append(noise)
        surfaces.append(Self.surface(BlobScene(seed: 40, width: 64, height: 64, blobCount: 30, edge: false),
                                     shift: (-2.6, 1.9), noiseSeed: 41))
        for k in 0..<3 as Range<UInt64> {
            surfaces.append(Self.surface(BlobScene(seed: 50 + k, width: 64, height: 64, blobCount: 12, edge: false),
                                         shift: shift, noiseSeed: 60 + k))
        }
        let e = ShiftEstimator.consensus(surfaces, maxShift: 4, minScore: 0.2, minSamples: 256)
        #expect(e?.windows == 3)
        #expect(abs((e?.dx ?? 99) - shift.0) < 0.2 && abs((e?.dy ?? 99) - shift.1) < 0.2, "estimated \(String(describing: e))")
    }

    /// The 2-D quadratic fit recovers the maximum of an exact quadratic (with a cross term) and
    /// refuses a saddle.
    @Test func quadraticPeakOfQuadratic() {
        func q(_ x: Double, _ y: Double) -> Double { 5 - 2 * (x - 0.3) * (x - 0.3) - 1.5 * (x - 0.3) * (y + 0.4) - (y + 0.4) * (y + 0.4) }
        var v: [Double] = []
        for j in -1...1 { for i in -1...1 { v.append(q(Double(i), Double(j))) } }
        let p = ShiftEstimator.quadraticPeak(v)
        #expect(abs((p?.x ?? 9) - 0.3) < 1e-9 && abs((p?.y ?? 9) + 0.4) < 1e-9)
        var saddle: [Double] = []
        for j in -1...1 { for i in -1...1 { saddle.append(Double(i * i - j * j)) } }
        #expect(ShiftEstimator.quadraticPeak(saddle) == nil)
    }
}
