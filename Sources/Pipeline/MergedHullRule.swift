import Detection
import Foundation
import Raster

/// Recognizes blobs that hold two or three hulls rafted side by side and splits them.
///
/// Evidence, per blob (footprint length L and width W in ground metres):
/// - **Width against length.** Merchant hulls are 5–8 times longer than wide; the expected
///   beam is `L / 6`. The blob (hysteresis mask down to `cfarKLow`) is wider than the hull
///   by the sensor's blur: with a Gaussian point spread of σₚ ≈ 0.5 px (Sentinel-2's MTF
///   at Nyquist is 0.15–0.3) a hull of peak contrast z stays above `cfarKLow` for
///   `d = σₚ·√(2·ln(z / cfarKLow))` pixels beyond each edge, so the expected blob width is
///   `Wexp = √((L/6)² + (2·d·gsd)²)`. Only blobs with `W ≥ 1.3·Wexp` are examined.
/// - **Hull cores.** Where hulls are resolved (1–5 m pixels) the fender gap is a valley of
///   |contrast| between them: thresholding the blob at rising levels (Detection's
///   ``HullCores``) leaves one core per hull; a seeded flood gives every pixel to a core, so
///   each part has its own pixels, length, width and heading, whatever the hulls' relative
///   heading and offset. The configuration with the most cores (≤ 3) whose parts pass the
///   hull tests below wins.
/// - **A seam.** Otherwise the cross-section of |contrast| across the blob's axis may still
///   have two peaks (Detection's ``HullSplitter``); a raft of three is split again at the
///   wider part's own seam.
/// - **Seamless.** At 10 m a 4 m fender gap is invisible: a blob with `W ≥ 1.4·Wexp`,
///   `L ≥ 2·minLength` and `L ≥ 1.4·W` is cut into `round(W / Wexp)` (2 or 3) equal strips,
///   but only where the widest fender gap spans less than two pixels, the peak is
///   ≥ `minStripPeak·cfarK`, the blob is solid (`minSolidity`) and its |contrast| profile along
///   the axis has no valley (two objects end to end, e.g. a platform pair).
///
/// A part that fails only the shape test (too wide for one hull) is examined again by the same
/// rule, within three hulls in all.
/// **Hull tests** for every part of a split (the split is refused otherwise): length (blur
/// removed) within [`minLength`, `maxLength`]; hull-shaped, `L ≥ 3·B` (merchant ships have
/// L/B ≈ 4–9, tugs and supply vessels ≈ 3–4.5; the measured beam carries up to a pixel of
/// error); parts parallel within `maxHeadingDifference`; side by side, each pair overlapping
/// along the axis over at least half the shorter hull (end-to-end pieces of one hull are not a
/// raft).
enum MergedHullRule {
    /// Gaussian point-spread σ of the sensor, pixels.
    static let psfSigma = 0.5
    /// Width over expected width from which a blob is examined for several hulls.
    static let examineRatio = 1.3
    /// Width over expected width above which a blob without a seam is several hulls.
    static let minRatio = 1.4
    /// Length over width a blob of several hulls keeps (rafted 5–8 : 1 hulls).
    static let minElongation = 1.4
    /// Length over beam every part of a split must keep (the stubbiest sea-going hulls, ≈ 3).
    static let minPartElongation = Grouping.minMemberElongation
    /// Widest fender gap, metres (Yokohama fenders of 2.5–4.5 m diameter: hulls 2–5 m apart).
    /// Where it spans two pixels or more, hulls are resolved and a split needs a seam.
    static let maxFenderGap = 5.0
    /// Peak |contrast| (in multiples of `cfarK`) a blob needs for a split from width alone.
    static let minStripPeak = 4.0
    /// Pixels over the footprint's area (1 for a rectangle, 1.05 for an ellipse) below which a
    /// blob is ragged or hollow (cloud, wake), not hulls.
    static let minSolidity = 0.8
    /// Fraction of the shorter of two parts their along-axis extents must share (side by side).
    static let minOverlap = 0.5

    /// Pixels the hysteresis mask of a hull with peak contrast `peak` reaches beyond its edge.
    static func blurExtent(peak: Double, parameters p: DetectionParameters) -> Double {
        psfSigma * (2 * log(max(1, peak / p.cfarKLow))).squareRoot()
    }

    /// The parts (reference-grid boxes, lengths and widths with the blur removed), or nil
    /// when the blob is one hull.
    /// - Parameters:
    ///   - box: the blob footprint, reference-grid pixels.
    ///   - origin: reference-grid position of the window's (`labels`, `z`) top-left pixel.
    ///   - bbox: the blob's box in window pixels.
    ///   - metresPerPixel: ground metres per pixel step along columns and rows.
    static func split(box: OrientedBox, origin: (col: Int, row: Int), label: Int32, labels: PlaneView<Int32>,
                      z: PlaneView<Float>, bbox: PixelBox, peak: Double, metresPerPixel mpp: (x: Double, y: Double),
                      parameters p: DetectionParameters) -> [OrientedBox]? {
        guard ratio(box: box, peak: peak, metresPerPixel: mpp, parameters: p) >= examineRatio else { return nil }
        // Reference-grid pixel indices (exact, window-independent moments), signed contrast.
        let pixels = HullSplitter.pixels(of: label, labels: labels, intensity: z, bbox: bbox).map {
            BlobPixel(row: $0.row + origin.row, col: $0.col + origin.col, intensity: $0.intensity)
        }
        return split(pixels: pixels, box: box, peak: peak, metresPerPixel: mpp, parameters: p)
    }

