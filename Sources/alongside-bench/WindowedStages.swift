import Detection
import Pipeline
import Raster

/// The Detection kernels of the pipeline's per-window work, run on two decoded captures on
/// one grid, one window after another on the calling thread, each stage timed on its own.
///
/// Mirrors `Pipeline`'s `SceneSetup` and `TileProcessor` for a single-band pair without land:
/// the pipeline's shift windows and consensus for the shift, a 3 × 3 lattice of 256² sample
/// windows for the radiometric offset; then
/// square cores of `coreSize` pixels read with `halo` pixels on every side (clipped to the
/// grid), converted to Float with a validity mask, differenced, a censored two-pass CA-CFAR
/// per capture, and hysteresis labeling with blob moments per capture. Radii are in pixels.
struct WindowedStages {
    let before: PlaneBuffer
    let after: PlaneBuffer
    let noData: Double?
    let coreSize: Int
    let halo: Int
    let guardRadius: Int
    let outerRadius: Int
    let cfarK: Float
    let cfarKLow: Float
    /// Ground area of one pixel, m².
    let pixelArea: Double

    struct Counts {
        var windows = 0
        /// Pixels read (cores plus halos), per capture.
        var pixelsRead = 0
        /// Components of the hysteresis mask (|z| ≥ kLow), and those holding a seed (|z| ≥ k).
        var componentsAfter = 0
        var componentsBefore = 0
        var blobsAfter = 0
        var blobsBefore = 0
        var mapping = LinearMapping.identity
        var shift: ShiftEstimate?
    }

    func run(_ clock: inout StageClock) -> Counts {
        var counts = Counts()
        let w = after.width, h = after.height
        var sigmaAfter: Float = 1
        clock.time("normalization") { (counts.shift, counts.mapping, sigmaAfter) = sceneSetup() }
        let floor = max(Float(1e-6), 0.25 * sigmaAfter)

        let side = coreSize + 2 * halo
        func f() -> PlaneBuffer { PlaneBuffer(width: side, height: side, sampleType: .float32) }
        func m() -> PlaneBuffer { PlaneBuffer(width: side, height: side, sampleType: .uint8) }
        let planes = (fa: f(), fb: f(), diff: f(), z1: f(), za: f(), zb: f(), mean: f(), sigma: f())
        let masks = (va: m(), vb: m(), hit: m(), cens: m())
        let labelPlane = PlaneBuffer(width: side, height: side, sampleType: .int32)

        for r0 in stride(from: 0, to: h, by: coreSize) {
            for c0 in stride(from: 0, to: w, by: coreSize) {
                let core = Window(col: c0, row: r0, width: min(coreSize, w - c0), height: min(coreSize, h - r0))
                let read = core.expanded(by: halo).clipped(width: w, height: h)
                let local = Window(width: read.width, height: read.height)
                let fa = planes.fa.view(as: Float.self).window(local), fb = planes.fb.view(as: Float.self).window(local)
                let diff = planes.diff.view(as: Float.self).window(local)
                let z1 = planes.z1.view(as: Float.self).window(local)
                let za = planes.za.view(as: Float.self).window(local), zb = planes.zb.view(as: Float.self).window(local)
                let mean = planes.mean.view(as: Float.self).window(local)
                let sigma = planes.sigma.view(as: Float.self).window(local)
                let va = masks.va.view(as: UInt8.self).window(local), vb = masks.vb.view(as: UInt8.self).window(local)
                let hit = masks.hit.view(as: UInt8.self).window(local), cens = masks.cens.view(as: UInt8.self).window(local)
                let labels = labelPlane.view(as: Int32.self).window(local)
                counts.windows += 1
                counts.pixelsRead += read.pixelCount

                clock.time("convert") {
                    TypedPlane.convert(after, window: read, nodata: noData, valid: va, into: fa)
                    TypedPlane.convert(before, window: read, nodata: noData, valid: vb, into: fb)
                }
                clock.time("difference") {
                    Difference.absolute(after: fa, before: fb, mapping: counts.mapping, into: diff)
                }
                // One plain CA-CFAR pass on one capture, timed on its own for comparison with
                // the peer's single-pass CA-CFAR (--extras); the rest of the censored CFAR follows.
                clock.time("cfar.pass1.after") {
                    LocalContrast.zScore(fa, valid: va, outerRadius: outerRadius, guardRadius: guardRadius,
                                         minSigma: floor, into: z1)
                }
                clock.time("cfar") {
                    for (x, v, z) in [(fa, va, za), (fb, vb, zb)] {
                        if x.base != fa.base {
                            LocalContrast.zScore(x, valid: v, outerRadius: outerRadius, guardRadius: guardRadius,
                                                 minSigma: floor, into: z1)
                        }
                        Threshold.absGreaterOrEqual(z1, cfarKLow, into: hit)
                        MaskMath.andNot(v, hit, into: cens)
                        LocalContrast.zScore(x, valid: cens, outerRadius: outerRadius, guardRadius: guardRadius,
                                             minSigma: floor, into: z1, mean: mean, sigma: sigma)
                        MaskMath.standardize(x, mean: mean, sigma: sigma, floor: floor, where: v, into: z)
                    }
                }
                clock.time("label") {
                    for (v, z, isAfter) in [(va, za, true), (vb, zb, false)] {
                        Threshold.absGreaterOrEqual(z, cfarKLow, valid: v, into: hit)
                        let blobs = ConnectedComponents.blobs(hit, intensity: z, pixelArea: pixelArea, labels: labels)
                        let seeds = blobs.reduce(0) { n, b in
                            n + (max(Double(b.intensityMax), -Double(b.intensityMin)) >= Double(cfarK) ? 1 : 0)
                        }
                        if isAfter {
                            counts.blobsAfter += seeds
                            counts.componentsAfter += blobs.count
                        } else {
                            counts.blobsBefore += seeds
                            counts.componentsBefore += blobs.count
                        }
                    }
                }
            }
        }
        withExtendedLifetime((planes, masks, labelPlane)) {}
        return counts
    }

