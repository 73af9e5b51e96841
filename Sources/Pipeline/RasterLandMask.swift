import Captures
import Foundation
import GeoReferencing
import Raster
import RasterIO

/// Land given by the user as a raster: band 1, a non-zero valid sample is land; zero and
/// nodata are water. The raster must be georeferenced in the captures' CRS and north-up;
/// its grid may differ from theirs (extent, origin, pixel size), and each capture pixel takes
/// the mask pixel under its centre (nearest neighbour). Outside the mask is water.
///
/// Made for masks rasterized from coastlines (`gdal_rasterize -burn 1 -tr …`) or classified
/// from other imagery; a mask in another CRS is refused with a `gdalwarp` hint, as captures are.
public struct RasterLandMask: Sendable {
    public let path: String
    public let dataset: any RasterDataset
    public let georeference: GeoReference

    /// A mask pixel may be at most this many times finer than the capture's (its read window per
    /// detection window grows with the square of the ratio).
    public static let maxOversampling = 8.0

    /// Opens `path` as a raster; throws ``PipelineError/landMask(path:reason:)`` naming the reason.
    public init(path: String) throws {
        let ds: any RasterDataset
        do { ds = try RasterOpener.open(path: path) } catch {
            throw PipelineError.landMask(path: path, reason: Self.reason(error, path: path))
        }
        guard !ds.info.bands.isEmpty else { throw PipelineError.landMask(path: path, reason: "the raster has no band") }
        guard let t = ds.info.geoTransform, let crs = ds.info.crs else {
            throw PipelineError.landMask(path: path, reason: "a raster land mask must be georeferenced (geotransform and CRS)")
        }
        guard t.isNorthUp, t.c1 != 0, t.c5 != 0 else {
            throw PipelineError.landMask(path: path, reason: "the raster is rotated; warp it north-up with gdalwarp")
        }
        self.path = path
        dataset = ds
        georeference = GeoReference(transform: t, crs: crs)
    }

    /// An I/O error's message without its leading "path: " (the land-mask message names the file).
    static func reason(_ error: any Error, path: String) -> String {
        let text = "\(error)"
        return text.hasPrefix(path + ": ") ? String(text.dropFirst(path.count + 2)) : text
    }

    /// The affine map from reference-grid pixel coordinates (the capture grid shifted by
    /// `originCol`, `originRow`) to mask pixel coordinates.
    func prepared(for capture: GeoReference, originCol: Int, originRow: Int) throws -> PreparedRasterLand {
        guard Alignment.sameCRS(capture.crs, georeference.crs) else {
            throw PipelineError.landMask(path: path, reason: "its CRS (\(georeference.crs.description)) differs from the captures' (\(capture.crs.description)); reproject it with gdalwarp -t_srs")
        }
        let (c, m) = (capture.transform, georeference.transform)
        guard c.isNorthUp else { throw PipelineError.landMask(path: path, reason: "the capture grid is rotated") }
        let sx = c.c1 / m.c1, sy = c.c5 / m.c5
        guard abs(sx) <= Self.maxOversampling, abs(sy) <= Self.maxOversampling else {
            throw PipelineError.landMask(path: path, reason: String(
                format: "its pixels are %.3g × finer than the captures' (at most %.0f×); resample it with gdalwarp -tr %g %g",
                max(abs(sx), abs(sy)), Self.maxOversampling, abs(c.c1), abs(c.c5)))
        }
        // Mask col of reference col x: (c0 + (originCol + x)·c1 − m0) / m1.
        let ox = (c.c0 + Double(originCol) * c.c1 - m.c0) / m.c1
        let oy = (c.c3 + Double(originRow) * c.c5 - m.c3) / m.c5
        return PreparedRasterLand(dataset: dataset, path: path, origin: SIMD2(ox, oy), scale: SIMD2(sx, sy))
    }
}

/// A raster land mask mapped onto the reference grid, ready to be sampled per window.
struct PreparedRasterLand: Sendable {
    let dataset: any RasterDataset
    let path: String
    /// Mask pixel coordinate of reference pixel coordinate p: origin + scale · p.
    let origin: SIMD2<Double>
    let scale: SIMD2<Double>

    /// Mask column (or row) index under the centre of reference pixel `i`.
    @inline(__always)
    static func index(_ i: Int, origin: Double, scale: Double) -> Int {
        Int((origin + scale * (Double(i) + 0.5)).rounded(.down))
    }

    /// Sets `mask` to 1 where the pixel of `window` lies on land (leaves other pixels).
    func fill(window: Window, into mask: PlaneView<UInt8>) throws {
        guard window.width > 0, window.height > 0 else { return }
        var cols = [Int](repeating: 0, count: window.width)
        for x in 0..<window.width { cols[x] = Self.index(window.col + x, origin: origin.x, scale: scale.x) }
        var rows = [Int](repeating: 0, count: window.height)
        for y in 0..<window.height { rows[y] = Self.index(window.row + y, origin: origin.y, scale: scale.y) }
        let c0 = max(0, cols.min()!), c1 = min(dataset.info.width - 1, cols.max()!)
        let r0 = max(0, rows.min()!), r1 = min(dataset.info.height - 1, rows.max()!)
        guard c0 <= c1, r0 <= r1 else { return }
        let w = Window(col: c0, row: r0, width: c1 - c0 + 1, height: r1 - r0 + 1)
        let raw = PlaneBuffer(width: w.width, height: w.height, sampleType: dataset.info.bands[0].sampleType)
        let valid = PlaneBuffer(width: w.width, height: w.height, sampleType: .uint8)
        do { try dataset.read(band: 0, window: w, into: raw, valid: valid) } catch {
            throw PipelineError.landMask(path: path, reason: RasterLandMask.reason(error, path: path))
        }
        let values = raw.toFloat32()
        let v = values.view(as: Float.self), ok = valid.view(as: UInt8.self)
        for y in 0..<window.height {
            let my = rows[y] - r0
            guard my >= 0, my < w.height else { continue }
            let src = v.row(my), okRow = ok.row(my), dst = mask.row(y)
            for x in 0..<window.width {
                let mx = cols[x] - c0
                if mx >= 0, mx < w.width, okRow[mx] != 0, src[mx] != 0, !src[mx].isNaN { dst[x] = 1 }
            }
        }
    }
}