    /// Blob width over the expected width of one hull of its length (see the type notes).
    static func ratio(box: OrientedBox, peak: Double, metresPerPixel mpp: (x: Double, y: Double),
                      parameters p: DetectionParameters) -> Double {
        let metric = box.scaled(x: mpp.x, y: mpp.y)
        let gsd = (mpp.x * mpp.y).squareRoot()
        let beam = metric.length / 6
        let blur = 2 * blurExtent(peak: peak, parameters: p) * gsd
        return metric.width / (beam * beam + blur * blur).squareRoot()
    }

    /// The split of one blob given its pixels (reference-grid indices, signed contrast `z`).
    static func split(pixels: [BlobPixel], box: OrientedBox, peak: Double, metresPerPixel mpp: (x: Double, y: Double),
                      parameters p: DetectionParameters, maxParts: Int = 3) -> [OrientedBox]? {
        guard maxParts >= 2 else { return nil }
        let r = ratio(box: box, peak: peak, metresPerPixel: mpp, parameters: p)
        guard r >= examineRatio else { return nil }
        let gsd = (mpp.x * mpp.y).squareRoot()
        let blurPx = 2 * blurExtent(peak: peak, parameters: p)
        let absolute = pixels.map { BlobPixel(row: $0.row, col: $0.col, intensity: abs($0.intensity)) }

        // 1. Hull cores: one core per resolved hull, parts by a seeded flood.
        let significant: ([BlobPixel]) -> Bool = { core in
            guard core.count >= 4 else { return false }
            let f = footprint(of: core)
            return f.length * gsd >= 0.5 * p.minLength && f.length >= 1.5 * f.width
        }
        // A part too wide for one hull (two hulls whose seam the levels did not open: a dark
        // hull beside a dim one) is examined again on its own, within the raft's three hulls.
        let resplit: ([BlobPixel], Int) -> [OrientedBox]? = { group, room in
            let peak = group.map { Double($0.intensity) }.max() ?? 0
            return split(pixels: group, box: footprint(of: group.map { BlobPixel(row: $0.row, col: $0.col) }), peak: peak,
                         metresPerPixel: mpp, parameters: p, maxParts: room)
        }
        for candidate in HullCores.candidates(absolute, floor: p.cfarKLow, maxCores: maxParts, isSignificant: significant) {
            let groups = HullCores.flood(absolute, cores: candidate.cores)
            if let parts = hulls(groups, blurPx: blurPx, mpp: mpp, parameters: p, maxParts: maxParts, resplit: resplit) { return parts }
        }

        // 2. A seam in the cross-section profile (a raft of three: the wider part again).
        if var groups = seamSplit(absolute) {
            let widths = groups.map { footprint(of: $0) }
            if let i = widths.indices.max(by: { widths[$0].width < widths[$1].width }),
               ratio(box: widths[i], peak: peak, metresPerPixel: mpp, parameters: p) >= examineRatio,
               let again = seamSplit(groups[i]) {
                groups.replaceSubrange(i...i, with: again)
            }
            return hulls(groups, blurPx: blurPx, mpp: mpp, parameters: p, maxParts: maxParts, resplit: resplit)
        }

        // 3. Seamless: equal strips along the axis.
        let metric = box.scaled(x: mpp.x, y: mpp.y)
        guard r >= minRatio, metric.length >= 2 * p.minLength, metric.length >= minElongation * metric.width else {
            return nil
        }
        // Width alone is evidence only where nothing better can be: the gap is unresolved, the
        // blob is a solid, sharp-edged, strong object, and not two objects end to end.
        let solidity = Double(pixels.count) / max(1, box.length * box.width)
        guard 2 * gsd > maxFenderGap, peak >= minStripPeak * p.cfarK, solidity >= minSolidity,
              alongAxisValley(absolute) > HullSplitter.Parameters().maxValleyRatio else {
            return nil
        }
        let k = min(maxParts, max(2, Int(r.rounded())))
        let (ux, uy) = box.axis
        let vx = -uy, vy = ux
        let w = box.width / Double(k)
        let parts = (0..<k).map { i in
            let mid = -box.width / 2 + w * (Double(i) + 0.5)
            return OrientedBox(centerX: box.centerX + vx * mid, centerY: box.centerY + vy * mid,
                               length: deblurred(box.length, blurPx), width: w, angle: box.angle)
        }
        for part in parts {
            let m = part.scaled(x: mpp.x, y: mpp.y)
            guard m.length >= p.minLength, m.length >= 3 * m.width else { return nil }
        }
        // Each strip's beam: the blob's width without the blur on its two outer edges, shared out.
        let beam = deblurred(box.width, blurPx) / Double(k)
        return parts.map { var b = $0; b.width = beam; return b }
    }

