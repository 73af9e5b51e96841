import Captures
import Foundation
import GeoReferencing
import Raster
import RasterIO

/// Land given by the user as a raster on any north-up georeferenced grid: band 1, a non-zero
/// valid sample is land; zero and nodata are water; outside the mask is water. Each capture
/// pixel takes the mask pixel under its centre (nearest neighbour).
///
/// In the captures' CRS the map is affine and exact. In another CRS, pixel centres are
/// transformed with PROJ on a lattice every ``latticeStep`` pixels and interpolated
/// bilinearly in between (GDAL's approximate transformer does the same; over 16 pixels the
/// interpolation error of a map projection is far below a pixel).
///
/// Made for masks rasterized from coastlines (`gdal_rasterize -burn 1 -tr …`) or classified
/// from other imagery.
public struct RasterLandMask: Sendable {
    public let path: String
    public let dataset: any RasterDataset
    public let georeference: GeoReference

    /// A mask pixel may be at most this many times finer than the capture's (its read window per
    /// detection window grows with the square of the ratio).
    public static let maxOversampling = 8.0
    /// Lattice spacing, pixels, of exact PROJ transforms for a mask in another CRS.
    public static let latticeStep = 16

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

    /// Maps reference-grid pixels (the capture grid shifted by `originCol`, `originRow`) to mask
    /// pixels; throws when PROJ has no operation between the CRSs or the mask is much finer.
    func prepared(for capture: GeoReference, originCol: Int, originRow: Int) throws -> PreparedRasterLand {
        let (c, m) = (capture.transform, georeference.transform)
        guard c.isNorthUp else { throw PipelineError.landMask(path: path, reason: "the capture grid is rotated") }
        // Reference pixel corner (col, row) → capture map coordinates.
        let grid = GeoTransform(originX: c.c0 + Double(originCol) * c.c1, originY: c.c3 + Double(originRow) * c.c5,
                                pixelWidth: c.c1, pixelHeight: c.c5)
        let mapping: PreparedRasterLand.Mapping
        if Alignment.sameCRS(capture.crs, georeference.crs) {
            mapping = .affine(origin: SIMD2((grid.c0 - m.c0) / m.c1, (grid.c3 - m.c3) / m.c5),
                              scale: SIMD2(c.c1 / m.c1, c.c5 / m.c5))
        } else {
            do { _ = try CoordinateTransformer(from: capture.crs, to: georeference.crs) } catch {
                throw PipelineError.landMask(path: path, reason: "cannot transform from the captures' CRS (\(capture.crs.description)) to the mask's (\(georeference.crs.description)): \(error); reproject it with gdalwarp -t_srs")
            }
            mapping = .projected(grid: grid, from: capture.crs, to: georeference)
        }
        let prepared = PreparedRasterLand(dataset: dataset, path: path, mapping: mapping)
        // Mask pixels per capture pixel, near the reference grid's origin.
        let p = try prepared.maskCoordinates(cols: [0.5, 1.5, 0.5], rows: [0.5, 0.5, 1.5])
        if p.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) {
            let sx = ((p[1].x - p[0].x) * (p[1].x - p[0].x) + (p[1].y - p[0].y) * (p[1].y - p[0].y)).squareRoot()
            let sy = ((p[2].x - p[0].x) * (p[2].x - p[0].x) + (p[2].y - p[0].y) * (p[2].y - p[0].y)).squareRoot()
            guard sx <= Self.maxOversampling, sy <= Self.maxOversampling else {
                throw PipelineError.landMask(path: path, reason: String(
                    format: "its pixels are %.3g × finer than the captures' (at most %.0f×); resample it with gdalwarp -tr",
                    max(sx, sy), Self.maxOversampling))
            }
        }
        return prepared
    }
}

/// A raster land mask mapped onto the reference grid, ready to be sampled per window.
struct PreparedRasterLand: Sendable {
    enum Mapping: Sendable {
        /// Same CRS: mask pixel coordinate of reference pixel coordinate p = origin + scale · p.
        case affine(origin: SIMD2<Double>, scale: SIMD2<Double>)
        /// Another CRS: reference pixel → capture map (`grid`) → PROJ → mask map → mask pixel.
        case projected(grid: GeoTransform, from: CRS, to: GeoReference)
    }

    let dataset: any RasterDataset
    let path: String
    let mapping: Mapping

    /// Mask pixel coordinates (continuous, corner origin) of reference-grid points; `.infinity`
    /// where PROJ cannot transform the point.
    func maskCoordinates(cols: [Double], rows: [Double]) throws -> [SIMD2<Double>] {
        switch mapping {
        case .affine(let o, let s):
            return zip(cols, rows).map { SIMD2(o.x + s.x * $0, o.y + s.y * $1) }
        case .projected(let grid, let from, let to):
            var xs = zip(cols, rows).map { grid.c0 + $0 * grid.c1 + $1 * grid.c2 }
            var ys = zip(cols, rows).map { grid.c3 + $0 * grid.c4 + $1 * grid.c5 }
            let t: CoordinateTransformer
            do { t = try CoordinateTransformer.cached(from: from, to: to.crs) } catch {
                throw PipelineError.landMask(path: path, reason: "\(error)")
            }
            t.transform(xs: &xs, ys: &ys)
            let m = to.transform
            return zip(xs, ys).map { x, y in
                guard x.isFinite, y.isFinite else { return SIMD2(.infinity, .infinity) }
                return SIMD2((x - m.c0) / m.c1, (y - m.c3) / m.c5)
            }
        }
    }

