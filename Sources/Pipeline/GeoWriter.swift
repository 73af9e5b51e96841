import Foundation
import GeoReferencing
import Report

/// Turns pixel observations into geography: lon/lat (EPSG:4326), true ground lengths on
/// the ellipsoid, headings from true north, footprints, each in its capture's own grid.
struct GeoWriter {
    let scene: SceneContext
    let beforeTime: Date?
    let afterTime: Date?

    func side(_ r: CaptureRole) -> CaptureSide {
        switch r {
        case .before: .before
        case .after: .after
        case .single: .single
        }
    }

    func time(_ r: CaptureRole) -> Date? { r == .before ? beforeTime : afterTime }

    /// The capture's georeferencing and the offset from reference pixels to its own pixels.
    func frame(_ r: CaptureRole) -> (GeoReference, Double, Double) {
        let a = scene.alignment
        if r == .before, let b = scene.before, let g = b.georeference {
            return (g, Double(a.beforeCol + scene.shift.dx), Double(a.beforeRow + scene.shift.dy))
        }
        return (scene.after.georeference!, Double(a.afterCol), Double(a.afterRow))
    }

    func record(_ v: VesselObservation, parameters p: DetectionParameters) throws -> VesselRecord {
        let (g, oc, or) = frame(v.capture)
        let b = v.box
        let cx = b.centerX + oc, cy = b.centerY + or
        let (ux, uy) = b.axis
        let vx = -uy, vy = ux
        let hl = b.length / 2, hw = b.width / 2
        var cols = [cx, cx + ux * hl, cx - ux * hl, cx + vx * hw, cx - vx * hw]
        var rows = [cy, cy + uy * hl, cy - uy * hl, cy + vy * hw, cy - vy * hw]
        for c in b.corners {
            cols.append(c.x + oc)
            rows.append(c.y + or)
        }
        let t = try g.transformer()
        let ll = try g.lonLat(cols: cols, rows: rows, using: t)
        guard (ll.lons + ll.lats).allSatisfy(\.isFinite) else {
            throw PipelineError.input("a vessel at pixel (\(cx), \(cy)) lies outside the projection's domain")
        }
        func dist(_ i: Int, _ j: Int) -> Double {
            GeoReference.groundDistance(lon1: ll.lons[i], lat1: ll.lats[i], lon2: ll.lons[j], lat2: ll.lats[j])
        }
        var heading = try g.azimuth(col: cx, row: cy, dCol: ux, dRow: uy, using: t)
        heading = heading.truncatingRemainder(dividingBy: 180)
        if heading < 0 { heading += 180 }
        if heading >= 180 { heading -= 180 }
        let footprint = (5..<9).map { LonLat(lon: ll.lons[$0], lat: ll.lats[$0]) }
        let area = Double(v.numPixels) * v.metresPerPixelX * v.metresPerPixelY
        return VesselRecord(lon: ll.lons[0], lat: ll.lats[0], lengthM: dist(1, 2), widthM: dist(3, 4),
                            headingDeg: heading, areaM2: area, contrast: v.contrast, isNew: v.isNew,
                            footprint: footprint, pixel: PixelPosition(col: cx, row: cy),
                            score: EventScore.vesselScore(v, parameters: p), capture: side(v.capture),
                            time: time(v.capture))
    }
}
