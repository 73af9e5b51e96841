import Foundation
import GeoReferencing
import Raster
import Report

/// Land given by the user, either GeoJSON polygons in EPSG:4326 (`Polygon`, `MultiPolygon`,
/// as geometries, features or a feature collection; rings are filled even-odd, so holes —
/// lakes, harbour basins — stay water; polygons are united) or a raster mask
/// (``RasterLandMask``: non-zero = land).
public struct LandMask: Sendable {
    /// Each polygon: its rings, each ring a list of (lon, lat) degrees.
    public let polygons: [[[SIMD2<Double>]]]
    /// The raster mask, when the file is a raster.
    public let raster: RasterLandMask?
    public let path: String

    public init(polygons: [[[SIMD2<Double>]]], path: String) {
        self.polygons = polygons
        raster = nil
        self.path = path
    }

    public init(raster: RasterLandMask) {
        polygons = []
        self.raster = raster
        path = raster.path
    }

    /// Reads a land mask: GeoJSON when the file's first non-blank byte is `{`, otherwise a
    /// raster (any format the captures may have).
    public static func load(path: String) throws -> LandMask {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.landMask(path: path, reason: "cannot read the file")
        }
        let first = data.first { !(" \t\r\n".utf8.contains($0)) }
        guard first == UInt8(ascii: "{") else {
            if data.isEmpty { throw PipelineError.landMask(path: path, reason: "the file is empty") }
            return LandMask(raster: try RasterLandMask(path: path))
        }
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: data) } catch {
            // Foundation does not say where; Report's parser does.
            var reason = "invalid JSON"
            do { _ = try JSONParser.parse(Array(data)) } catch {
                reason = "invalid JSON at line \(error.line), column \(error.column): \(error.reason)"
            }
            throw PipelineError.landMask(path: path, reason: reason)
        }
        var polys: [[[SIMD2<Double>]]] = []
        func ring(_ v: Any) throws -> [SIMD2<Double>] {
            guard let pts = v as? [Any] else { throw PipelineError.landMask(path: path, reason: "a ring is not an array") }
            return try pts.map { p in
                guard let c = p as? [Any], c.count >= 2, let x = (c[0] as? NSNumber)?.doubleValue,
                      let y = (c[1] as? NSNumber)?.doubleValue, x.isFinite, y.isFinite else {
                    throw PipelineError.landMask(path: path, reason: "a position is not [lon, lat]")
                }
                return SIMD2(x, y)
            }
        }
        func geometry(_ g: [String: Any]) throws {
            switch g["type"] as? String {
            case "Polygon":
                guard let rings = g["coordinates"] as? [Any] else { throw PipelineError.landMask(path: path, reason: "Polygon without coordinates") }
                polys.append(try rings.map(ring))
            case "MultiPolygon":
                guard let ps = g["coordinates"] as? [Any] else { throw PipelineError.landMask(path: path, reason: "MultiPolygon without coordinates") }
                for p in ps {
                    guard let rings = p as? [Any] else { throw PipelineError.landMask(path: path, reason: "bad MultiPolygon") }
                    polys.append(try rings.map(ring))
                }
            case "GeometryCollection":
                for sub in g["geometries"] as? [[String: Any]] ?? [] { try geometry(sub) }
            case "Feature":
                if let sub = g["geometry"] as? [String: Any] { try geometry(sub) }
            case "FeatureCollection":
                for f in g["features"] as? [[String: Any]] ?? [] { try geometry(f) }
            case let t?:
                if !["Point", "MultiPoint", "LineString", "MultiLineString"].contains(t) {
                    throw PipelineError.landMask(path: path, reason: "unknown GeoJSON type \(t)")
                }
            case nil:
                throw PipelineError.landMask(path: path, reason: "not a GeoJSON object")
            }
        }
        guard let root = json as? [String: Any] else { throw PipelineError.landMask(path: path, reason: "not a GeoJSON object") }
        try geometry(root)
        return LandMask(polygons: polys, path: path)
    }

    /// The polygons in pixel coordinates of `georeference`'s grid, shifted so that
    /// `(originCol, originRow)` becomes (0, 0).
    func prepared(for georeference: GeoReference, originCol: Int, originRow: Int) throws -> PreparedLandMask {
        if let raster {
            return PreparedLandMask(polygons: [],
                                    raster: try raster.prepared(for: georeference, originCol: originCol, originRow: originRow))
        }
        let t = try georeference.transformer()
        var out: [[[SIMD2<Double>]]] = []
        for poly in polygons {
            var rings: [[SIMD2<Double>]] = []
            for r in poly {
                rings.append(try r.map { p in
                    let q = try georeference.pixel(lon: p.x, lat: p.y, using: t)
                    guard q.col.isFinite, q.row.isFinite else {
                        throw PipelineError.landMask(path: path, reason: "a point (\(p.x), \(p.y)) lies outside the capture's projection")
                    }
                    return SIMD2(q.col - Double(originCol), q.row - Double(originRow))
                })
            }
            out.append(rings)
        }
        return PreparedLandMask(polygons: out)
    }
}

/// User land in reference-grid pixel coordinates (polygons, or a mapped raster), ready to be
/// rasterized per window.
struct PreparedLandMask: Sendable {
    let polygons: [[[SIMD2<Double>]]]
    let boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)]
    let raster: PreparedRasterLand?

    init(polygons: [[[SIMD2<Double>]]], raster: PreparedRasterLand? = nil) {
        self.polygons = polygons
        self.raster = raster
        boxes = polygons.map { p in
            let pts = p.flatMap { $0 }
            return (pts.map(\.x).min() ?? 0, pts.map(\.y).min() ?? 0, pts.map(\.x).max() ?? 0, pts.map(\.y).max() ?? 0)
        }
    }

    /// Sets `mask` to 1 where the centre of a pixel of `window` lies in land (leaves other pixels).
    func fill(window: Window, into mask: PlaneView<UInt8>) throws {
        try raster?.fill(window: window, into: mask)
        var xs: [Double] = []
        for (pi, poly) in polygons.enumerated() {
            let b = boxes[pi]
            guard b.maxX >= Double(window.col), b.minX <= Double(window.colEnd), b.maxY >= Double(window.row),
                  b.minY <= Double(window.rowEnd) else { continue }
            let y0 = max(0, Int((b.minY - Double(window.row)).rounded(.down)) - 1)
            let y1 = min(window.height, Int((b.maxY - Double(window.row)).rounded(.up)) + 1)
            guard y0 < y1 else { continue }
            for y in y0..<y1 {
                let cy = Double(window.row + y) + 0.5
                xs.removeAll(keepingCapacity: true)
                for r in poly where r.count >= 2 {
                    var j = r.count - 1
                    for i in 0..<r.count {
                        let a = r[j], c = r[i]
                        if (a.y > cy) != (c.y > cy) {
                            xs.append(a.x + (cy - a.y) / (c.y - a.y) * (c.x - a.x))
                        }
                        j = i
                    }
                }
                guard xs.count >= 2 else { continue }
                xs.sort()
                let row = mask.row(y)
                var k = 0
                while k + 1 < xs.count {
                    // Pixels whose centre x + 0.5 lies in [xs[k], xs[k+1]).
                    let c0 = max(0, Int((xs[k] - 0.5 - Double(window.col)).rounded(.up)))
                    let c1 = min(window.width, Int((xs[k + 1] - 0.5 - Double(window.col)).rounded(.up)))
                    if c0 < c1 { for x in c0..<c1 { row[x] = 1 } }
                    k += 2
                }
            }
        }
    }
}
