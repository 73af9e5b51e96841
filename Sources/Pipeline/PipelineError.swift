/// Why a detection run could not start or finish. `description` is the one-line message
/// the CLI prints; each case carries the evidence.
public enum PipelineError: Error, CustomStringConvertible, Sendable, Equatable {
    case badParameter(name: String, value: Double, reason: String)
    /// The captures are on different coordinate reference systems.
    case crsMismatch(before: String, after: String, beforeCRS: String, afterCRS: String)
    /// The captures have different pixel sizes (map units per pixel).
    case resolutionMismatch(before: String, after: String, beforeSize: Double, afterSize: Double)
    /// The grids are not aligned to a whole pixel (origins differ by a fraction of a pixel).
    case gridMisaligned(before: String, after: String, offsetPixels: Double)
    case noOverlap(before: String, after: String)
    case noGeoreferencing(path: String)
    case rotatedGrid(path: String)
    case emptyCapture(path: String)
    case landMask(path: String, reason: String)
    /// An error from reading a capture, already phrased for the user.
    case input(String)

    public var description: String {
        switch self {
        case .badParameter(let n, let v, let r):
            "--\(n) \(v.rounded() == v ? String(Int(v)) : String(v)): \(r)"
        case .crsMismatch(let b, let a, let bc, let ac):
            "\(b) and \(a) are on different CRSs (\(bc) vs \(ac)); reproject one onto the other's grid, e.g. gdalwarp -t_srs <CRS of \(a)> -tr <pixel size> \(b) before-warped.tif"
        case .resolutionMismatch(let b, let a, let bs, let asz):
            "\(b) and \(a) have different pixel sizes (\(bs) vs \(asz) map units); resample one, e.g. gdalwarp -tr \(asz) \(asz) -tap \(b) before-warped.tif"
        case .gridMisaligned(let b, let a, let o):
            "\(b) and \(a) grids are offset by \(String(format: "%.2f", o)) of a pixel; align them, e.g. gdalwarp -tap -tr <pixel size> \(b) before-warped.tif"
        case .noOverlap(let b, let a): "\(b) and \(a) do not overlap"
        case .noGeoreferencing(let p): "\(p): no georeferencing (needs a GeoTIFF geotransform, a world file or a STAC item)"
        case .rotatedGrid(let p): "\(p): rotated or sheared grids are not supported; warp it north-up with gdalwarp"
        case .emptyCapture(let p): "\(p): the capture has no pixels"
        case .landMask(let p, let r): "\(p): land mask: \(r)"
        case .input(let m): m
        }
    }
}
