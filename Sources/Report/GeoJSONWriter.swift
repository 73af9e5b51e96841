import Foundation
import RasterIO

/// Writes a ``FeatureCollectionDocument`` as an RFC 7946 FeatureCollection, exactly as
/// OUTPUT.md describes it.
///
/// - Coordinates: EPSG:4326 `[lon, lat]`, 7 decimals. Polygons are closed, exterior rings
///   counter-clockwise (reversed when given clockwise). Events are `MultiPolygon`s (one
///   polygon per vessel footprint), vessels `Polygon`s; a feature with no usable footprint
///   gets a `Point` at its centre instead.
/// - `bbox` on every feature and on the collection (none on an empty collection), computed
///   from the written (rounded) coordinates.
/// - Properties are typed the same on every feature (reals always carry a decimal point,
///   `null` where unknown), so OGR infers Real / String / Integer(Boolean) fields.
/// - Fixed key order and layout (see ``JSONPrinter``): same document, same bytes.
public enum GeoJSONWriter {
    /// Decimals written for each kind of number.
    enum Decimals {
        static let degrees = 7, metres = 2, squareMetres = 1, angle = 2, score = 4, contrast = 4, pixel = 3
    }

    /// The document as GeoJSON text, ending with a newline.
    public static func encode(_ doc: FeatureCollectionDocument) -> String {
        JSONPrinter.pretty(collection(doc)) + "\n"
    }

    /// Writes `doc` to `path` atomically (nothing appears at `path` unless complete).
    public static func write(_ doc: FeatureCollectionDocument, to path: String) throws {
        do {
            try AtomicFile.write(Data(encode(doc).utf8), to: path)
        } catch let e as RasterIOError {
            if case .writeFailed(let p, let r) = e { throw ReportError.writeFailed(path: p, reason: r) }
            throw ReportError.writeFailed(path: path, reason: e.description)
        }
    }

    /// The FeatureCollection as a JSON tree.
    public static func collection(_ doc: FeatureCollectionDocument) -> JSONValue {
        collection(features: doc.events.map(feature) + doc.vessels.map(feature),
                   foreign: doc.run.map { [JSONMember("alongside", runValue($0))] } ?? [])
    }

    /// One `sts_candidate` feature.
    public static func feature(_ e: STSEvent) -> JSONValue {
        let rings = e.vessels.compactMap { RingGeometry.exteriorRing(rounded($0.footprint)) }
        let geometry: JSONValue
        let box: [Double]
        if rings.isEmpty {
            let c = rounded([e.centre])[0]
            geometry = .object(["type": "Point", "coordinates": position(c)])
            box = [c.lon, c.lat, c.lon, c.lat]
        } else {
            geometry = .object([
                "type": "MultiPolygon",
                "coordinates": .array(rings.map { .array([.array($0.map(position))]) }),
            ])
            box = RingGeometry.bbox(rings.flatMap { $0 })!
        }
        let props: JSONValue = .object([
            "kind": "sts_candidate",
            "score": .fixedOrNull(e.score, decimals: Decimals.score),
            "lon": .fixedOrNull(e.lon, decimals: Decimals.degrees),
            "lat": .fixedOrNull(e.lat, decimals: Decimals.degrees),
            "capture": .string(e.capture.rawValue),
            "time": e.time.map { .string(ISOTime.format($0)) } ?? .null,
            "change": .string(e.change.rawValue),
            "gap_m": .fixedOrNull(e.gapM, decimals: Decimals.metres),
            "merged": .bool(e.merged),
            "heading_difference_deg": .fixedOrNull(e.headingDifferenceDeg, decimals: Decimals.angle),
            "vessels": .array(e.vessels.map(eventVessel)),
            "pixel": pixelValue(e.pixel),
            "sources": .object([
                "before": e.sources.before.map { .string($0) } ?? .null,
                "after": e.sources.after.map { .string($0) } ?? .null,
            ]),
        ])
        return .object([
            "type": "Feature",
            "id": .string(e.id),
            "bbox": bboxValue(box),
            "geometry": geometry,
            "properties": props,
        ])
    }

    /// One `vessel` feature.
    public static func feature(_ v: VesselRecord) -> JSONValue {
        let geometry: JSONValue
        let box: [Double]
        if let ring = RingGeometry.exteriorRing(rounded(v.footprint)) {
            geometry = .object(["type": "Polygon", "coordinates": .array([.array(ring.map(position))])])
            box = RingGeometry.bbox(ring)!
        } else {
            let c = rounded([v.centre])[0]
            geometry = .object(["type": "Point", "coordinates": position(c)])
            box = [c.lon, c.lat, c.lon, c.lat]
        }
        let props: JSONValue = .object([
            "kind": "vessel",
            "score": .fixedOrNull(v.score, decimals: Decimals.score),
            "lon": .fixedOrNull(v.lon, decimals: Decimals.degrees),
            "lat": .fixedOrNull(v.lat, decimals: Decimals.degrees),
            "capture": .string(v.capture.rawValue),
            "time": v.time.map { .string(ISOTime.format($0)) } ?? .null,
            "new": v.isNew.map { .bool($0) } ?? .null,
            "length_m": .fixedOrNull(v.lengthM, decimals: Decimals.metres),
            "width_m": .fixedOrNull(v.widthM, decimals: Decimals.metres),
            "heading_deg": .fixedOrNull(v.headingDeg, decimals: Decimals.angle),
            "area_m2": .fixedOrNull(v.areaM2, decimals: Decimals.squareMetres),
            "contrast": .fixedOrNull(v.contrast, decimals: Decimals.contrast),
            "pixel": pixelValue(v.pixel),
        ])
        var members: [JSONMember] = [JSONMember("type", "Feature")]
        if let id = v.id { members.append(JSONMember("id", .string(id))) }
        members += [JSONMember("bbox", bboxValue(box)), JSONMember("geometry", geometry), JSONMember("properties", props)]
        return .object(members)
    }

