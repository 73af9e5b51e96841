import Detection
import Foundation
import GeoReferencing
import Raster

/// Builds the ``SceneContext``: alignment, band roles, residual shift, radiometric mapping
/// and noise levels. Everything is estimated on fixed samples of the reference grid (noise
/// and mapping: a 3 × 3 lattice of 256² windows; the shift: ``shiftWindows(width:height:)``),
/// never per window, so the result is the same for every window plan.
public enum SceneSetup {
    static let sampleSide = 256
    /// Largest residual shift compensated, pixels; the search reaches one pixel further so a
    /// 3-pixel shift is an interior peak.
    public static let maxShift = 3
    public static let searchShift = 4
    /// Correlation (NCC of gradient magnitudes) below which a window's peak is noise: open sea
    /// (independent texture and noise in each capture) or a cloud peaks at about 0.01–0.09.
    public static let minShiftScore = 0.2
    /// Sub-pixel residuals below this (pixels, both axes) are not resampled: below the
    /// estimate's accuracy on the development scenes (≈ 0.03 px mean, 0.3 px max).
    static let minResampledShift = 0.1

    /// The part of the residual shift left after the whole-pixel compensation (|dx|, |dy| ≤ 0.5
    /// px), which the difference image compensates by resampling the before capture's
    /// detection band (``SubPixelShift/cubic(_:dx:dy:into:)``); nil when below
    /// `minResampledShift` on both axes.
    static func subPixelResidual(shift: (dx: Int, dy: Int), estimate: (dx: Double, dy: Double)) -> (dx: Double, dy: Double)? {
        let f = (dx: estimate.dx - Double(shift.dx), dy: estimate.dy - Double(shift.dy))
        guard f.dx.isFinite, f.dy.isFinite, abs(f.dx) <= 1, abs(f.dy) <= 1,
              max(abs(f.dx), abs(f.dy)) >= minResampledShift else { return nil }
        return f
    }

    /// Side of a shift-estimation window, pixels, and the most windows per axis.
    static let shiftWindowSide = 256
    static let shiftWindowsPerAxis = 8

    /// Windows for the residual shift: a grid of up to 8 × 8 windows of 256² spread evenly
    /// from edge to edge of the reference grid (abutting or overlapping when the grid is at
    /// most 2048 px, so the whole grid is used). Structure is where it is: a narrow strip of
    /// coast or a platform field can lie between the points of a sparse lattice.
    public static func shiftWindows(width: Int, height: Int) -> [Window] {
        let side = min(shiftWindowSide, width, height)
        guard side > 0 else { return [] }
        let nx = max(1, min(shiftWindowsPerAxis, (width + side - 1) / side))
        let ny = max(1, min(shiftWindowsPerAxis, (height + side - 1) / side))
        func start(_ i: Int, _ n: Int, _ extent: Int) -> Int { n > 1 ? (extent - side) * i / (n - 1) : (extent - side) / 2 }
        var out: [Window] = []
        for j in 0..<ny {
            for i in 0..<nx { out.append(Window(col: start(i, nx, width), row: start(j, ny, height), width: side, height: side)) }
        }
        return out
    }

