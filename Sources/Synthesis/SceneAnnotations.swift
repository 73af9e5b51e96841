import Foundation
import GeoReferencing
import Report

/// `scene.geojson`: every drawn object (hulls, platforms, land objects, clouds) with a `label`
/// such as `platform_pair/platform [before+after]` or `cloud [after]`, for
/// `alongside eval --explain` and for looking at a scene in QGIS. Not truth: it lists decoys too.
/// Positions in the before grid (the after grid for objects only in the after capture).
public enum SceneAnnotations {
    public static func collection(_ pair: SyntheticPair) throws -> JSONValue { try collection(pair.plan) }

    public static func collection(_ pair: ScenePlan) throws -> JSONValue {
        let L = pair.layout
        let t = try pair.geoReference.transformer()
        func lonLat(_ pts: [(x: Double, y: Double)]) throws -> [LonLat] {
            let ll = try pair.geoReference.lonLat(cols: pts.map(\.x), rows: pts.map(\.y), using: t)
            return zip(ll.lons, ll.lats).map { LonLat(lon: $0, lat: $1) }
        }
        var features: [JSONValue] = []
        for (gi, group) in L.groups.enumerated() {
            for hi in group.hulls {
                let h = L.hulls[hi]
                let presence = [h.inBefore ? "before" : nil, h.inAfter ? "after" : nil].compactMap { $0 }.joined(separator: "+")
                let (sx, sy) = h.inBefore ? (0.0, 0.0) : (L.shiftX, L.shiftY)
                let ring = try lonLat(h.corners(L.scale).map { ($0.x - sx, $0.y - sy) })
                let c = try lonLat([(h.centreX - sx, h.centreY - sy)])[0]
                features.append(GeoJSONWriter.feature(ring: ring, centre: c, properties: [
                    JSONMember("label", .string("\(group.kind.rawValue)/\(h.kind.rawValue) [\(presence)]")),
                    JSONMember("object", .string(h.kind.rawValue)),
                    JSONMember("group", .string(group.kind.rawValue)),
                    JSONMember("group_index", .int(gi)),
                    JSONMember("in_before", .bool(h.inBefore)),
                    JSONMember("in_after", .bool(h.inAfter)),
                    JSONMember("length_m", .fixed(h.lengthM, decimals: 2)),
                    JSONMember("width_m", .fixed(h.beamM, decimals: 2)),
                    JSONMember("wake_m", .fixed(h.wakeLengthM, decimals: 1)),
                    JSONMember("lon", .fixed(c.lon, decimals: 7)),
                    JSONMember("lat", .fixed(c.lat, decimals: 7)),
                ]))
            }
        }
        for cloud in L.clouds {
            let side = cloud.inBefore ? "before" : "after"
            let (sx, sy) = cloud.inBefore ? (0.0, 0.0) : (L.shiftX, L.shiftY)
            let cx = cloud.blobs.map(\.x).reduce(0, +) / Double(cloud.blobs.count)
            let cy = cloud.blobs.map(\.y).reduce(0, +) / Double(cloud.blobs.count)
            let reach = (cloud.blobs.map { hypot($0.x - cx, $0.y - cy) + 6 * $0.sigma }.max() ?? 1)
            // Outline where the opacity falls below 0.1, marched outwards along 32 rays.
            var outline: [(x: Double, y: Double)] = []
            for k in 0..<32 {
                let a = Double(k) * 2 * .pi / 32
                var r = 0.0, last = 0.0
                while r < reach {
                    if cloud.opacity(cx + r * cos(a), cy + r * sin(a)) >= 0.1 { last = r }
                    r += max(1, reach / 200)
                }
                outline.append((cx + last * cos(a) - sx, cy + last * sin(a) - sy))
            }
            let ring = try lonLat(outline)
            let c = try lonLat([(cx - sx, cy - sy)])[0]
            features.append(GeoJSONWriter.feature(ring: ring, centre: c, properties: [
                JSONMember("label", .string("cloud [\(side)]")),
                JSONMember("object", .string("cloud")),
                JSONMember("max_opacity", .fixed(cloud.maxOpacity, decimals: 3)),
                JSONMember("in_before", .bool(cloud.inBefore)),
                JSONMember("in_after", .bool(!cloud.inBefore)),
                JSONMember("lon", .fixed(c.lon, decimals: 7)),
                JSONMember("lat", .fixed(c.lat, decimals: 7)),
            ]))
        }
        if let land = L.land {
            let outline = land.outline()
            let ring = try lonLat(outline)
            let mid = outline[outline.count / 2]
            let c = try lonLat([mid])[0]
            features.append(GeoJSONWriter.feature(ring: ring, centre: c, properties: [
                JSONMember("label", "land"), JSONMember("object", "land"),
                JSONMember("in_before", true), JSONMember("in_after", true),
                JSONMember("lon", .fixed(c.lon, decimals: 7)), JSONMember("lat", .fixed(c.lat, decimals: 7)),
            ]))
        }
        return GeoJSONWriter.collection(features: features)
    }
}