    /// Shift (the pipeline's consensus of gradient-NCC surfaces over its shift windows, ±4 px),
    /// radiometric offset (median of water, gain 1 — the pipeline's choice on open sea) and the
    /// after capture's noise σ on a 3 × 3 lattice.
    private func sceneSetup() -> (ShiftEstimate?, LinearMapping, Float) {
        let w = after.width, h = after.height
        let side = min(256, max(1, w / 3), max(1, h / 3))
        let sa = PlaneBuffer(width: 3 * side, height: 3 * side, sampleType: .float32)
        let sb = PlaneBuffer(width: 3 * side, height: 3 * side, sampleType: .float32)
        let ma = PlaneBuffer(width: 3 * side, height: 3 * side, sampleType: .uint8)
        let mb = PlaneBuffer(width: 3 * side, height: 3 * side, sampleType: .uint8)
        for j in 0..<3 {
            for i in 0..<3 {
                let c = max(0, Int(Double(w) * (Double(i) + 0.5) / 3) - side / 2)
                let r = max(0, Int(Double(h) * (Double(j) + 0.5) / 3) - side / 2)
                let src = Window(col: c, row: r, width: side, height: side).clipped(width: w, height: h)
                let dst = Window(col: i * side, row: j * side, width: src.width, height: src.height)
                TypedPlane.convert(after, window: src, nodata: noData, valid: ma.view(as: UInt8.self).window(dst),
                                   into: sa.view(as: Float.self).window(dst))
                TypedPlane.convert(before, window: src, nodata: noData, valid: mb.view(as: UInt8.self).window(dst),
                                   into: sb.view(as: Float.self).window(dst))
            }
        }
        // The pipeline's shift rule: one consensus over the correlation surfaces of its shift windows.
        var surfaces: [(ncc: [Double], counts: [Int])] = []
        for src in SceneSetup.shiftWindows(width: w, height: h) {
            let a = PlaneBuffer(width: src.width, height: src.height, sampleType: .float32)
            let b = PlaneBuffer(width: src.width, height: src.height, sampleType: .float32)
            let va = PlaneBuffer(width: src.width, height: src.height, sampleType: .uint8)
            let vb = PlaneBuffer(width: src.width, height: src.height, sampleType: .uint8)
            TypedPlane.convert(after, window: src, nodata: noData, valid: va.view(as: UInt8.self), into: a.view(as: Float.self))
            TypedPlane.convert(before, window: src, nodata: noData, valid: vb.view(as: UInt8.self), into: b.view(as: Float.self))
            surfaces.append(ShiftEstimator.correlation(before: b.view(as: Float.self), after: a.view(as: Float.self),
                                                       maxShift: SceneSetup.searchShift, valid: va.view(as: UInt8.self)))
        }
        var best = ShiftEstimator.consensus(surfaces, maxShift: SceneSetup.searchShift, minScore: SceneSetup.minShiftScore,
                                            minSamples: 256)
        if let e = best, e.isAtSearchEdge || abs(e.integerDX) > SceneSetup.maxShift || abs(e.integerDY) > SceneSetup.maxShift {
            best = nil
        }
        let a = RobustStatistics.summary(sa.view(as: Float.self), mask: ma.view(as: UInt8.self))
        let b = RobustStatistics.summary(sb.view(as: Float.self), mask: mb.view(as: UInt8.self))
        let mapping = a.median.isFinite && b.median.isFinite ? LinearMapping(gain: 1, offset: Float(a.median - b.median))
            : .identity
        return (best, mapping, a.sigma.isFinite && a.sigma > 0 ? Float(a.sigma) : 1)
    }
}
