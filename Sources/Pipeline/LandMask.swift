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

    /// The most vertices a GeoJSON mask may have (all rings together): rasterizing costs
    /// about vertices × rows, so a bigger mask is refused rather than run for hours.
    public static let maxVertices = 2_000_000

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
        // Report's parser: nesting limited (no stack overflow on `[[[[…`), positions of errors,
        // NaN/Infinity and out-of-range numbers refused.
        let root: JSONValue
        do { root = try JSONParser.parse(Array(data)) } catch {
            throw PipelineError.landMask(path: path, reason: "invalid JSON at line \(error.line), column \(error.column): \(error.reason)")
        }
        func fail(_ reason: String) -> PipelineError { .landMask(path: path, reason: reason) }
        var polys: [[[SIMD2<Double>]]] = []
        var vertices = 0
        func ring(_ v: JSONValue) throws -> [SIMD2<Double>] {
            guard let pts = v.arrayValue else { throw fail("a ring is not an array of positions") }
            var out: [SIMD2<Double>] = []
            out.reserveCapacity(pts.count)
            for p in pts {
                guard let c = p.arrayValue, c.count >= 2, let x = c[0].doubleValue, let y = c[1].doubleValue else {
                    throw fail("a position is not [lon, lat]")
                }
                guard (-180...180).contains(x), (-90...90).contains(y) else {
                    throw fail("position [\(x), \(y)] is outside longitude −180…180 / latitude −90…90 (GeoJSON is EPSG:4326 degrees)")
                }
                out.append(SIMD2(x, y))
            }
            vertices += out.count
            guard vertices <= Self.maxVertices else {
                throw fail("more than \(Self.maxVertices) vertices; simplify it (e.g. ogr2ogr -simplify)")
            }
            return out
        }
        func rings(_ v: JSONValue?, _ type: String) throws -> [[SIMD2<Double>]] {
            guard let rs = v?.arrayValue else { throw fail("\(type) coordinates are not an array of rings") }
            return try rs.map(ring)
        }
        func geometry(_ g: JSONValue, depth: Int) throws {
            guard g.objectMembers != nil else { throw fail("a geometry or feature is a \(g.typeName), not an object") }
            switch g["type"]?.stringValue {
            case "Polygon":
                polys.append(try rings(g["coordinates"], "Polygon"))
            case "MultiPolygon":
                guard let ps = g["coordinates"]?.arrayValue else { throw fail("MultiPolygon coordinates are not an array of polygons") }
                for p in ps { polys.append(try rings(p, "MultiPolygon polygon")) }
            case "GeometryCollection":
                guard depth < 8 else { throw fail("GeometryCollections nested more than 8 deep") }
                for sub in try list(g["geometries"], "geometries") { try geometry(sub, depth: depth + 1) }
            case "Feature":
                if let sub = g["geometry"], !sub.isNull { try geometry(sub, depth: depth + 1) }
            case "FeatureCollection":
                guard depth == 0 else { throw fail("a FeatureCollection inside another object") }
                for f in try list(g["features"], "features") { try geometry(f, depth: depth + 1) }
            case let t?:
                if !["Point", "MultiPoint", "LineString", "MultiLineString"].contains(t) {
                    throw fail("unknown GeoJSON type \(t)")
                }
            case nil:
                throw fail("not a GeoJSON object (no \"type\" string)")
            }
        }
        func list(_ v: JSONValue?, _ name: String) throws -> [JSONValue] {
            guard let v, !v.isNull else { return [] }
            guard let a = v.arrayValue else { throw fail("\"\(name)\" is a \(v.typeName), not an array") }
            return a
        }
        try geometry(root, depth: 0)
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
    /// A non-horizontal ring edge from `a` to `c` (ring order), with its lower and upper y.
    struct Edge: Sendable {
        var a: SIMD2<Double>, c: SIMD2<Double>
        var lo: Double, hi: Double
    }

    let polygons: [[[SIMD2<Double>]]]
    /// Per polygon, its non-horizontal edges sorted by `lo`, so a window visits only the edges
    /// that reach its rows (a 10⁶-vertex coastline is not scanned once per pixel row).
    let edges: [[Edge]]
    let boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)]
    let raster: PreparedRasterLand?

    init(polygons: [[[SIMD2<Double>]]], raster: PreparedRasterLand? = nil) {
        self.polygons = polygons
        self.raster = raster
        boxes = polygons.map { p in
            let pts = p.flatMap { $0 }
            return (pts.map(\.x).min() ?? 0, pts.map(\.y).min() ?? 0, pts.map(\.x).max() ?? 0, pts.map(\.y).max() ?? 0)
        }
        edges = polygons.map { poly in
            var out: [Edge] = []
            for r in poly where r.count >= 2 {
                var j = r.count - 1
                for i in 0..<r.count {
                    let a = r[j], c = r[i]
                    if a.y != c.y { out.append(Edge(a: a, c: c, lo: min(a.y, c.y), hi: max(a.y, c.y))) }
                    j = i
                }
            }
            out.sort { $0.lo < $1.lo }
            return out
        }
    }

    /// `v` as an Int after clamping to `lo…hi` (pixel coordinates of a far-away vertex may not fit an Int).
    private static func clampedInt(_ v: Double, _ lo: Int, _ hi: Int) -> Int {
        guard v > Double(lo) else { return lo }
        guard v < Double(hi) else { return hi }
        return Int(v)
    }

    /// Sets `mask` to 1 where the centre of a pixel of `window` lies in land (leaves other pixels).
    /// Rings are filled even-odd: a pixel row's crossings with all of a polygon's edges,
    /// sorted, bound the land spans.
    func fill(window: Window, into mask: PlaneView<UInt8>) throws {
        try raster?.fill(window: window, into: mask)
        guard window.height > 0, window.width > 0 else { return }
        var xs = [[Double]](repeating: [], count: window.height)
        let top = Double(window.row)
        for (pi, polyEdges) in edges.enumerated() {
            let b = boxes[pi]
            guard b.maxX >= Double(window.col), b.minX <= Double(window.colEnd), b.maxY >= Double(window.row),
                  b.minY <= Double(window.rowEnd) else { continue }
            var yMin = window.height, yMax = -1
            for e in polyEdges {
                if e.lo > top + Double(window.height) { break }
                if e.hi <= top { continue }
                // Rows whose centre cy satisfies lo ≤ cy < hi, found exactly by the predicate
                // below over a range one row wider on each side.
                let y0 = Self.clampedInt((e.lo - top - 0.5).rounded(.up) - 1, 0, window.height)
                let y1 = Self.clampedInt((e.hi - top - 0.5).rounded(.up) + 1, 0, window.height)
                guard y0 < y1 else { continue }
                for y in y0..<y1 {
                    let cy = top + Double(y) + 0.5
                    if (e.a.y > cy) != (e.c.y > cy) {
                        xs[y].append(e.a.x + (cy - e.a.y) / (e.c.y - e.a.y) * (e.c.x - e.a.x))
                        yMin = min(yMin, y)
                        yMax = max(yMax, y)
                    }
                }
            }
            guard yMin <= yMax else { continue }
            for y in yMin...yMax {
                defer { xs[y].removeAll(keepingCapacity: true) }
                guard xs[y].count >= 2 else { continue }
                xs[y].sort()
                let row = mask.row(y)
                var k = 0
                while k + 1 < xs[y].count {
                    // Pixels whose centre x + 0.5 lies in [xs[k], xs[k+1]).
                    let c0 = Self.clampedInt((xs[y][k] - 0.5 - Double(window.col)).rounded(.up), 0, window.width)
                    let c1 = Self.clampedInt((xs[y][k + 1] - 0.5 - Double(window.col)).rounded(.up), 0, window.width)
                    if c0 < c1 { for x in c0..<c1 { row[x] = 1 } }
                    k += 2
                }
            }
        }
    }
}