    /// A feature of any kind with a polygon footprint (same conventions: rounded, closed,
    /// counter-clockwise, bbox; a `Point` at `centre` when the ring is degenerate). For
    /// side files such as synth's `scene.geojson`.
    public static func feature(ring: [LonLat], centre: LonLat, id: String? = nil, properties: [JSONMember]) -> JSONValue {
        let geometry: JSONValue
        let box: [Double]
        if let r = RingGeometry.exteriorRing(rounded(ring)) {
            geometry = .object(["type": "Polygon", "coordinates": .array([.array(r.map(position))])])
            box = RingGeometry.bbox(r)!
        } else {
            let c = rounded([centre])[0]
            geometry = .object(["type": "Point", "coordinates": position(c)])
            box = [c.lon, c.lat, c.lon, c.lat]
        }
        var members: [JSONMember] = [JSONMember("type", "Feature")]
        if let id { members.append(JSONMember("id", .string(id))) }
        members += [JSONMember("bbox", bboxValue(box)), JSONMember("geometry", geometry), JSONMember("properties", .object(properties))]
        return .object(members)
    }

    /// A FeatureCollection of ready-made features, with the collection bbox (none when empty)
    /// and optional foreign members after it.
    public static func collection(features: [JSONValue], foreign: [JSONMember] = []) -> JSONValue {
        var members: [JSONMember] = [JSONMember("type", "FeatureCollection")]
        var box: [Double]? = nil
        for f in features {
            if let b = f["bbox"]?.arrayValue?.compactMap(\.doubleValue), b.count == 4 { box = RingGeometry.union(box, b) }
        }
        if let box { members.append(JSONMember("bbox", bboxValue(box))) }
        members += foreign
        members.append(JSONMember("features", .array(features)))
        return .object(members)
    }

    /// The `"alongside"` member.
    public static func runValue(_ r: RunInfo) -> JSONValue {
        .object([
            "version": .string(r.toolVersion),
            "inputs": .array(r.inputs.map { i in
                .object([
                    "role": .string(i.role),
                    "path": .string(i.path),
                    "capture_time": i.captureTime.map { .string(ISOTime.format($0)) } ?? .null,
                    "crs": i.crs.map { .string($0) } ?? .null,
                    "width": .int(i.width),
                    "height": .int(i.height),
                ])
            }),
            "parameters": .object(r.parameters.keys.sorted().map { JSONMember($0, r.parameters[$0]!) }),
            "registration": r.registration.map {
                .object(["dx_px": .fixedOrNull($0.dxPx, decimals: 3), "dy_px": .fixedOrNull($0.dyPx, decimals: 3)])
            } ?? .null,
            "counts": .object(r.counts.keys.sorted().map { JSONMember($0, .int(r.counts[$0]!)) }),
        ])
    }

    static func eventVessel(_ v: VesselRecord) -> JSONValue {
        .object([
            "lon": .fixedOrNull(v.lon, decimals: Decimals.degrees),
            "lat": .fixedOrNull(v.lat, decimals: Decimals.degrees),
            "length_m": .fixedOrNull(v.lengthM, decimals: Decimals.metres),
            "width_m": .fixedOrNull(v.widthM, decimals: Decimals.metres),
            "heading_deg": .fixedOrNull(v.headingDeg, decimals: Decimals.angle),
            "area_m2": .fixedOrNull(v.areaM2, decimals: Decimals.squareMetres),
            "contrast": .fixedOrNull(v.contrast, decimals: Decimals.contrast),
            "new": v.isNew.map { .bool($0) } ?? .null,
        ])
    }

    static func pixelValue(_ p: PixelPosition?) -> JSONValue {
        guard let p else { return .null }
        return .object([
            "col": .fixedOrNull(p.col, decimals: Decimals.pixel), "row": .fixedOrNull(p.row, decimals: Decimals.pixel),
        ])
    }

    static func position(_ p: LonLat) -> JSONValue {
        .array([.fixed(p.lon, decimals: Decimals.degrees), .fixed(p.lat, decimals: Decimals.degrees)])
    }

    static func bboxValue(_ b: [Double]) -> JSONValue {
        .array(b.map { .fixed($0, decimals: Decimals.degrees) })
    }

    /// Points rounded to the written precision, so winding, closure and bbox are decided on
    /// exactly the numbers a reader sees.
    static func rounded(_ pts: [LonLat]) -> [LonLat] {
        pts.map { LonLat(lon: roundDegrees($0.lon), lat: roundDegrees($0.lat)) }
    }

    static func roundDegrees(_ d: Double) -> Double {
        guard d.isFinite else { return d }
        return Double(JSONPrinter.formatFixed(d, decimals: Decimals.degrees)) ?? d
    }
}
