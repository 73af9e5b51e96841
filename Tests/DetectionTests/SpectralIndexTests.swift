import Detection
import Raster
import Testing

@Suite struct SpectralIndexAndThresholdTests {
    @Test(arguments: TestPlanes.widths)
    func ndwiMatchesScalar(width: Int) {
        var keep: [PlaneBuffer] = []
        let g = TestPlanes.window(UInt16.self, width: width, height: 3, keepAlive: &keep)
        let n = TestPlanes.window(UInt16.self, width: width, height: 3, keepAlive: &keep)
        TestPlanes.randomUInt16(g, seed: 1, range: 0...3)
        TestPlanes.randomUInt16(n, seed: 2, range: 0...3)
        let a = TestPlanes.window(Float.self, width: width, height: 3, keepAlive: &keep)
        let b = TestPlanes.window(Float.self, width: width, height: 3, keepAlive: &keep)
        SpectralIndex.ndwi(green: g, nir: n, into: a)
        SpectralIndex.ndwiScalar(green: g, nir: n, into: b)
        #expect(TestPlanes.equal(a, b))
        g[0, 0] = 0; n[0, 0] = 0
        SpectralIndex.ndwi(green: g, nir: n, into: a)
        #expect(a[0, 0] == 0)
        g[0, 0] = 3; n[0, 0] = 1
        SpectralIndex.ndwi(green: g, nir: n, into: a)
        #expect(a[0, 0] == 0.5)
    }

    @Test(arguments: TestPlanes.widths)
    func thresholdsMatchScalar(width: Int) {
        var keep: [PlaneBuffer] = []
        let v = TestPlanes.window(Float.self, width: width, height: 4, keepAlive: &keep)
        let ok = TestPlanes.window(UInt8.self, width: width, height: 4, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: UInt64(width))
        v[0, 0] = .nan
        TestPlanes.randomMask(ok, seed: 6, density: 0.5)
        let a = TestPlanes.window(UInt8.self, width: width, height: 4, keepAlive: &keep)
        let b = TestPlanes.window(UInt8.self, width: width, height: 4, keepAlive: &keep)
        for valid in [nil, ok] {
            Threshold.greaterOrEqual(v, 0.5, valid: valid, into: a)
            Threshold.scalar(v, valid: valid, into: b) { $0 >= 0.5 }
            #expect(TestPlanes.equal(a, b))
            Threshold.lessOrEqual(v, -0.5, valid: valid, into: a)
            Threshold.scalar(v, valid: valid, into: b) { $0 <= -0.5 }
            #expect(TestPlanes.equal(a, b))
            Threshold.less(v, 0.1, valid: valid, into: a)
            Threshold.scalar(v, valid: valid, into: b) { $0 < 0.1 }
            #expect(TestPlanes.equal(a, b))
            Threshold.absGreaterOrEqual(v, 1, valid: valid, into: a)
            Threshold.scalar(v, valid: valid, into: b) { abs($0) >= 1 }
            #expect(TestPlanes.equal(a, b))
        }
        #expect(a[0, 0] == 0)
    }
}