    static func make(before: (any CaptureSource)?, after: any CaptureSource, parameters p: DetectionParameters,
                     landMask: LandMask?) throws -> SceneContext {
        try p.validate()
        guard after.width > 0, after.height > 0 else { throw PipelineError.emptyCapture(path: after.path) }
        guard let ga = after.georeference else { throw PipelineError.noGeoreferencing(path: after.path) }
        guard ga.transform.isNorthUp else { throw PipelineError.rotatedGrid(path: after.path) }
        let alignment: Alignment
        if let before {
            guard before.width > 0, before.height > 0 else { throw PipelineError.emptyCapture(path: before.path) }
            alignment = try Alignment(before: before, after: after)
        } else {
            alignment = Alignment(single: after)
        }
        let bands = BandChoice(after)
        let beforeBands = before.map { BandChoice($0) }
        let centre = (col: Double(alignment.afterCol) + Double(alignment.width) / 2,
                      row: Double(alignment.afterRow) + Double(alignment.height) / 2)
        let gsd: Double
        do { gsd = try ga.metresPerPixel(col: centre.col, row: centre.row) } catch {
            throw PipelineError.input("\(after.path): cannot measure the ground pixel size: \(error)")
        }
        guard gsd.isFinite, gsd > 0 else { throw PipelineError.input("\(after.path): degenerate pixel size") }
        let radii = SceneContext.radii(p, metresPerPixel: gsd)
        let prepared = try landMask?.prepared(for: ga, originCol: alignment.afterCol, originRow: alignment.afterRow)

        let side = min(sampleSide, max(1, alignment.width / 3), max(1, alignment.height / 3))
        var windows: [Window] = []
        for j in 0..<3 {
            for i in 0..<3 {
                let c = Int(Double(alignment.width) * (Double(i) + 0.5) / 3) - side / 2
                let r = Int(Double(alignment.height) * (Double(j) + 0.5) / 3) - side / 2
                windows.append(Window(col: max(0, c), row: max(0, r), width: side, height: side))
            }
        }
        // Residual shift: one consensus over the correlation surfaces of up to 8 × 8 windows
        // spread evenly over the whole grid (±searchShift px; see shiftWindows).
        var shift = (dx: 0, dy: 0), estimate = (dx: 0.0, dy: 0.0)
        if let before, let bb = beforeBands {
            let shiftGrid = shiftWindows(width: alignment.width, height: alignment.height)
            let results = ShiftSurfaces(count: shiftGrid.count)
            let workers = max(1, min(p.threads == 0 ? ProcessInfo.processInfo.activeProcessorCount : p.threads,
                                     shiftGrid.count))
            let detection = bands.detection, beforeDetection = bb.detection
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let i = results.next() {
                    do {
                        let w = shiftGrid[i]
                        let a = try readFloat(after, band: detection, window: alignment.afterWindow(w))
                        let b = try readFloat(before, band: beforeDetection, window: alignment.beforeWindow(w, shift: (0, 0)))
                        results.store(i, ShiftEstimator.correlation(before: b.values.view(as: Float.self),
                                                                    after: a.values.view(as: Float.self),
                                                                    maxShift: searchShift, valid: a.valid.view(as: UInt8.self)))
                    } catch { results.fail(error) }
                }
            }
            if let e = results.error { throw e }
            let surfaces = results.surfaces
            if let e = ShiftEstimator.consensus(surfaces, maxShift: searchShift, minScore: minShiftScore, minSamples: 256),
               !e.isAtSearchEdge, abs(e.integerDX) <= maxShift, abs(e.integerDY) <= maxShift {
                estimate = (e.dx, e.dy)
                shift = (e.integerDX, e.integerDY)
            }
        }

