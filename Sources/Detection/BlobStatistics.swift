import Foundation

/// Properties of one connected component, named and defined like scikit-image's
/// `regionprops` (camelCase). All derive from ``moments`` (so merged blobs get exact
/// statistics via ``merged(with:)``).
///
/// Coordinates: ``centroid`` and ``bbox`` use scikit-image's index convention (pixel
/// (row, col) sits at integer (row, col)); ``centre`` is the same point in the project
/// convention ((col, row), pixel centres at +0.5). Lengths are pixels; ``area`` is
/// pixels × ``pixelArea`` (m² when the caller passes metres², px² when 1).
public struct BlobStatistics: Hashable, Sendable {
    /// The label in the label plane (1…n), or 0 for blobs that are not in one (splits, merges).
    public var label: Int32
    public var moments: RawMoments
    /// Ground area of one pixel (e.g. 100 m² for 10 m pixels), or 1.
    public var pixelArea: Double

    public init(label: Int32, moments: RawMoments, pixelArea: Double = 1) {
        self.label = label
        self.moments = moments
        self.pixelArea = pixelArea
    }

    public var numPixels: Int { moments.count }
    public var area: Double { Double(moments.count) * pixelArea }
    /// (minRow, minCol, maxRow, maxCol), max exclusive.
    public var bbox: PixelBox { moments.bbox }

    /// Mean (row, col) of the pixel indices (scikit-image `centroid`).
    public var centroid: (row: Double, col: Double) {
        let n = Double(max(moments.count, 1))
        return (moments.sumRow / n, moments.sumCol / n)
    }

    /// The centroid as a ``PixelPoint`` (col, row) with pixel centres at +0.5.
    public var centre: PixelPoint {
        let c = centroid
        return PixelPoint(col: c.col + 0.5, row: c.row + 0.5)
    }

    /// scikit-image `inertia_tensor` entries: [[a, b], [b, c]] with a = var(col), b = −cov(row, col), c = var(row).
    public var inertiaTensor: (a: Double, b: Double, c: Double) {
        let cv = moments.covariance
        return (cv.colCol, -cv.rowCol, cv.rowRow)
    }

    /// Eigenvalues of the inertia tensor, λ₁ ≥ λ₂ ≥ 0 (pixels²).
    public var inertiaTensorEigenvalues: (Double, Double) {
        let t = inertiaTensor
        let mean = (t.a + t.c) / 2
        let d = (((t.a - t.c) / 2) * ((t.a - t.c) / 2) + t.b * t.b).squareRoot()
        return (max(0, mean + d), max(0, mean - d))
    }

    /// Angle between the row axis and the major axis, radians in [−π/2, π/2]
    /// (scikit-image `orientation`, same tie rule).
    public var orientation: Double {
        let t = inertiaTensor
        if t.a - t.c == 0 { return t.b < 0 ? .pi / 4 : -.pi / 4 }
        return 0.5 * atan2(-2 * t.b, t.c - t.a)
    }

    /// 4·√λ₁ (scikit-image `axis_major_length`): the major axis of the ellipse with the same
    /// second moments. An axis-aligned L-pixel line has 4·√((L² − 1)/12).
    public var axisMajorLength: Double { 4 * inertiaTensorEigenvalues.0.squareRoot() }
    /// 4·√λ₂ (scikit-image `axis_minor_length`).
    public var axisMinorLength: Double { 4 * inertiaTensorEigenvalues.1.squareRoot() }

    /// √(1 − λ₂/λ₁), 0 for a single pixel.
    public var eccentricity: Double {
        let (l1, l2) = inertiaTensorEigenvalues
        return l1 > 0 ? (1 - l2 / l1).squareRoot() : 0
    }

    /// Mean of the finite intensities (NaN when labeled without an intensity plane).
    public var intensityMean: Double {
        moments.intensityCount > 0 ? moments.sumIntensity / Double(moments.intensityCount) : .nan
    }
    /// Max / min intensity (NaN without an intensity plane).
    public var intensityMax: Double { moments.intensityCount > 0 ? Double(moments.maxIntensity) : .nan }
    public var intensityMin: Double { moments.intensityCount > 0 ? Double(moments.minIntensity) : .nan }
    /// Population standard deviation of the intensities.
    public var intensityStd: Double {
        guard moments.intensityCount > 0 else { return .nan }
        let n = Double(moments.intensityCount), m = moments.sumIntensity / n
        return max(0, moments.sumIntensitySquares / n - m * m).squareRoot()
    }

    /// The oriented rectangle with these second moments (see ``OrientedFootprint``).
    public var footprint: OrientedFootprint {
        let (l1, l2) = inertiaTensorEigenvalues
        return OrientedFootprint(centre: centre, length: (12 * l1 + 1).squareRoot(), width: (12 * l2 + 1).squareRoot(),
                                 orientation: orientation)
    }

    /// The statistics of the union of this blob's pixels and `other`'s (disjoint sets);
    /// keeps this blob's label.
    public func merged(with other: BlobStatistics) -> BlobStatistics {
        BlobStatistics(label: label, moments: moments + other.moments, pixelArea: pixelArea)
    }
}
