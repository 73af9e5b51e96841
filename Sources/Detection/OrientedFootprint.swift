import Foundation

/// An oriented rectangle with the blob's second moments: the "minimum-area-ish" box a
/// hull of length × width occupies.
///
/// A solid rectangle of length L has variance L²/12 along its axis; a union of unit-square
/// pixels has the discrete variance plus 1/12 in every direction, so
/// `length = √(12·λ₁ + 1)` and `width = √(12·λ₂ + 1)` (λ = eigenvalues of the pixel
/// covariance): exact for an axis-aligned pixel rectangle, and within a pixel of the
/// true size for a rotated, rasterised one. Coordinates use the project convention
/// (``PixelPoint``: pixel centres at +0.5), lengths are in pixels.
public struct OrientedFootprint: Hashable, Sendable {
    public var centre: PixelPoint
    /// Along the major axis, pixels.
    public var length: Double
    /// Along the minor axis, pixels.
    public var width: Double
    /// scikit-image convention: angle between the row axis and the major axis, radians in [−π/2, π/2].
    public var orientation: Double

    public init(centre: PixelPoint, length: Double, width: Double, orientation: Double) {
        self.centre = centre
        self.length = length
        self.width = width
        self.orientation = orientation
    }

    /// Unit vector along the major axis as (dcol, drow) = (sin θ, cos θ).
    public var majorAxis: PixelPoint { PixelPoint(col: sin(orientation), row: cos(orientation)) }
    /// Unit vector along the minor axis, (dcol, drow) = (cos θ, −sin θ).
    public var minorAxis: PixelPoint { PixelPoint(col: cos(orientation), row: -sin(orientation)) }

    /// The four corners, in order around the rectangle (pixel coordinates, centres at +0.5).
    public var corners: [PixelPoint] {
        let u = majorAxis, v = minorAxis
        let hl = length / 2, hw = width / 2
        return [(1.0, 1.0), (1.0, -1.0), (-1.0, -1.0), (-1.0, 1.0)].map { a, b in
            PixelPoint(col: centre.col + a * hl * u.col + b * hw * v.col,
                       row: centre.row + a * hl * u.row + b * hw * v.row)
        }
    }

    /// Direction of the major axis as a bearing in the image: degrees clockwise from "up"
    /// (decreasing row), in [0, 180) since an axis has no sense (a horizontal hull is 90,
    /// one running from top-left to bottom-right is 135). North-up rasters make this the
    /// compass bearing of the hull's axis.
    public var axisAngleDegrees: Double {
        // Bearing of (dcol, drow) = atan2(dcol, −drow); the axis is (sin θ, cos θ).
        var a = atan2(sin(orientation), -cos(orientation)) * 180 / .pi
        a = a.truncatingRemainder(dividingBy: 180)
        if a < 0 { a += 180 }
        return a >= 180 ? a - 180 : a
    }
}
