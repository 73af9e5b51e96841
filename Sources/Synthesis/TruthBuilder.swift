import Foundation
import GeoReferencing
import Report

/// Turns a layout into truth in the output schema. Every measure comes from the geometry
/// drawn, mapped through the scene's georeferencing: centres and footprints via
/// pixel → lon/lat, lengths, widths and headings as WGS 84 geodesics between the hull's
/// end and side midpoints, so they are true ground metres and true-north azimuths whatever
/// the CRS.
enum TruthBuilder {
    struct Context {
        var layout: SceneLayout
        var geo: GeoReference
        var transformer: CoordinateTransformer
        var spec: SceneSpec
        var seed: UInt64
        var beforeTime: Date
        var afterTime: Date
    }

    static func vessel(_ h: SceneHull, after: Bool, _ c: Context) throws -> VesselRecord {
        let s = c.layout.scale
        let sx = after ? c.layout.shiftX : 0, sy = after ? c.layout.shiftY : 0
        let a = h.lengthM / 2, b = h.beamM / 2
        let cx = h.centreX - sx, cy = h.centreY - sy
        // centre, bow, stern, port, starboard, then the four corners (world pixels).
        let pts = [(h.centreX, h.centreY), h.point(u: a, v: 0, s), h.point(u: -a, v: 0, s), h.point(u: 0, v: b, s),
                   h.point(u: 0, v: -b, s)] + h.corners(s)
        let cols = pts.map { $0.0 - sx }, rows = pts.map { $0.1 - sy }
        let ll = try c.geo.lonLat(cols: cols, rows: rows, using: c.transformer)
        guard (ll.lons + ll.lats).allSatisfy(\.isFinite) else {
            throw SynthesisError.georeferencing(reason: "PROJ cannot map a hull at pixel (\(cx), \(cy)) to lon/lat")
        }
        let geod = Geodesic.wgs84
        let axis = geod.inverse(lon1: ll.lons[2], lat1: ll.lats[2], lon2: ll.lons[1], lat2: ll.lats[1])
        let width = geod.distance(lon1: ll.lons[4], lat1: ll.lats[4], lon2: ll.lons[3], lat2: ll.lats[3])
        var heading = (axis.azimuth1 + axis.azimuth2) / 2
        if abs(axis.azimuth1 - axis.azimuth2) > 180 { heading += 180 }
        heading = heading.truncatingRemainder(dividingBy: 180)
        if heading < 0 { heading += 180 }
        let inOther = after ? h.inBefore : h.inAfter
        let sea = c.layout.sea
        let contrast = (0..<4).map { (h.reflectance[$0] - sea[$0]) / sea[$0] }.reduce(0, +) / 4
        return VesselRecord(
            lon: ll.lons[0], lat: ll.lats[0], lengthM: axis.distance, widthM: width, headingDeg: heading,
            areaM2: axis.distance * width * (1 - h.bowTaper / 2), contrast: contrast, isNew: !inOther,
            footprint: (5..<9).map { LonLat(lon: ll.lons[$0], lat: ll.lats[$0]) },
            pixel: PixelPosition(col: cx, row: cy), score: 1, capture: after ? .after : .before,
            time: after ? c.afterTime : c.beforeTime)
    }

    /// Angle between two hull axes given as headings (0…180), degrees 0…90.
    static func axisDifference(_ a: Double, _ b: Double) -> Double {
        let d = abs(a - b).truncatingRemainder(dividingBy: 180)
        return min(d, 180 - d)
    }

    /// The event of a group seen in capture `side` (true = after).
    static func event(_ vessels: [VesselRecord], group: SceneGroup, side: Bool, change: ChangeKind, _ c: Context,
                      inputs: [String], params: [String: JSONValue]) throws -> STSEvent {
        var maxDiff = 0.0
        for i in vessels.indices {
            for j in vessels.indices where j > i {
                maxDiff = max(maxDiff, axisDifference(vessels[i].headingDeg, vessels[j].headingDeg))
            }
        }
        let gap = group.gapsM.min() ?? 0
        let n = Double(vessels.count)
        var e = STSEvent(
            score: 1, lon: vessels.map(\.lon).reduce(0, +) / n, lat: vessels.map(\.lat).reduce(0, +) / n,
            capture: side ? .after : .before, time: side ? c.afterTime : c.beforeTime, change: change,
            gapM: gap, merged: gap < c.layout.metresPerPixel, headingDifferenceDeg: maxDiff, vessels: vessels,
            pixel: PixelPosition(col: vessels.map { $0.pixel!.col }.reduce(0, +) / n,
                                 row: vessels.map { $0.pixel!.row }.reduce(0, +) / n),
            sources: EventSources(before: c.spec.beforeName, after: c.spec.afterName))
        e.id = e.stableID(inputs: inputs, parameters: params)
        return e
    }

