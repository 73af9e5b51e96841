#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Raster

/// Throughput of each kernel on a synthetic sea scene, for `make bench` and docs/kernels.md.
///
/// `run(width:height:)` builds a deterministic uint16 scene (sea ≈ 800 ± 20 DN, one 12×3 px bright
/// or dark hull per 20 000 px, a land strip) and times each kernel `repeats` times, returning the best
/// throughput in megapixels per second, keyed by kernel name. It allocates ≈ 26 bytes per
/// pixel (two uint16 bands, four Float planes, two masks, one Int32 label plane): use
/// window-sized planes (2048² ≈ 110 MB) — the pipeline runs kernels per window, so
/// per-pixel throughput is what matters. Build in release (`-c release`) to measure.
/// Times are the calling thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), best of `repeats`,
/// so other processes on a busy machine inflate them less than wall time would (they
/// still share caches and memory bandwidth). All kernels run single-threaded.
public enum KernelBench {
    public static func run(width: Int, height: Int, repeats: Int = 3) -> [String: Double] {
        precondition(width > 0 && height > 0 && repeats > 0)
        let green = PlaneBuffer(width: width, height: height, sampleType: .uint16)
        let nir = PlaneBuffer(width: width, height: height, sampleType: .uint16)
        let f1 = PlaneBuffer(width: width, height: height, sampleType: .float32)
        let f2 = PlaneBuffer(width: width, height: height, sampleType: .float32)
        let f3 = PlaneBuffer(width: width, height: height, sampleType: .float32)
        let f4 = PlaneBuffer(width: width, height: height, sampleType: .float32)
        let m1 = PlaneBuffer(width: width, height: height, sampleType: .uint8)
        let m2 = PlaneBuffer(width: width, height: height, sampleType: .uint8)
        let lab = PlaneBuffer(width: width, height: height, sampleType: .int32)
        let g = green.view(as: UInt16.self), n = nir.view(as: UInt16.self)
        let a = f1.view(as: Float.self), b = f2.view(as: Float.self), c = f3.view(as: Float.self), d = f4.view(as: Float.self)
        let mask = m1.view(as: UInt8.self), mask2 = m2.view(as: UInt8.self)
        let labels = lab.view(as: Int32.self)

        var rng = SplitMix64(seed: 2024)
        let landFrom = width - max(1, width / 10)
        for y in 0..<height {
            let gr = g.row(y), nr = n.row(y)
            for x in 0..<width {
                let noise = Int(rng.next() % 41) - 20
                if x >= landFrom {
                    gr[x] = UInt16(1500 + noise); nr[x] = UInt16(3000 + noise)
                } else {
                    gr[x] = UInt16(800 + noise); nr[x] = UInt16(300 + noise / 2)
                }
            }
        }
        for i in 0..<max(2, width * height / 20000) {
            let hx = Int(rng.next() % UInt64(max(1, landFrom - 12))), hy = Int(rng.next() % UInt64(max(1, height - 4)))
            for y in hy..<min(height, hy + 3) {
                for x in hx..<min(width, hx + 12) { g[x, y] = i % 4 == 0 ? 300 : 2500 }
            }
        }
        let px = Double(width * height)
        var out: [String: Double] = [:]
        func time(_ name: String, pixels: Double = px, _ body: () -> Void) {
            var best = Double.infinity
            for _ in 0..<repeats {
                let t0 = threadCPUSeconds()
                body()
                best = min(best, threadCPUSeconds() - t0)
            }
            out[name] = pixels / max(best, 1e-9) / 1e6
        }

        time("toFloat.uint16") { Conversion.toFloat(g, gain: 1e-4, into: a) }
        time("toFloat.uint16.scalar") { Conversion.toFloatScalar(g, gain: 1e-4, into: b) }
        time("validMask.uint16") { Conversion.validMask(g, nodata: 0, into: mask2) }
        time("ndwi.uint16") { SpectralIndex.ndwi(green: g, nir: n, into: c) }
        time("ndwi.uint16.scalar") { SpectralIndex.ndwiScalar(green: g, nir: n, into: d) }
        time("threshold") { Threshold.greaterOrEqual(c, 0, into: mask) } // water mask
        time("threshold.scalar") { Threshold.scalar(c, into: mask2) { $0 >= 0 } }
        time("robustSummary.uint16") { _ = RobustStatistics.summary(g, mask: mask) }
        time("robustSummary.float") { _ = RobustStatistics.summary(a, mask: mask) }
        Conversion.toFloat(n, gain: 1e-4, into: b)
        var mapping = LinearMapping.identity
        time("normalization.medianMAD") { mapping = RadiometricNormalization.estimate(before: b, after: a, mask: mask) }
        time("difference.absolute") { Difference.absolute(after: a, before: b, mapping: mapping, into: d) }
        time("difference.absolute.scalar") { Difference.absoluteScalar(after: a, before: b, mapping: mapping, into: d) }
        time("boxMeanVariance.r10") { BoxFilter.meanVariance(a, mask: mask, radius: 10, mean: c, variance: d) }
        time("cfar.zScore.r15g5") { LocalContrast.zScore(a, valid: mask, outerRadius: 15, guardRadius: 5, into: c) }
        time("cfar.zScore.r15g5.ring") {
            LocalContrast.zScoreRingReference(a, valid: mask, outerRadius: 15, guardRadius: 5, into: c)
        }
        time("cfar.detect") { LocalContrast.detect(c, k: 5, into: mask2) }
        time("dilate.square1") { Morphology.dilate(mask2, element: .square(radius: 1), into: mask) }
        time("dilate.square1.scalar") { Morphology.scalar(mask2, element: .square(radius: 1), dilate: true, into: mask) }
        var count = 0
        time("label.eight") { count = ConnectedComponents.label(mask2, into: labels) }
        time("labelBlobs.eight") { count = ConnectedComponents.blobs(mask2, intensity: a, pixelArea: 100, labels: labels).count }
        out["labelBlobs.components"] = Double(count)
        SpectralIndex.ndwi(green: g, nir: n, into: c)
        Threshold.greaterOrEqual(c, 0, into: mask)  // the sea: what the pipeline samples
        // The pipeline's robust CFAR censoring at 10 m (nodes 17 px apart, 11×11 samples over
        // ±25 px): node medians/MADs, then the per-pixel background mask; then the NDWI-dark test's
        // Bonferroni combination of two z planes (z in c, a second z in d).
        time("robustBackground.s17r25t5") {
            RobustBackground(values: a, valid: mask, originCol: 0, originRow: 0, spacing: 17, radius: 25, stride: 5)
                .background(a, valid: mask, k: 2.5, minSigma: 1e-4, into: mask2)
        }
        let robust = RobustBackground(values: a, valid: mask, originCol: 0, originRow: 0, spacing: 17, radius: 25,
                                      stride: 5)
        time("robustBackground.mask") { robust.background(a, valid: mask, k: 2.5, minSigma: 1e-4, into: mask2) }
        time("robustBackground.mask.scalar") { robust.backgroundScalar(a, valid: mask, k: 2.5, minSigma: 1e-4, into: mask2) }
        time("robustBackground.s17r25t5.quickselect") {
            RobustBackground(values: a, valid: mask, originCol: 0, originRow: 0, spacing: 17, radius: 25, stride: 5,
                             quickselect: true)
                .background(a, valid: mask, k: 2.5, minSigma: 1e-4, into: mask2)
        }
        LocalContrast.zScore(a, valid: mask, outerRadius: 15, guardRadius: 5, into: c)
        LocalContrast.zScore(b, valid: mask, outerRadius: 15, guardRadius: 5, into: d)
        time("strongest.dark") { LocalContrast.strongest(c, d, second: .dark, into: b) }
        time("strongest.dark.scalar") { LocalContrast.strongestScalar(c, d, second: .dark, into: b) }
        Conversion.toFloat(n, gain: 1e-4, into: b)  // restored for the shift row
        // LandFinder's sea: the large components of the water mask (one component plus hulls).
        func copyMask() { for y in 0..<height { _ = mask2.row(y).update(from: mask.row(y)) } }
        time("largeComponents.water") { copyMask(); LargeComponents.keep(mask2, extent: 60, area: 800) }
        time("largeComponents.water.reference") {
            copyMask(); LargeComponents.keepReference(mask2, extent: 60, area: 800, labels: labels)
        }
        let cw = min(width, 1024), ch = min(height, 1024)
        if cw > 8 && ch > 8 {
            let win = Window(width: cw, height: ch)
            time("shift.r3.gradients", pixels: Double(cw * ch)) {
                _ = ShiftEstimator.estimate(before: b.window(win), after: a.window(win), maxShift: 3)
            }
        }
        withExtendedLifetime([green, nir, f1, f2, f3, f4, m1, m2, lab]) {}
        return out
    }

    /// CPU time of the calling thread, seconds.
    public static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