        // Noise and radiometric mapping on a lattice of sample windows (water only).
        let sa = try samples(after, bands: bands, windows: windows.map { alignment.afterWindow($0) },
                             land: prepared, landWindows: windows, ndwiThreshold: p.ndwiThreshold)
        let sigmaAfter = Float(RobustStatistics.summary(sa.values.view(as: Float.self), mask: sa.water.view(as: UInt8.self)).sigma)
        let sigmaContrastAfter = try bands.contrast.map {
            try bandSigma(after, band: $0, windows: windows.map { alignment.afterWindow($0) }, water: sa.water)
        } ?? 0
        var sigmaContrastBefore: Float = 0
        var sigmaBefore: Float = 0, sigmaDiff: Float = 0
        var mapping = LinearMapping.identity
        if let before, let bb = beforeBands {
            let sb = try samples(before, bands: bb, windows: windows.map { alignment.beforeWindow($0, shift: shift) },
                                 land: prepared, landWindows: windows, ndwiThreshold: p.ndwiThreshold)
            sigmaBefore = Float(RobustStatistics.summary(sb.values.view(as: Float.self), mask: sb.water.view(as: UInt8.self)).sigma)
            if let cb = bb.contrast {
                sigmaContrastBefore = try bandSigma(before, band: cb, windows: windows.map { alignment.beforeWindow($0, shift: shift) },
                                                    water: sb.water)
            }
            let both = PlaneBuffer(width: sa.water.width, height: sa.water.height, sampleType: .uint8)
            MaskOps.and(sa.water.view(as: UInt8.self), sb.water.view(as: UInt8.self), into: both.view(as: UInt8.self))
            // The mapping and the difference noise from the before samples resampled by the
            // sub-pixel residual, as the tiles' difference images are.
            var sbAligned = sb
            if let f = subPixelResidual(shift: shift, estimate: estimate) {
                let aligned = PlaneBuffer(width: sb.values.width, height: sb.values.height, sampleType: .float32)
                let side = windows[0].width
                for i in windows.indices {
                    let w = Window(col: i * side, row: 0, width: side, height: side)
                    SubPixelShift.cubic(sb.values.view(as: Float.self).window(w), dx: f.dx, dy: f.dy,
                                        into: aligned.view(as: Float.self).window(w))
                }
                sbAligned.values = aligned
            }
            mapping = radiometricMapping(before: sbAligned, after: sa, water: both, sigmaAfter: sigmaAfter, sigmaBefore: sigmaBefore)
            let diff = PlaneBuffer(width: both.width, height: both.height, sampleType: .float32)
            Difference.signed(after: sa.values.view(as: Float.self), before: sbAligned.values.view(as: Float.self),
                              mapping: mapping, into: diff.view(as: Float.self))
            sigmaDiff = Float(RobustStatistics.summary(diff.view(as: Float.self), mask: both.view(as: UInt8.self)).sigma)
        }
        func finite(_ x: Float) -> Float { x.isFinite ? x : 0 }
        return SceneContext(parameters: p, after: after, before: before, alignment: alignment, bands: bands,
                            beforeBands: beforeBands, shift: shift, shiftEstimate: estimate, mapping: mapping,
                            sigmaAfter: finite(sigmaAfter), sigmaBefore: finite(sigmaBefore),
                            sigmaContrastAfter: finite(sigmaContrastAfter), sigmaContrastBefore: finite(sigmaContrastBefore),
                            sigmaDifference: finite(sigmaDiff), metresPerPixel: gsd, radii: radii,
                            landMask: prepared)
    }

    /// The before → after mapping. Sea noise does not scale with illumination (shot and read
    /// noise, glint), so matching water medians and MADs can get the gain badly wrong. When
    /// the sample holds real structure (land, platforms, hulls: a 2–98 % spread above 20
    /// water σ), a Theil–Sen line is fitted over valid pixel pairs whose before values are
    /// ≥ 10 before-noise σ apart (``SeparatedTheilSen``; robust to ~29 % changed pixels).
    /// Otherwise (open sea) only the offset is matched: the median of
    /// water, gain 1. A fitted gain outside 0.25…4 is not trusted either.
    static func radiometricMapping(before sb: (values: PlaneBuffer, water: PlaneBuffer, valid: PlaneBuffer),
                                   after sa: (values: PlaneBuffer, water: PlaneBuffer, valid: PlaneBuffer),
                                   water both: PlaneBuffer, sigmaAfter: Float, sigmaBefore: Float) -> LinearMapping {
        let a = sa.values.view(as: Float.self), b = sb.values.view(as: Float.self)
        let validBoth = PlaneBuffer(width: both.width, height: both.height, sampleType: .uint8)
        MaskOps.and(sa.valid.view(as: UInt8.self), sb.valid.view(as: UInt8.self), into: validBoth.view(as: UInt8.self))
        let spread = RobustStatistics.percentiles(a, mask: validBoth.view(as: UInt8.self), [2, 98])
        if spread.count == 2, (spread[1] - spread[0]).isFinite, spread[1] - spread[0] > 20 * Double(max(sigmaAfter, 1e-6)) {
            // Only pixel pairs far apart in brightness (SeparatedTheilSen: sea-against-sea pairs
            // dilute a plain Theil–Sen gain towards 0).
            if let m = SeparatedTheilSen.fit(before: b, after: a, mask: validBoth.view(as: UInt8.self),
                                             sigmaBefore: Double(sigmaBefore)),
               m.gain.isFinite, m.offset.isFinite, m.gain >= 0.25, m.gain <= 4 { return m }
        }
        let mb = RobustStatistics.summary(b, mask: both.view(as: UInt8.self))
        let ma = RobustStatistics.summary(a, mask: both.view(as: UInt8.self))
        guard ma.median.isFinite, mb.median.isFinite else { return .identity }
        return LinearMapping(gain: 1, offset: Float(ma.median - mb.median))
    }

    /// One band of `window` as Float (NaN where invalid) and its validity.
    static func readFloat(_ c: any CaptureSource, band: Int, window: Window) throws -> (values: PlaneBuffer, valid: PlaneBuffer) {
        let raw = PlaneBuffer(width: window.width, height: window.height, sampleType: c.sampleType(band: band))
        let valid = PlaneBuffer(width: window.width, height: window.height, sampleType: .uint8)
        try c.readBand(band, window: window, into: raw, valid: valid)
        let out = PlaneBuffer(width: window.width, height: window.height, sampleType: .float32)
        toFloat(raw, mask: valid.view(as: UInt8.self), into: out.view(as: Float.self))
        return (out, valid)
    }

    /// `raw` (any sample type) as Float where `mask` is set (one switch, so each case specializes
    /// `Conversion.toFloat`); shared by scene setup and the per-window tile processor.
    static func toFloat(_ raw: PlaneBuffer, mask: PlaneView<UInt8>, into d: PlaneView<Float>) {
        switch raw.sampleType {
        case .uint8: Conversion.toFloat(raw.view(as: UInt8.self), mask: mask, into: d)
        case .int8: Conversion.toFloat(raw.view(as: Int8.self), mask: mask, into: d)
        case .uint16: Conversion.toFloat(raw.view(as: UInt16.self), mask: mask, into: d)
        case .int16: Conversion.toFloat(raw.view(as: Int16.self), mask: mask, into: d)
        case .uint32: Conversion.toFloat(raw.view(as: UInt32.self), mask: mask, into: d)
        case .int32: Conversion.toFloat(raw.view(as: Int32.self), mask: mask, into: d)
        case .float32: Conversion.toFloat(raw.view(as: Float.self), mask: mask, into: d)
        case .float64: Conversion.toFloat(raw.view(as: Double.self), mask: mask, into: d)
        }
    }

    /// Robust σ of `band` over the lattice `windows` (laid side by side as in ``samples``),
    /// on the pixels `water` marks.
    static func bandSigma(_ c: any CaptureSource, band: Int, windows: [Window], water: PlaneBuffer) throws -> Float {
        let side = windows[0].width
        let values = PlaneBuffer(width: side * windows.count, height: side, sampleType: .float32)
        for (i, w) in windows.enumerated() {
            let v = try readFloat(c, band: band, window: w)
            let src = v.values.view(as: Float.self), dst = values.view(as: Float.self)
            for y in 0..<side { (dst.row(y).baseAddress! + i * side).update(from: src.row(y).baseAddress!, count: side) }
        }
        return Float(RobustStatistics.summary(values.view(as: Float.self), mask: water.view(as: UInt8.self)).sigma)
    }

    /// The detection band of every window side by side in one plane, with a water mask
    /// (valid, NDWI water when green and NIR exist, not user land).
    static func samples(_ c: any CaptureSource, bands: BandChoice, windows: [Window], land: PreparedLandMask?,
                        landWindows: [Window], ndwiThreshold: Double) throws
        -> (values: PlaneBuffer, water: PlaneBuffer, valid: PlaneBuffer) {
        let side = windows[0].width
        let values = PlaneBuffer(width: side * windows.count, height: side, sampleType: .float32)
        let water = PlaneBuffer(width: side * windows.count, height: side, sampleType: .uint8)
        let validAll = PlaneBuffer(width: side * windows.count, height: side, sampleType: .uint8)
        for (i, w) in windows.enumerated() {
            let v = try readFloat(c, band: bands.detection, window: w)
            let ok = v.valid.view(as: UInt8.self)
            let va = validAll.view(as: UInt8.self)
            for y in 0..<side { (va.row(y).baseAddress! + i * side).update(from: ok.row(y).baseAddress!, count: side) }
            if let g = bands.green {
                let gv = try readFloat(c, band: g, window: w)
                let ndwi = PlaneBuffer(width: side, height: side, sampleType: .float32)
                SpectralIndex.ndwi(green: gv.values.view(as: Float.self), nir: v.values.view(as: Float.self),
                                   into: ndwi.view(as: Float.self))
                Threshold.greaterOrEqual(ndwi.view(as: Float.self), Float(ndwiThreshold), valid: ok, into: ok)
            }
            if let land {
                let lm = PlaneBuffer(width: side, height: side, sampleType: .uint8)
                try land.fill(window: landWindows[i], into: lm.view(as: UInt8.self))
                MaskOps.andNot(ok, lm.view(as: UInt8.self), into: ok)
            }
            let src = v.values.view(as: Float.self), dst = values.view(as: Float.self), wm = water.view(as: UInt8.self)
            for y in 0..<side {
                (dst.row(y).baseAddress! + i * side).update(from: src.row(y).baseAddress!, count: side)
                (wm.row(y).baseAddress! + i * side).update(from: ok.row(y).baseAddress!, count: side)
            }
        }
        return (values, water, validAll)
    }
}
