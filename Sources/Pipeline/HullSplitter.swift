import Foundation
import Raster

/// Recognizes blobs that hold two or three hulls rafted side by side and splits them.
///
/// Evidence, per blob (footprint length L and width W in ground metres):
/// - **Width against length.** Merchant hulls are 5–8 times longer than wide; the expected
///   beam is `L / 6`. The measured width of a thin object is inflated by the sensor's blur
///   and the threshold by about 1.5 pixels, so the expected measured width is
///   `Wexp = √((L/6)² + (1.5·gsd)²)`.
/// - **A seam.** Where the hulls are resolved, the cross-section of |contrast| across the
///   axis has two (or three) peaks with a valley between them (the fender gap, or the
///   darker deck edges).
///
/// A blob is merged when it has a seam and `W ≥ 1.3·Wexp`, or no visible seam but
/// `W ≥ 1.5·Wexp` and `L ≥ 2·minLength` (a blob that short is more often a platform or a
/// patch of clutter). Each part must still look like a hull (length ≥ 3 × its width).
/// Without a seam the blob is cut into `round(W / Wexp)` (2 or 3) equal parts.
enum HullSplitter {
    /// The parts (boxes in the same pixel frame as `box`), or nil when the blob is one hull.
    /// - Parameters:
    ///   - box: the blob footprint, reference-grid pixels.
    ///   - origin: reference-grid position of the window's (`labels`, `z`) top-left pixel.
    ///   - bbox: the blob's box in window pixels.
    ///   - metresPerPixel: ground metres per pixel step along columns and rows.
    static func split(box: OrientedBox, origin: (col: Int, row: Int), label: Int32, labels: PlaneView<Int32>,
                      z: PlaneView<Float>, bbox: (minRow: Int, minCol: Int, maxRow: Int, maxCol: Int),
                      metresPerPixel: (x: Double, y: Double), parameters p: DetectionParameters) -> [OrientedBox]? {
        let metric = box.scaled(x: metresPerPixel.x, y: metresPerPixel.y)
        let gsd = (metresPerPixel.x * metresPerPixel.y).squareRoot()
        let lengthM = metric.length, widthM = metric.width
        let beam = lengthM / 6
        let expected = (beam * beam + (1.5 * gsd) * (1.5 * gsd)).squareRoot()
        let ratio = widthM / expected
        guard ratio >= 1.3 else { return nil }

        let valleys = box.width >= 3 ? seams(box: box, origin: origin, label: label, labels: labels, z: z, bbox: bbox) : []
        var cuts: [Double]  // positions across the axis, pixels from the centre, ascending
        if !valleys.isEmpty {
            cuts = valleys
        } else {
            guard ratio >= 1.5, lengthM >= 2 * p.minLength else { return nil }
            let k = min(3, max(2, Int(ratio.rounded())))
            cuts = (1..<k).map { -box.width / 2 + box.width * Double($0) / Double(k) }
        }
        let edges = [-box.width / 2] + cuts + [box.width / 2]
        var parts: [OrientedBox] = []
        let (ux, uy) = box.axis
        let vx = -uy, vy = ux
        for i in 0..<(edges.count - 1) {
            let w = edges[i + 1] - edges[i]
            let mid = (edges[i + 1] + edges[i]) / 2
            guard w > 0, box.length >= 3 * w else { return nil }
            parts.append(OrientedBox(centerX: box.centerX + vx * mid, centerY: box.centerY + vy * mid,
                                     length: box.length, width: w, angle: box.angle))
        }
        return parts.count >= 2 ? parts : nil
    }

    /// Valleys of the cross-section profile of |z| (mean per half-pixel bin across the
    /// axis): interior minima below 0.6 × the lower of the highest peaks on either side.
    static func seams(box: OrientedBox, origin: (col: Int, row: Int), label: Int32, labels: PlaneView<Int32>, z: PlaneView<Float>,
                      bbox: (minRow: Int, minCol: Int, maxRow: Int, maxCol: Int)) -> [Double] {
        let binSize = 0.5
        let half = box.width / 2 + 1
        let n = Int((2 * half / binSize).rounded(.up))
        guard n >= 5 else { return [] }
        var sum = [Double](repeating: 0, count: n), count = [Int](repeating: 0, count: n)
        let (ux, uy) = box.axis
        for r in bbox.minRow..<bbox.maxRow {
            let lr = labels.row(r), zr = z.row(r)
            for c in bbox.minCol..<bbox.maxCol where lr[c] == label {
                let dx = Double(c + origin.col) + 0.5 - box.centerX, dy = Double(r + origin.row) + 0.5 - box.centerY
                let across = -dx * uy + dy * ux
                let b = Int(((across + half) / binSize).rounded(.down))
                guard b >= 0, b < n else { continue }
                sum[b] += Double(abs(zr[c]))
                count[b] += 1
            }
        }
        let prof = (0..<n).map { count[$0] > 0 ? sum[$0] / Double(count[$0]) : 0 }
        var out: [Double] = []
        var i = 1
        while i < n - 1 {
            if prof[i] < prof[i - 1] || prof[i] > prof[i + 1] || count[i] == 0 { i += 1; continue }
            // Plateau-aware local minimum at i.
            let leftPeak = prof[..<i].max() ?? 0, rightPeak = prof[(i + 1)...].max() ?? 0
            if prof[i] < 0.6 * min(leftPeak, rightPeak) {
                let pos = (Double(i) + 0.5) * binSize - half
                if out.last.map({ pos - $0 > 1.0 }) ?? true { out.append(pos) }
            }
            i += 1
        }
        return Array(out.prefix(2))
    }
}