    static func build(_ c: Context) throws -> FeatureCollectionDocument {
        var doc = FeatureCollectionDocument()
        let inputs = [c.spec.beforeName, c.spec.afterName]
        let params: [String: JSONValue] = ["seed": .string(String(c.seed))]
        var before = 0, after = 0
        for group in c.layout.groups {
            let hulls = group.hulls.map { c.layout.hulls[$0] }
            if group.kind == .platformPair && c.spec.truthIncludesPersistent {
                // Two structures side by side in both captures: what detect reports with
                // --include-persistent. Listed in the event only, never as vessels.
                let records = try hulls.map { h -> VesselRecord in
                    var v = try vessel(h, after: true, c)
                    v.isNew = false
                    return v
                }
                doc.events.append(try event(records, group: group, side: true, change: .persistent, c, inputs: inputs, params: params))
                continue
            }
            guard hulls.allSatisfy({ $0.kind == .vessel }) else { continue }
            var bySide: [Bool: [VesselRecord]] = [:]
            for side in [false, true] {
                for h in hulls where side ? h.inAfter : h.inBefore {
                    var v = try vessel(h, after: side, c)
                    v.id = v.stableID(inputs: inputs, parameters: params)
                    bySide[side, default: []].append(v)
                    doc.vessels.append(v)
                    if side { after += 1 } else { before += 1 }
                }
            }
            let eventSide: Bool, change: ChangeKind
            switch group.kind {
            case .newPair, .raft: (eventSide, change) = (true, .newPair)
            case .joinedPair: (eventSide, change) = (true, .joined)
            case .disappearedPair: (eventSide, change) = (false, .newPair)
            case .persistentPair where c.spec.truthIncludesPersistent: (eventSide, change) = (true, .persistent)
            default: continue
            }
            let vessels = bySide[eventSide] ?? []
            guard vessels.count >= 2 else { continue }
            doc.events.append(try event(vessels, group: group, side: eventSide, change: change, c, inputs: inputs, params: params))
        }
        var counts: [String: Int] = ["events": doc.events.count, "vessels_before": before, "vessels_after": after]
        for k in SceneGroup.Kind.allCases {
            let n = c.layout.groups.filter { $0.kind == k }.count
            if n > 0 { counts["groups_" + k.rawValue] = n }
        }
        counts["clouds"] = c.layout.clouds.count
        let crsText = c.geo.crs.epsg.map { "EPSG:\($0)" } ?? c.geo.crs.name
        var parameters: [String: JSONValue] = [
            "seed": .string(String(c.seed)),
            "resolution_m": .number(c.spec.resolutionM),
            "metres_per_pixel": .fixed(c.layout.metresPerPixel, decimals: 4),
            "width": .int(c.spec.width), "height": .int(c.spec.height),
            "crs": .string(crsText),
            "content": .array(c.spec.content.enabledNames.map { .string($0) }),
            "truth_includes_persistent": .bool(c.spec.truthIncludesPersistent),
        ]
        parameters["generator"] = .string("alongside synth")
        doc.run = RunInfo(
            toolVersion: SceneSynthesizer.version,
            inputs: [
                RunInput(role: "before", path: c.spec.beforeName, captureTime: c.beforeTime, crs: crsText,
                         width: c.spec.width, height: c.spec.height),
                RunInput(role: "after", path: c.spec.afterName, captureTime: c.afterTime, crs: crsText,
                         width: c.spec.width, height: c.spec.height),
            ],
            parameters: parameters,
            registration: Registration(dxPx: c.layout.shiftX, dyPx: c.layout.shiftY),
            counts: counts)
        return doc
    }
}
