import Foundation
import Report

/// Fixed documents for the writer/reader tests (hand-made values; no randomness).
enum ReportFixtures {
    static let after = ISOTime.parse("2024-05-02T10:31:12Z")!
    static let before = ISOTime.parse("2024-04-27T10:30:59.250Z")!

    /// A rectangle of `length` × `width` degrees-ish around a centre, in the given winding.
    static func rect(_ lon: Double, _ lat: Double, dLon: Double, dLat: Double, clockwise: Bool) -> [LonLat] {
        let ccw = [LonLat(lon - dLon, lat - dLat), LonLat(lon + dLon, lat - dLat), LonLat(lon + dLon, lat + dLat),
                   LonLat(lon - dLon, lat + dLat)]
        return clockwise ? ccw.reversed() : ccw
    }

    static func vessel(_ lon: Double, _ lat: Double, capture: CaptureSide = .after, clockwise: Bool = false,
                       isNew: Bool? = true) -> VesselRecord {
        VesselRecord(lon: lon, lat: lat, lengthM: 182.5, widthM: 30, headingDeg: 37.25, areaM2: 5475, contrast: 0.3125,
                     isNew: isNew, footprint: rect(lon, lat, dLon: 0.0008, dLat: 0.0003, clockwise: clockwise),
                     pixel: PixelPosition(col: 100.5, row: 200.25), score: 0.9, capture: capture,
                     time: capture == .after ? after : before)
    }

    static func sampleDocument() -> FeatureCollectionDocument {
        let inputs = ["before.tif", "after.tif"]
        let params: [String: JSONValue] = ["max_gap_m": 60.0, "min_length_m": 20.0, "all_vessels": true]
        var e1 = STSEvent(score: 0.8765, lon: 103.80025, lat: 1.2003, capture: .after, time: after, change: .newPair,
                          gapM: 3.5, merged: true, headingDifferenceDeg: 4,
                          vessels: [vessel(103.8, 1.2, clockwise: true), vessel(103.8005, 1.2006)],
                          pixel: PixelPosition(col: 512.5, row: 256.5),
                          sources: EventSources(before: "before.tif", after: "after.tif"))
        e1.id = e1.stableID(inputs: inputs, parameters: params)
        var e2 = STSEvent(score: 0.5, lon: -70.5, lat: -33.25, capture: .before, time: nil, change: .joined,
                          gapM: 0, merged: false, headingDifferenceDeg: 89.5,
                          vessels: [vessel(-70.5, -33.25, capture: .before, isNew: nil),
                                    vessel(-70.5008, -33.2503, capture: .before, isNew: false),
                                    vessel(-70.4992, -33.2497, capture: .before, isNew: nil)],
                          pixel: nil, sources: EventSources(before: "before.tif", after: nil))
        e2.id = e2.stableID(inputs: inputs, parameters: params)
        var v1 = vessel(103.9, 1.3)
        v1.contrast = nil
        v1.pixel = nil
        v1.id = v1.stableID(inputs: inputs, parameters: params)
        let v2 = vessel(103.95, 1.35, capture: .before, clockwise: true, isNew: false)
        let run = RunInfo(
            toolVersion: "0.1.0",
            inputs: [RunInput(role: "before", path: "before.tif", captureTime: before, crs: "EPSG:32648", width: 1024, height: 768),
                     RunInput(role: "after", path: "after.tif", captureTime: after, crs: "EPSG:32648", width: 1024, height: 768)],
            parameters: params, registration: Registration(dxPx: 0.25, dyPx: -1.5),
            counts: ["events": 2, "vessels_after": 3, "vessels_before": 4])
        return FeatureCollectionDocument(events: [e1, e2], vessels: [v1, v2], run: run)
    }

    /// The document as the reader gives it back: rings closed and counter-clockwise
    /// without the closing point, numbers rounded to the written decimals.
    static func temporaryDirectory() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("alongside-report-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