    /// Sets `mask` to 1 where the pixel of `window` lies on land (leaves other pixels).
    func fill(window: Window, into mask: PlaneView<UInt8>) throws {
        guard window.width > 0, window.height > 0 else { return }
        let (w, h) = (window.width, window.height)
        let unknown = SIMD2(Int.min, Int.min)
        func floorIndex(_ p: SIMD2<Double>) -> SIMD2<Int> {
            guard p.x.isFinite, p.y.isFinite, abs(p.x) < 1e9, abs(p.y) < 1e9 else { return unknown }
            return SIMD2(Int(p.x.rounded(.down)), Int(p.y.rounded(.down)))
        }
        // `rowIndex(y, &out)` gives the mask pixel under each pixel centre of window row y
        // (`unknown`: not transformable, i.e. water); `bounds` holds every index it can give.
        let rowIndex: (Int, inout [SIMD2<Int>]) -> Void
        var bounds: [SIMD2<Int>]
        switch mapping {
        case .affine(let o, let s):
            // Separable and exact: one index per column and per row.
            let cols = (0..<w).map { Int((o.x + s.x * (Double(window.col + $0) + 0.5)).rounded(.down)) }
            let rows = (0..<h).map { Int((o.y + s.y * (Double(window.row + $0) + 0.5)).rounded(.down)) }
            bounds = [SIMD2(cols.min()!, rows.min()!), SIMD2(cols.max()!, rows.max()!)]
            rowIndex = { y, out in for x in 0..<w { out[x] = SIMD2(cols[x], rows[y]) } }
        case .projected:
            // Exact transforms on a lattice of pixel centres, bilinear in between (a bilinear
            // value lies in the box of its cell's corners, so the corners bound every index).
            let step = RasterLandMask.latticeStep
            let lx = Array(stride(from: 0, to: w - 1, by: step)) + [w - 1]
            let ly = Array(stride(from: 0, to: h - 1, by: step)) + [h - 1]
            var cols: [Double] = [], rows: [Double] = []
            for y in ly { for x in lx { cols.append(Double(window.col + x) + 0.5); rows.append(Double(window.row + y) + 0.5) } }
            let nodes = try maskCoordinates(cols: cols, rows: rows)
            bounds = nodes.map(floorIndex).filter { $0 != unknown }.flatMap { [$0, $0 &+ 1] }
            // Cell of each column: lattice index i with lx[i] ≤ x < lx[i+1] (the last column in the last cell).
            var cellOfCol = [Int](repeating: 0, count: w)
            for x in 0..<w { cellOfCol[x] = min(x / step, max(0, lx.count - 2)) }
            let n = lx.count
            rowIndex = { y, out in
                let j = min(y / step, max(0, ly.count - 2))
                let y0 = ly[j], y1 = ly[min(j + 1, ly.count - 1)]
                let v = y1 > y0 ? Double(y - y0) / Double(y1 - y0) : 0
                for x in 0..<w {
                    let i = cellOfCol[x]
                    let x0 = lx[i], x1 = lx[min(i + 1, n - 1)]
                    let u = x1 > x0 ? Double(x - x0) / Double(x1 - x0) : 0
                    let j1 = min(j + 1, ly.count - 1), i1 = min(i + 1, n - 1)
                    let a = nodes[j * n + i], b = nodes[j * n + i1], c = nodes[j1 * n + i], d = nodes[j1 * n + i1]
                    let top = a + (b - a) * u, bottom = c + (d - c) * u
                    out[x] = floorIndex(top + (bottom - top) * v)
                }
            }
        }
        // Read the mask pixels the window needs (clipped to the mask), then look them up.
        var lo = SIMD2(Int.max, Int.max), hi = SIMD2(Int.min, Int.min)
        for i in bounds {
            lo = pointwiseMin(lo, i)
            hi = pointwiseMax(hi, i)
        }
        let c0 = max(0, lo.x), c1 = min(dataset.info.width - 1, hi.x)
        let r0 = max(0, lo.y), r1 = min(dataset.info.height - 1, hi.y)
        guard !bounds.isEmpty, c0 <= c1, r0 <= r1 else { return }
        let area = Window(col: c0, row: r0, width: c1 - c0 + 1, height: r1 - r0 + 1)
        let limit = 4 * RasterLandMask.maxOversampling * RasterLandMask.maxOversampling * Double(w) * Double(h) + 1e6
        guard Double(area.width) * Double(area.height) <= limit else {
            throw PipelineError.landMask(path: path, reason: "a \(w)×\(h) window needs \(area.width)×\(area.height) mask pixels; resample the mask with gdalwarp -tr")
        }
        let raw = PlaneBuffer(width: area.width, height: area.height, sampleType: dataset.info.bands[0].sampleType)
        let valid = PlaneBuffer(width: area.width, height: area.height, sampleType: .uint8)
        do { try dataset.read(band: 0, window: area, into: raw, valid: valid) } catch {
            throw PipelineError.landMask(path: path, reason: RasterLandMask.reason(error, path: path))
        }
        let values = raw.toFloat32()
        let v = values.view(as: Float.self), ok = valid.view(as: UInt8.self)
        var index = [SIMD2<Int>](repeating: unknown, count: w)
        for y in 0..<h {
            rowIndex(y, &index)
            let dst = mask.row(y)
            for x in 0..<w {
                let i = index[x]
                guard i != unknown else { continue }
                let mx = i.x &- c0, my = i.y &- r0
                guard mx >= 0, mx < area.width, my >= 0, my < area.height else { continue }
                let value = v.row(my)[mx]
                if ok.row(my)[mx] != 0, value != 0, !value.isNaN { dst[x] = 1 }
            }
        }
    }
}
