import Detection
import Raster
import Testing

/// `ShiftEstimator`'s correlation (after side precomputed once per window, fast rows where the
/// before row is finite) against the row-wise code it replaced: the same surface bit for bit.
@Suite struct ShiftCorrelationAgreementTests {
    @Test(arguments: [9, 17, 31, 63, 70], [0, 1, 3])
    func surfaceMatchesRowwiseBitForBit(width: Int, maxShift: Int) {
        var keep: [PlaneBuffer] = []
        let h = 29
        let before = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let after = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let valid = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        TestPlanes.randomFloat(before, seed: UInt64(width * 3 + maxShift), mean: 412.25, sigma: 37)
        TestPlanes.randomFloat(after, seed: UInt64(width * 5 + maxShift), mean: 395.5, sigma: 41)
        TestPlanes.randomMask(valid, seed: UInt64(width), density: 0.85)
        for nonFinite in [false, true] {
            if nonFinite {
                // Non-finite samples on both sides: some before rows take the row-wise path.
                before[width / 2, h / 3] = .nan
                before[width - 1, h - 2] = .infinity
                after[1, h / 2] = .nan
            }
            for mask in [nil, valid] {
                let fast = ShiftEstimator.correlation(before: before, after: after, maxShift: maxShift,
                                                      feature: .values, valid: mask)
                let ref = ShiftEstimator.correlationRowwiseReference(before: before, after: after, maxShift: maxShift,
                                                                     valid: mask)
                #expect(fast.counts == ref.counts)
                #expect(fast.ncc.map(\.bitPattern) == ref.ncc.map(\.bitPattern))
                #expect(fast.ncc.contains { $0.isFinite } == ref.ncc.contains { $0.isFinite })
            }
        }
    }
}
