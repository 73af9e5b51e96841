import Detection
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
///   axis has two peaks with a valley between them (the fender gap, or the darker deck
///   edges): Detection's ``HullSplitter`` tests this and splits the pixels at the seam.
///
/// A blob is merged when `W ≥ 1.3·Wexp` and it has a seam, or `W ≥ 1.5·Wexp` and
/// `L ≥ 2·minLength` without a visible seam (at 10 m a 4 m fender gap is invisible; a blob
/// that short is more often a platform or a patch of clutter). Without a seam the blob is
/// cut into `round(W / Wexp)` (2 or 3) equal strips along its axis. Every part must still
/// be at least `minLength` long and at least 3 times longer than wide.
enum MergedHullRule {
    /// The parts (reference-grid boxes), or nil when the blob is one hull.
    /// - Parameters:
    ///   - box: the blob footprint, reference-grid pixels.
    ///   - origin: reference-grid position of the window's (`labels`, `z`) top-left pixel.
    ///   - bbox: the blob's box in window pixels.
    ///   - metresPerPixel: ground metres per pixel step along columns and rows.
    static func split(box: OrientedBox, origin: (col: Int, row: Int), label: Int32, labels: PlaneView<Int32>,
                      z: PlaneView<Float>, bbox: PixelBox, metresPerPixel mpp: (x: Double, y: Double),
                      parameters p: DetectionParameters) -> [OrientedBox]? {
        let metric = box.scaled(x: mpp.x, y: mpp.y)
        let gsd = (mpp.x * mpp.y).squareRoot()
        let beam = metric.length / 6
        let expected = (beam * beam + (1.5 * gsd) * (1.5 * gsd)).squareRoot()
        let ratio = metric.width / expected
        guard ratio >= 1.3 else { return nil }

        var parts: [OrientedBox]
        // Seam test on |z|, in reference-grid pixel indices (exact, window-independent moments).
        let pixels = HullSplitter.pixels(of: label, labels: labels, intensity: z, bbox: bbox).map {
            BlobPixel(row: $0.row + origin.row, col: $0.col + origin.col, intensity: abs($0.intensity))
        }
        if let s = HullSplitter.splitAlongMajorAxis(pixels) {
            parts = [s.first, s.second].map { b in
                let f = b.footprint
                return OrientedBox(centerX: f.centre.col, centerY: f.centre.row, length: f.length, width: f.width,
                                   angle: atan2(f.majorAxis.row, f.majorAxis.col))
            }
        } else {
            guard ratio >= 1.5, metric.length >= 2 * p.minLength else { return nil }
            let k = min(3, max(2, Int(ratio.rounded())))
            let (ux, uy) = box.axis
            let vx = -uy, vy = ux
            let w = box.width / Double(k)
            parts = (0..<k).map { i in
                let mid = -box.width / 2 + w * (Double(i) + 0.5)
                return OrientedBox(centerX: box.centerX + vx * mid, centerY: box.centerY + vy * mid, length: box.length,
                                   width: w, angle: box.angle)
            }
        }
        for part in parts {
            let m = part.scaled(x: mpp.x, y: mpp.y)
            guard m.length >= p.minLength, m.length >= 3 * m.width else { return nil }
        }
        return parts
    }
}