    /// The parts' footprints with the blur removed, when every part is a hull lying alongside
    /// the others (type notes: hull tests); else nil.
    static func hulls(_ groups: [[BlobPixel]], blurPx: Double, mpp: (x: Double, y: Double),
                      parameters p: DetectionParameters, maxParts: Int,
                      resplit: ([BlobPixel], Int) -> [OrientedBox]?) -> [OrientedBox]? {
        guard groups.count >= 2, groups.count <= maxParts, groups.allSatisfy({ !$0.isEmpty }) else { return nil }
        var parts: [OrientedBox] = []
        for (i, g) in groups.enumerated() {
            let f = footprint(of: g.map { BlobPixel(row: $0.row, col: $0.col) })
            var b = f
            b.length = deblurred(f.length, blurPx)
            b.width = deblurred(f.width, blurPx)
            let m = b.scaled(x: mpp.x, y: mpp.y)
            guard m.length >= p.minLength, m.length <= p.maxLength else { return nil }
            if m.length >= minPartElongation * m.width {
                parts.append(b)
            } else {
                let room = maxParts - (groups.count - 1 - i) - parts.count
                guard let sub = resplit(g, room) else { return nil }
                parts += sub
            }
        }
        guard parts.count <= maxParts else { return nil }
        for a in 0..<parts.count {
            for b in (a + 1)..<parts.count {
                guard OrientedBox.axisDifferenceDegrees(parts[a].angle, parts[b].angle) <= p.maxHeadingDifference,
                      alongOverlap(parts[a], parts[b]) >= minOverlap * min(parts[a].length, parts[b].length) else { return nil }
            }
        }
        return parts
    }

    /// The deepest valley of the |intensity| profile along the blob's major axis, as a ratio
    /// to the lower of the highest bins on either side (1 without a valley): two objects lying
    /// end to end (a platform pair) dip between them; side-by-side hulls do not.
    static func alongAxisValley(_ pixels: [BlobPixel]) -> Double {
        var m = RawMoments()
        for p in pixels { m.addPixel(row: p.row, col: p.col) }
        let f = BlobStatistics(label: 0, moments: m).footprint
        let u = f.majorAxis, c = f.centre
        let ts = pixels.map { (Double($0.col) + 0.5 - c.col) * u.col + (Double($0.row) + 0.5 - c.row) * u.row }
        let weights = pixels.map { $0.intensity.isFinite ? abs(Double($0.intensity)) : 1 }
        return MinorAxisProfile(positions: ts, weights: weights).deepestValley?.ratio ?? 1
    }

    /// Length (pixels) the two boxes' extents share along their mean axis.
    static func alongOverlap(_ a: OrientedBox, _ b: OrientedBox) -> Double {
        var (ux, uy) = a.axis
        var (bx, by) = b.axis
        if ux * bx + uy * by < 0 { bx = -bx; by = -by }
        ux += bx
        uy += by
        let n = max(1e-12, (ux * ux + uy * uy).squareRoot())
        ux /= n
        uy /= n
        let ca = a.centerX * ux + a.centerY * uy, cb = b.centerX * ux + b.centerY * uy
        let lo = max(ca - a.length / 2, cb - b.length / 2), hi = min(ca + a.length / 2, cb + b.length / 2)
        return max(0, hi - lo)
    }

    /// A blurred extent (pixels) with the blur `blurPx` removed in quadrature, never below one pixel.
    static func deblurred(_ x: Double, _ blurPx: Double) -> Double {
        let s = x * x - blurPx * blurPx
        return s > 1 ? s.squareRoot() : 1
    }

    /// The pixels on each side of the blob's seam (Detection's ``HullSplitter``), or nil without one.
    /// The partition repeats HullSplitter's own: offset along the minor axis of the unsplit blob
    /// against the seam offset.
    static func seamSplit(_ pixels: [BlobPixel]) -> [[BlobPixel]]? {
        guard let s = HullSplitter.splitAlongMajorAxis(pixels) else { return nil }
        var m = RawMoments()
        for p in pixels { m.addPixel(row: p.row, col: p.col, intensity: p.intensity) }
        let stats = BlobStatistics(label: 0, moments: m, pixelArea: 1)
        let c = stats.centroid, axis = stats.footprint.minorAxis
        var a: [BlobPixel] = [], b: [BlobPixel] = []
        for p in pixels {
            let t = (Double(p.col) - c.col) * axis.col + (Double(p.row) - c.row) * axis.row
            if t < s.seamOffset { a.append(p) } else { b.append(p) }
        }
        return [a, b]
    }

    /// The oriented footprint (second moments) of `pixels`, reference-grid pixels.
    static func footprint(of pixels: [BlobPixel]) -> OrientedBox {
        var m = RawMoments()
        for p in pixels { m.addPixel(row: p.row, col: p.col, intensity: p.intensity) }
        let f = BlobStatistics(label: 0, moments: m, pixelArea: 1).footprint
        return OrientedBox(centerX: f.centre.col, centerY: f.centre.row, length: f.length, width: f.width,
                           angle: atan2(f.majorAxis.row, f.majorAxis.col))
    }
}
