import Detection
import Foundation
import GeoReferencing
import Raster

/// Everything fixed for a run before the windows are processed: the grid, the bands to
/// use, the residual shift, the radiometric mapping and noise levels (estimated once from
/// a fixed sample of the scene, so they do not depend on the window plan), and the
/// filter radii in pixels.
struct SceneContext: Sendable {
    let parameters: DetectionParameters
    let after: any CaptureSource
    let before: (any CaptureSource)?
    let alignment: Alignment
    let bands: BandChoice
    let beforeBands: BandChoice?
    /// Whole-pixel part of the residual shift, applied when reading the before capture.
    let shift: (dx: Int, dy: Int)
    /// The estimated residual shift, after pixels (before content at after + shift).
    let shiftEstimate: (dx: Double, dy: Double)
    /// Maps before radiometry onto after (estimated on water).
    let mapping: LinearMapping
    /// Robust noise (σ) of the detection band on water, per capture, and of the difference.
    let sigmaAfter: Float
    let sigmaBefore: Float
    /// Robust noise (σ) of the contrast band (``BandChoice/contrast``) on water, per capture (0 without one).
    let sigmaContrastAfter: Float
    let sigmaContrastBefore: Float
    let sigmaDifference: Float
    /// Ground metres per pixel at the grid centre (for filter radii only; sizes use the local value).
    let metresPerPixel: Double
    let radii: Radii
    let landMask: PreparedLandMask?

    struct Radii: Sendable {
        /// CFAR guard and outer box radii, pixels.
        var guardRadius: Int
        var outerRadius: Int
        /// A non-water component longer or larger than this is land (or cloud), pixels / pixels².
        var landExtent: Double
        var landArea: Double
        /// Pixels a vessel's centre may lie from the edge of its blob.
        var blobRadius: Int
        /// Land is grown by this many pixels (the minimum shore distance).
        var shoreRadius: Int
        /// With an NDWI water mask, objects are searched up to this many pixels from the sea.
        var seaReach: Int
        /// CFAR censoring (Detection's `RobustBackground`): node spacing, sample half-side and
        /// sample step, pixels.
        var censorSpacing: Int
        var censorRadius: Int
        var censorStride: Int
        var halo: Int
    }

    static func radii(_ p: DetectionParameters, metresPerPixel gsd: Double) -> Radii {
        let maxL = p.maxLength / gsd
        let guardR = max(2, Int((0.25 * maxL).rounded(.up)) + 1)
        let outerR = guardR + max(4, guardR / 2)
        let landExtent = 1.2 * maxL
        let landArea = 0.5 * maxL * maxL
        let blobR = Int((0.6 * maxL).rounded(.up)) + 1
        let shoreR = Int((p.minShoreDistance / gsd).rounded(.up))
        let seaReach = guardR
        // Robust censoring: nodes one outer radius apart, each sampling a square of half-side
        // 1.5 outer radii (side ≈ 1.1·maxLength: the largest raft, 3 hulls of maxLength × maxLength/6,
        // covers < 40 % of it, below the median's 50 % breakdown), ~10 samples per side.
        let censorSpacing = outerR
        let censorRadius = (3 * outerR) / 2
        let censorStride = max(1, (2 * censorRadius + 1) / 10)
        let halo = max(Int(((p.maxLength + p.maxGap) / gsd).rounded(.up)),
                       blobR + outerR + Int(landExtent.rounded(.up)) + max(shoreR, seaReach) + 2,
                       blobR + outerR + censorSpacing + censorRadius + 2)
        return Radii(guardRadius: guardR, outerRadius: outerR, landExtent: landExtent, landArea: landArea,
                     blobRadius: blobR, shoreRadius: shoreR, seaReach: seaReach, censorSpacing: censorSpacing,
                     censorRadius: censorRadius, censorStride: censorStride, halo: halo)
    }
}

/// Which band of a capture plays which part.
struct BandChoice: Sendable, Hashable {
    /// The band vessels are detected in: near infrared when known (hulls are bright and
    /// water is dark there), else red, else the first band.
    var detection: Int
    /// Green and NIR for the NDWI water mask, when both exist with the same sample type.
    var green: Int?
    var nir: Int?
    /// A second band tested for contrast (max |z| of the two, Bonferroni-adjusted): green,
    /// when it exists and is not the detection band. Dark hulls (dark paint, laden low) are
    /// 30–60 % below the sea in the visible but barely above it in NIR, where water is
    /// darkest; green is the visible band water reflects most in coastal water (and it is
    /// read anyway for NDWI).
    var contrast: Int?

    init(_ c: some CaptureSource) {
        let nir = c.band(role: "nir")
        detection = nir ?? c.band(role: "red") ?? 0
        if let g = c.band(role: "green"), let n = nir, c.sampleType(band: g) == c.sampleType(band: n) {
            green = g
            self.nir = n
        }
        if let g = c.band(role: "green"), g != detection { contrast = g }
    }

    var hasWaterBands: Bool { green != nil && nir != nil }
}
