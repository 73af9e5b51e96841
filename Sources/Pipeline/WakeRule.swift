import Detection
import Foundation

/// Recognizes a hull whose wake joined its hysteresis blob and measures the hull alone.
///
/// A vessel under way trails foam: a turbulent wake from the stern and the two Kelvin arms
/// (±19.47° from the bow), both behind the hull, much weaker than the hull's own reflectance and
/// fading with distance. Above `cfarKLow` the wake joins the hull into one blob several hull
/// lengths long, whose second-moment centre lies behind the stern and whose length can exceed
/// `maxLength`. The hull is the compact, bright head of such a blob: the 4-connected component
/// around the blob's peak at a fraction `f` of the peak |contrast| (`f` = 0.5 first, the full
/// width at half maximum: where a blurred edge crosses half the step, the hull's own edge; then
/// 0.6, 0.7, 0.8 when the wake's head is still above half the peak). The blob is read as
/// hull + wake, and the hull measured on that component, only when all of these hold:
/// - the component is a detection on its own (`f·peak ≥ cfarK`) and a vessel on its own (at least
///   `minLength` long; a smaller bright spot is part of a hull, e.g. its superstructure, and the
///   blob stays whole);
/// - the blob is at least `minBlobToHull` times as long as the component;
/// - the component holds `minDominance` of the blob's |contrast| above the level (one bright
///   object, not two hulls end to end or a platform pair);
/// - the component sits at one end of the blob: along the blob's axis the blob reaches past the
///   component's far end by no more than the blur plus a quarter of its length (the wake trails
///   behind the stern; nothing lies ahead of the bow);
/// - the tail (the blob beyond the hull) is weak, mean |contrast| ≤ `maxTailContrast` × the
///   hull's, and fades all along: the upper decile of |contrast| in each quarter (from the
///   stern) is ≤ `maxTailFade` × that of the quarter two before it (a high quantile, not a mean: the wake widens
///   as it fades, and a mean over pixels above `cfarKLow` hardly falls). A hull's deck ahead of a
///   bright superstructure keeps its level up to the bow, and at fine pixels the CFAR contrast of
///   a large hull is highest at both ends: neither is trimmed;
/// - where the component is resolved (≥ 3 px long, 1.5 × its width), its axis lies within
///   `maxHeadingDifference` of the blob's (the wake trails along the course).
/// The measurement is the component's oriented footprint (second moments), not deblurred (at
/// half maximum the blur does not widen it); the axis is the component's when resolved, else
/// the blob's (at 10 m the wake gives the course better than a 2 × 4 px hull).
enum WakeRule {
    /// Highest level tried, as a fraction of the peak |contrast|, and the factor between levels
    /// (HullCores' ladder step).
    static let topFraction = 0.8
    static let levelStep = 1.15
    /// The hull's edge, as a fraction of the component's median |contrast| (half maximum).
    static let edgeFraction = 0.5
    /// Blob length over hull length from which a blob is hull + wake.
    static let minBlobToHull = 2.0
    /// Share of the blob's |contrast| above the level the hull component must hold.
    static let minDominance = 0.7
    /// Tail mean |contrast| over the hull component's mean, at most.
    static let maxTailContrast = 0.5
    /// Upper decile of a tail quarter over that of the quarter two before it, at most (the wake fades).
    static let maxTailFade = 0.8

    /// A cheap test on the blob's footprint in ground metres (`metric`) before its pixels are
    /// read: long enough for a hull of `minLength` plus a wake as long, elongated, bright enough.
    static func mayHaveWake(metric blob: OrientedBox, peak: Double, parameters p: DetectionParameters) -> Bool {
        guard topFraction * peak >= p.cfarK else { return false }
        return blob.length >= minBlobToHull * p.minLength && blob.length >= 1.5 * blob.width
    }

