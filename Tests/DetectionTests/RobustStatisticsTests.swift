import Detection
import Raster
import Testing

@Suite struct RobustStatisticsTests {
    @Test(arguments: TestPlanes.widths)
    func uint16IsExact(width: Int) {
        var keep: [PlaneBuffer] = []
        let p = TestPlanes.window(UInt16.self, width: width, height: 6, keepAlive: &keep)
        let m = TestPlanes.window(UInt8.self, width: width, height: 6, keepAlive: &keep)
        TestPlanes.randomUInt16(p, seed: UInt64(width) + 100, range: 900...1200)
        TestPlanes.randomMask(m, seed: 5, density: 0.6)
        for mask in [nil, m] {
            let s = RobustStatistics.summary(p, mask: mask)
            let r = RobustStatistics.summaryScalar(p, mask: mask)
            #expect(s.count == r.count)
            if r.count > 0 {
                #expect(s.median == r.median)
                #expect(s.mad == r.mad)
            }
            let pc = RobustStatistics.percentiles(p, mask: mask, [0, 1, 25, 50, 90, 99.9, 100])
            let pr = RobustStatistics.percentilesScalar(p, mask: mask, [0, 1, 25, 50, 90, 99.9, 100])
            for (a, b) in zip(pc, pr) { #expect(abs(a - b) < 1e-9 || (a.isNaN && b.isNaN)) }
        }
    }

    @Test func uint16KnownValues() {
        var keep: [PlaneBuffer] = []
        let p = TestPlanes.plane(UInt16.self, width: 4, height: 1, keepAlive: &keep)
        // 1, 2, 3, 10: median 2.5, deviations 1.5 0.5 0.5 7.5 → MAD 1.0
        for (i, v) in [1, 2, 3, 10].enumerated() { p[i, 0] = UInt16(v) }
        let s = RobustStatistics.summary(p)
        #expect(s.median == 2.5)
        #expect(s.mad == 1.0)
        #expect(abs(s.sigma - 1.4826) < 1e-4)
        let empty = TestPlanes.plane(UInt8.self, width: 4, height: 1, keepAlive: &keep)
        #expect(RobustStatistics.summary(p, mask: empty).count == 0)
        #expect(RobustStatistics.summary(p, mask: empty).median.isNaN)
    }

    @Test(arguments: TestPlanes.widths)
    func floatTwoPassIsWithinResolution(width: Int) {
        var keep: [PlaneBuffer] = []
        let p = TestPlanes.window(Float.self, width: width, height: 9, keepAlive: &keep)
        let m = TestPlanes.window(UInt8.self, width: width, height: 9, keepAlive: &keep)
        TestPlanes.randomFloat(p, seed: UInt64(width), mean: 0.05, sigma: 0.01)
        p[0, 0] = .nan
        p[width - 1, 8] = 5 // an outlier widens the range
        TestPlanes.randomMask(m, seed: 11, density: 0.8)
        for mask in [nil, m] {
            let s = RobustStatistics.summary(p, mask: mask, bins: 1024)
            let r = RobustStatistics.summaryScalar(p, mask: mask)
            #expect(s.count == r.count)
            let tol = 5.1 / (1024.0 * 1024.0) + 1e-7
            #expect(abs(s.median - r.median) <= tol)
            #expect(abs(s.mad - r.mad) <= tol)
            let q = RobustStatistics.percentiles(p, mask: mask, [5, 50, 95], bins: 1024)
            let qr = RobustStatistics.percentilesScalar(p, mask: mask, [5, 50, 95])
            for (a, b) in zip(q, qr) { #expect(abs(a - b) <= tol) }
        }
    }

    @Test func wideRowsAndStepsMatchTheReference() {
        var keep: [PlaneBuffer] = []
        // Wider than 65 535: the UInt32 sub-histograms fold every row.
        let wide = TestPlanes.plane(UInt16.self, width: 70_000, height: 2, keepAlive: &keep)
        TestPlanes.randomUInt16(wide, seed: 4, range: 100...140)
        let s = RobustStatistics.summary(wide)
        let r = RobustStatistics.summaryScalar(wide)
        #expect(s == r)
        // step 3 = the reference on every third row and column.
        let p = TestPlanes.plane(UInt16.self, width: 50, height: 31, keepAlive: &keep)
        TestPlanes.randomUInt16(p, seed: 6, range: 0...999)
        let sub = TestPlanes.plane(UInt16.self, width: 17, height: 11, keepAlive: &keep)
        TestPlanes.fill(sub) { x, y in p[3 * x, 3 * y] }
        #expect(RobustStatistics.summary(p, step: 3) == RobustStatistics.summaryScalar(sub))
        let f = TestPlanes.plane(Float.self, width: 50, height: 31, keepAlive: &keep)
        TestPlanes.fill(f) { x, y in Float(p[x, y]) }
        let fs = RobustStatistics.summary(f, step: 3)
        let fr = RobustStatistics.summaryScalar(sub)
        #expect(fs.count == fr.count && abs(fs.median - fr.median) < 1e-3 && abs(fs.mad - fr.mad) < 1e-3)
    }
}
