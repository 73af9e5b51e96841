import CPROJ
import Foundation

/// Transforms coordinates from one CRS to another with PROJ, in the "visualization"
/// axis order: longitude/easting first, latitude/northing second, whatever the CRS's
/// own axis order (EPSG:4326 is latitude first; this class always takes and gives
/// longitude, latitude).
///
/// Owns its own `PJ_CONTEXT` and `PJ`, so it is **not** `Sendable`: use one per thread
/// (``cached(from:to:)`` keeps one per thread for you). The corresponding C functions are
/// `proj_create_crs_to_crs`, `proj_normalize_for_visualization`, `proj_trans`,
/// `proj_trans_generic`.
public final class CoordinateTransformer {
    public let source: CRS
    public let target: CRS
    private let context: ProjContext
    private let pj: OpaquePointer

    /// A transformer from `source` to `target` (default: WGS 84 longitude, latitude in degrees).
    public init(from source: CRS, to target: CRS = .wgs84) throws {
        self.source = source
        self.target = target
        let context = ProjContext()
        self.context = context
        guard let raw = proj_create_crs_to_crs(context.ctx, source.definition, target.definition, nil) else {
            throw GeoError.transformFailed(
                reason: "no operation from \(source) to \(target): \(context.takeReason("PROJ found none"))")
        }
        defer { proj_destroy(raw) }
        guard let normalized = proj_normalize_for_visualization(context.ctx, raw) else {
            throw GeoError.transformFailed(reason: "cannot normalize axis order: \(context.takeReason("unknown"))")
        }
        self.pj = normalized
    }

    deinit { proj_destroy(pj) }

    /// `(x, y)` in `source` → `(x, y)` in `target` (for a geographic target: longitude,
    /// latitude in degrees).
    public func forward(x: Double, y: Double) throws -> (x: Double, y: Double) {
        try trans(PJ_FWD, x, y)
    }

    /// `(x, y)` in `target` (longitude, latitude for a geographic target) → `(x, y)` in `source`.
    public func inverse(x: Double, y: Double) throws -> (x: Double, y: Double) {
        try trans(PJ_INV, x, y)
    }

    /// Map coordinates → longitude, latitude (degrees), when `target` is geographic.
    public func lonLat(x: Double, y: Double) throws -> (lon: Double, lat: Double) {
        let r = try forward(x: x, y: y)
        return (r.x, r.y)
    }

    /// Longitude, latitude (degrees) → map coordinates, when `target` is geographic.
    public func map(lon: Double, lat: Double) throws -> (x: Double, y: Double) {
        try inverse(x: lon, y: lat)
    }

    /// Transforms `xs[i], ys[i]` in place, `source` → `target` (or back with `inverse`).
    /// Points PROJ cannot transform become `.infinity`; returns how many did.
    @discardableResult
    public func transform(xs: inout [Double], ys: inout [Double], inverse: Bool = false) -> Int {
        precondition(xs.count == ys.count, "xs and ys differ in length")
        let n = xs.count
        guard n > 0 else { return 0 }
        proj_errno_reset(pj)
        let stride = MemoryLayout<Double>.stride
        let done = xs.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeMutableBufferPointer { yb in
                proj_trans_generic(pj, inverse ? PJ_INV : PJ_FWD,
                                   xb.baseAddress, stride, n, yb.baseAddress, stride, n,
                                   nil, 0, 0, nil, 0, 0)
            }
        }
        _ = context.takeReason("")
        var ok = 0
        for i in 0..<n {
            if xs[i].isFinite && ys[i].isFinite && abs(xs[i]) < 1e300 && abs(ys[i]) < 1e300 { ok += 1 } else {
                xs[i] = .infinity
                ys[i] = .infinity
            }
        }
        _ = done
        return ok
    }

    private func trans(_ direction: PJ_DIRECTION, _ x: Double, _ y: Double) throws -> (x: Double, y: Double) {
        guard x.isFinite, y.isFinite else {
            throw GeoError.transformFailed(reason: "non-finite input (\(x), \(y))")
        }
        proj_errno_reset(pj)
        let r = proj_trans(pj, direction, proj_coord(x, y, 0, 0))
        let out = (x: r.xy.x, y: r.xy.y)
        guard out.x.isFinite, out.y.isFinite, abs(out.x) < 1e300, abs(out.y) < 1e300 else {
            throw GeoError.transformFailed(
                reason: "(\(x), \(y)) from \(direction == PJ_FWD ? source : target): \(context.takeReason("outside the projection's domain"))")
        }
        return out
    }

    /// A transformer for the calling thread, created on first use and kept in the
    /// thread's dictionary (creating one costs milliseconds: PROJ reads its database).
    /// Valid only on the calling thread; do not keep it across an `await`.
    public static func cached(from source: CRS, to target: CRS = .wgs84) throws -> CoordinateTransformer {
        let key = "alongside.CoordinateTransformer\u{1}\(source.definition)\u{1}\(target.definition)"
        let dict = Thread.current.threadDictionary
        if let t = dict[key] as? CoordinateTransformer { return t }
        let t = try CoordinateTransformer(from: source, to: target)
        if dict.count > 64 { dict.removeAllObjects() }
        dict[key] = t
        return t
    }
}