    /// The hull's footprint (reference-grid pixels) and pixels, or nil when the blob is not a
    /// hull trailing a wake.
    /// - Parameters:
    ///   - pixels: the blob's pixels, reference-grid indices, signed contrast.
    ///   - blob: the blob's footprint (second moments of all its pixels).
    ///   - peak: the blob's peak |contrast|.
    ///   - blurPx: pixels the hysteresis mask reaches beyond an edge (``MergedHullRule/blurExtent``).
    ///   - metresPerPixel: ground metres per pixel step along columns and rows.
    static func hull(pixels: [BlobPixel], blob: OrientedBox, peak: Double, blurPx: Double,
                     metresPerPixel mpp: (x: Double, y: Double), parameters p: DetectionParameters) -> (box: OrientedBox, pixels: [BlobPixel])? {
        let values = pixels.map { $0.intensity.isFinite ? abs(Double($0.intensity)) : 0 }
        guard let seed = values.indices.max(by: { values[$0] < values[$1] }) else { return nil }
        let (ux, uy) = blob.axis
        func measure(_ level: Double) -> Outcome {
            let members = HullCores.component(pixels, containing: seed, level: level)
            guard members.count >= 2 else { return .tooShort }
            let core = members.map { pixels[$0] }
            let h = MergedHullRule.footprint(of: core.map { BlobPixel(row: $0.row, col: $0.col) })
            // Smaller than any hull: a bright part of a hull (superstructure, deck cargo); a lower
            // level may reach the hull's edge.
            guard h.scaled(x: mpp.x, y: mpp.y).length >= p.minLength else { return .tooShort }
            // The hull's edge: half its own typical (median) contrast, the full width at half
            // maximum of the hull rather than of its brightest pixel. Below that the component
            // reaches into the blur and, behind the stern, into the wake.
            let sorted = members.map { values[$0] }.sorted()
            guard level >= edgeFraction * sorted[sorted.count / 2] else { return .rejected }
            guard blob.length >= minBlobToHull * h.length else { return .rejected }
            // One bright object: the component holds most of the contrast above the level.
            var inCore = [Bool](repeating: false, count: pixels.count)
            for i in members { inCore[i] = true }
            var above = 0.0, held = 0.0
            for (i, v) in values.enumerated() where v >= level {
                above += v
                if inCore[i] { held += v }
            }
            guard held >= minDominance * above else { return .rejected }
            // At one end of the blob, along its axis: t from the hull's centre.
            let ts = pixels.map { (Double($0.col) + 0.5 - h.centerX) * ux + (Double($0.row) + 0.5 - h.centerY) * uy }
            guard let lo = ts.min(), let hi = ts.max() else { return .rejected }
            let half = h.length / 2
            let ahead = min(hi, -lo) - half, behind = max(hi, -lo) - half
            guard ahead <= blurPx + 1 + 0.25 * h.length, behind >= h.length else { return .rejected }
            // The tail behind the hull: weak and fading.
            let sign = hi >= -lo ? 1.0 : -1.0
            let start = half + blurPx
            let tailLength = behind - blurPx
            guard tailLength > 1 else { return .rejected }
            // Quarters of the tail from the stern: all of it for the mean; the upper decile of
            // each for the fade (a wake fades all the way to its end; a deck keeps its level up
            // to the bow, even where the CFAR contrast is raised near the hull's ends).
            var quarters = [[Double]](repeating: [], count: 4)
            for (t, v) in zip(ts, values) {
                let s = sign * t - start
                guard s > 0 else { continue }
                quarters[min(3, Int(4 * s / tailLength))].append(v)
            }
            guard quarters.allSatisfy({ !$0.isEmpty }) else { return .rejected }
            let decile = quarters.map { q in q.sorted()[min(q.count - 1, Int(0.9 * Double(q.count)))] }
            let coreMean = members.reduce(0.0) { $0 + values[$1] } / Double(members.count)
            let tail = quarters.joined()
            let tailMean = tail.reduce(0, +) / Double(tail.count)
            guard tailMean <= maxTailContrast * coreMean, decile[2] <= maxTailFade * decile[0], decile[3] <= maxTailFade * decile[1] else {
                return .rejected
            }
            // Along the course, where the hull's own axis is resolved.
            let resolved = h.length >= 3 && h.length >= 1.5 * h.width
            if resolved {
                guard OrientedBox.axisDifferenceDegrees(h.angle, blob.angle) <= p.maxHeadingDifference else { return .rejected }
            }
            var box = h
            if !resolved { box.angle = blob.angle }
            return .hull((box, core))
        }
        // From the top down: the component around the peak grows as the level falls, through
        // the hull, until it reaches its edge and then joins the wake. Levels where it is still
        // smaller than a hull are skipped; from the first level where it is hull-sized every
        // level must pass every test, and the hull is the component at the lowest of them. A
        // blob that fails at that first level is not a hull with its wake.
        return descend(from: topFraction * peak, downTo: p.cfarK, measure: measure)
    }

    /// Tries `measure` at levels falling by `levelStep` from `top` while ≥ `bottom`: levels whose
    /// component is smaller than a hull are skipped; from the first hull-sized one every level
    /// must pass, and the result is the hull at the lowest of them (nil when the first fails).
    static func descend(from top: Double, downTo bottom: Double,
                        measure: (Double) -> Outcome) -> (box: OrientedBox, pixels: [BlobPixel])? {
        var best: (box: OrientedBox, pixels: [BlobPixel])? = nil
        var level = top
        while level >= bottom {
            defer { level /= levelStep }
            switch measure(level) {
            case .hull(let h): best = h
            case .tooShort: continue
            case .rejected: return best
            }
        }
        return best
    }

    enum Outcome {
        case hull((box: OrientedBox, pixels: [BlobPixel]))
        case tooShort
        case rejected
    }
}
