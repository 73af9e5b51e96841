import Foundation
import Raster

/// Splits a blob that is two hulls lying alongside each other (a ship-to-ship transfer
/// seen as one merged component) along a seam parallel to its major axis.
///
/// **Profile.** Every pixel's offset from the centroid along the minor axis,
/// t = (p − c)·v, is splatted linearly into 1-px bins (so a rotated hull does not
/// alias into alternating full and empty bins), weighted by |intensity| (so a contrast
/// plane works for dark hulls too; 1 when no pixel has an intensity); the
/// result is smoothed with a [1 2 1]/4 kernel. A single hull gives a one-humped
/// (or flat-topped) profile; two hulls side by side give two humps with a valley at the
/// gap or the dark line between them.
///
/// **Bimodality test (valley depth).** Let the seam be the interior bin with the lowest
/// profile value that has a higher bin on each side; p₁, p₂ the maxima left and right of
/// it. The blob is split when
/// - valley / min(p₁, p₂) ≤ `maxValleyRatio` (default 0.6: the dip is at least 40 % of the
///   weaker hull's peak),
/// - the peaks are at least `minPeakSeparation` px apart (default 3), and
/// - each side holds at least `minPixelsPerSide` pixels (default 6).
/// Pixels with t < seam go to the first part, the rest to the second; the two parts'
/// statistics together have exactly the blob's moments.
///
/// Limitation: one wide hull whose deck is darker than its rails also has a two-humped
/// cross-section. The test sees shape only; callers should also require the blob to be
/// wider than one plausible hull (e.g. footprint width > 1.5 × the widest single beam)
/// before accepting a split.
public enum HullSplitter {
    public struct Parameters: Sendable, Hashable {
        public var maxValleyRatio: Double
        public var minPeakSeparation: Double
        public var minPixelsPerSide: Int

        public init(maxValleyRatio: Double = 0.6, minPeakSeparation: Double = 3, minPixelsPerSide: Int = 6) {
            self.maxValleyRatio = maxValleyRatio
            self.minPeakSeparation = minPeakSeparation
            self.minPixelsPerSide = minPixelsPerSide
        }
    }

    /// A successful split: two blobs and the evidence.
    public struct Split: Sendable, Hashable {
        public var first: BlobStatistics
        public var second: BlobStatistics
        /// Seam offset from the centroid along the minor axis, pixels.
        public var seamOffset: Double
        /// valley / min(peak₁, peak₂).
        public var valleyRatio: Double
        public var profile: MinorAxisProfile
    }

    /// The pixels of component `label` inside `bbox`, with their `intensity` (or NaN).
    public static func pixels(of label: Int32, labels: PlaneView<Int32>, intensity: PlaneView<Float>?, bbox: PixelBox) -> [BlobPixel] {
        var out: [BlobPixel] = []
        for y in max(0, bbox.minRow)..<min(labels.height, bbox.maxRow) {
            let l = labels.row(y), iv = intensity?.row(y)
            for x in max(0, bbox.minCol)..<min(labels.width, bbox.maxCol) where l[x] == label {
                out.append(BlobPixel(row: y, col: x, intensity: iv?[x] ?? .nan))
            }
        }
        return out
    }

    /// The smoothed, intensity-weighted cross-section along the minor axis (see the type notes).
    public static func minorAxisProfile(_ pixels: [BlobPixel]) -> MinorAxisProfile {
        var m = RawMoments()
        for p in pixels { m.addPixel(row: p.row, col: p.col) }
        let stats = BlobStatistics(label: 0, moments: m)
        return profile(pixels, stats)
    }

    static func profile(_ pixels: [BlobPixel], _ stats: BlobStatistics) -> MinorAxisProfile {
        let c = stats.centroid
        let v = stats.footprint.minorAxis
        let ts = pixels.map { (Double($0.col) - c.col) * v.col + (Double($0.row) - c.row) * v.row }
        let useIntensity = pixels.contains { $0.intensity.isFinite }
        let weights = pixels.map { p in useIntensity ? (p.intensity.isFinite ? abs(Double(p.intensity)) : 0) : 1 }
        return MinorAxisProfile(positions: ts, weights: weights)
    }

    /// Splits `pixels` (one blob) in two when its minor-axis profile is bimodal; nil otherwise.
    public static func splitAlongMajorAxis(_ pixels: [BlobPixel], pixelArea: Double = 1,
                                           parameters: Parameters = Parameters()) -> Split? {
        guard pixels.count >= 2 * parameters.minPixelsPerSide else { return nil }
        var m = RawMoments()
        for p in pixels { m.addPixel(row: p.row, col: p.col, intensity: p.intensity) }
        let stats = BlobStatistics(label: 0, moments: m, pixelArea: pixelArea)
        let prof = profile(pixels, stats)
        let v = prof.values
        guard v.count >= 5 else { return nil }
        // Best valley: the interior minimum with the deepest ratio to the smaller flanking maximum.
        guard let (seam, ratio) = prof.deepestValley, ratio <= parameters.maxValleyRatio else { return nil }
        let leftPeak = (0..<seam).max { v[$0] < v[$1] }!
        let rightPeak = ((seam + 1)..<v.count).max { v[$0] < v[$1] }!
        guard Double(rightPeak - leftPeak) >= parameters.minPeakSeparation else { return nil }
        let seamT = Double(prof.start + seam)
        let c = stats.centroid, axis = stats.footprint.minorAxis
        var a = RawMoments(), b = RawMoments()
        for p in pixels {
            let t = (Double(p.col) - c.col) * axis.col + (Double(p.row) - c.row) * axis.row
            if t < seamT {
                a.addPixel(row: p.row, col: p.col, intensity: p.intensity)
            } else {
                b.addPixel(row: p.row, col: p.col, intensity: p.intensity)
            }
        }
        guard a.count >= parameters.minPixelsPerSide && b.count >= parameters.minPixelsPerSide else { return nil }
        return Split(first: BlobStatistics(label: 0, moments: a, pixelArea: pixelArea),
                     second: BlobStatistics(label: 0, moments: b, pixelArea: pixelArea),
                     seamOffset: seamT, valleyRatio: ratio, profile: prof)
    }
}
