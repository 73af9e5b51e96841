import Detection
import Testing

@Suite struct KernelBenchTests {
    /// The bench runs every kernel on a tiny scene and reports a finite positive rate for each
    /// (no timing assertion: only that it ran and found the planted hulls).
    @Test func runsEveryKernel() {
        let r = KernelBench.run(width: 96, height: 40, repeats: 1)
        for key in ["toFloat.uint16", "ndwi.uint16", "robustSummary.uint16", "robustSummary.float", "boxMeanVariance.r10",
                    "cfar.zScore.r15g5", "dilate.square1", "label.eight", "labelBlobs.eight", "shift.r3.gradients",
                    "robustBackground.s17r25t5", "robustBackground.s17r25t5.quickselect",
                    "robustBackground.mask", "robustBackground.mask.scalar", "strongest.dark", "strongest.dark.scalar", "largeComponents.water",
                    "largeComponents.water.reference"] {
            let v = r[key]
            #expect(v != nil && v!.isFinite && v! > 0, "\(key)")
        }
        #expect((r["labelBlobs.components"] ?? 0) >= 1)
    }
}
