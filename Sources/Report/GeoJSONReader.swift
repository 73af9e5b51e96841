import Foundation

/// Reads Alongside's GeoJSON back (detect output, truth files, `.geojsons` sequences).
///
/// Features are sorted by `properties.kind`: `sts_candidate` → events, `vessel` → vessels,
/// other kinds are skipped. A feature without `kind` is read as an event (hand-made truth
/// files, e.g. points drawn in QGIS). Lenient where a truth file may omit things: missing
/// `lon`/`lat` come from the geometry, a missing `capture` is `after`, missing numbers
/// are 0 (`score` 1) and missing optional values `nil`. Strict on types: a property that is
/// present must have its contract type (or `null`), else the error names file, feature
/// and property.
public enum GeoJSONReader {
    /// Reads `path` (a FeatureCollection, a single Feature, or an RFC 8142 sequence).
    public static func read(path: String) throws(ReportError) -> FeatureCollectionDocument {
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path: path) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try decode(Array(data), name: path)
    }

    /// Parses bytes; `name` is used in error messages.
    public static func decode(_ bytes: [UInt8], name: String) throws(ReportError) -> FeatureCollectionDocument {
        var start = 0
        while start < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[start]) { start += 1 }
        if start < bytes.count, bytes[start] == GeoJSONSeqWriter.recordSeparator {
            return try decodeSequence(bytes, name: name)
        }
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch {
            throw .invalidJSON(path: name, line: error.line, column: error.column, reason: error.reason)
        }
        var doc = FeatureCollectionDocument()
        switch root["type"]?.stringValue {
        case "FeatureCollection":
            guard let features = root["features"]?.arrayValue else {
                throw .notFeatureCollection(path: name, found: "no \"features\" array")
            }
            for (i, f) in features.enumerated() { try add(f, index: i, to: &doc, name: name) }
            if let run = root["alongside"], !run.isNull { doc.run = try runInfo(run, name: name) }
        case "Feature":
            try add(root, index: 0, to: &doc, name: name)
        case let t:
            throw .notFeatureCollection(path: name, found: t.map { "type \"\($0)\"" } ?? "a JSON \(root.typeName) without \"type\"")
        }
        return doc
    }

    static func decodeSequence(_ bytes: [UInt8], name: String) throws(ReportError) -> FeatureCollectionDocument {
        var doc = FeatureCollectionDocument()
        var records: [(Int, ArraySlice<UInt8>)] = []
        var line = 1, recordStart = -1, recordLine = 1
        for (k, b) in bytes.enumerated() {
            if b == GeoJSONSeqWriter.recordSeparator {
                if recordStart >= 0 { records.append((recordLine, bytes[recordStart..<k])) }
                recordStart = k + 1
                recordLine = line
            } else if b == 0x0A {
                line += 1
            }
        }
        if recordStart >= 0 { records.append((recordLine, bytes[recordStart..<bytes.count])) }
        var index = 0
        for (recLine, rec) in records {
            // RFC 8142: a record that does not parse (e.g. truncated) is an error here, not skipped.
            let v: JSONValue
            do { v = try JSONParser.parse(Array(rec)) } catch {
                throw .invalidJSON(path: name, line: recLine + error.line - 1, column: error.column, reason: error.reason)
            }
            if v["type"]?.stringValue == "FeatureCollection" {
                for f in v["features"]?.arrayValue ?? [] {
                    try add(f, index: index, to: &doc, name: name)
                    index += 1
                }
            } else {
                try add(v, index: index, to: &doc, name: name)
                index += 1
            }
        }
        return doc
    }

    /// Every feature with a string `label` property in `path` (a FeatureCollection), for
    /// ``Evaluation/explain(points:labels:toleranceM:)``. Features without a label are skipped.
    public static func readLabels(path: String) throws(ReportError) -> [LabelledFeature] {
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path: path) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        let root: JSONValue
        do { root = try JSONParser.parse(Array(data)) } catch {
            throw .invalidJSON(path: path, line: error.line, column: error.column, reason: error.reason)
        }
        guard root["type"]?.stringValue == "FeatureCollection", let features = root["features"]?.arrayValue else {
            throw .notFeatureCollection(path: path, found: "no FeatureCollection with a \"features\" array")
        }
        var out: [LabelledFeature] = []
        for (i, f) in features.enumerated() {
            guard let label = f["properties"]?["label"]?.stringValue else { continue }
            let bad = { (r: String) in ReportError.invalidFeature(path: path, index: i, reason: r) }
            let rings = try geometryRings(f["geometry"] ?? .null, bad: bad)
            let p = Props(props: f["properties"] ?? .null, bad: bad)
            let lon = try p.degrees("lon"), lat = try p.degrees("lat")
            let given = lon.flatMap { x in lat.map { LonLat(lon: x, lat: $0) } }
            guard let c = given ?? centre(of: rings) else { throw bad("no lon/lat and no geometry") }
            out.append(LabelledFeature(label: label, centre: c, rings: rings.filter { $0.count >= 3 }))
        }
        return out
    }

    // MARK: Features

    private static func add(_ f: JSONValue, index: Int, to doc: inout FeatureCollectionDocument, name: String) throws(ReportError) {
        func bad(_ reason: String) -> ReportError { .invalidFeature(path: name, index: index, reason: reason) }
        guard f["type"]?.stringValue == "Feature" else { throw bad("not a Feature object") }
        let props = f["properties"] ?? .null
        guard props.isNull || props.objectMembers != nil else { throw bad("\"properties\" is not an object") }
        var p = Props(props: props, bad: bad)
        let kind = try p.string("kind") ?? "sts_candidate"
        let rings = try geometryRings(f["geometry"] ?? .null, bad: bad)
        let geometryCentre = centre(of: rings)
        let id: String?
        switch f["id"] {
        case .string(let s)?: id = s
        case .int(let n)?: id = String(n)
        case .number(let d)?: id = JSONPrinter.formatShortest(d)
        default: id = nil
        }
        switch kind {
        case "sts_candidate":
            guard let lon = try p.degrees("lon") ?? geometryCentre?.lon, let lat = try p.degrees("lat") ?? geometryCentre?.lat else {
                throw bad("no lon/lat and no geometry to take the centre from")
            }
            let capture = try p.capture()
            let time = try p.time("time")
            var vessels: [VesselRecord] = []
            if let arr = try p.array("vessels") {
                for (k, v) in arr.enumerated() {
                    guard v.objectMembers != nil else { throw bad("vessels[\(k)] is not an object") }
                    var vp = Props(props: v, bad: { r in bad("vessels[\(k)]: \(r)") })
                    var rec = try vessel(&vp, capture: capture, time: time, bad: bad)
                    if rings.count == arr.count { rec.footprint = rings[k] }
                    vessels.append(rec)
                }
            }
            let sources = try p.object("sources")
            let sp = Props(props: sources ?? .null, bad: { r in bad("sources: \(r)") })
            let event = STSEvent(
                id: id ?? "", score: try p.double("score") ?? 1, lon: lon, lat: lat, capture: capture, time: time,
                change: try p.change(), gapM: try p.double("gap_m") ?? 0, merged: try p.bool("merged") ?? false,
                headingDifferenceDeg: try p.double("heading_difference_deg") ?? 0, vessels: vessels,
                pixel: try p.pixel(), sources: EventSources(before: try sp.string("before"), after: try sp.string("after")))
            doc.events.append(event)
        case "vessel":
            let capture = try p.capture()
            var rec = try vessel(&p, capture: capture, time: try p.time("time"), bad: bad)
            if let ring = rings.first { rec.footprint = ring }
            rec.score = try p.double("score") ?? 1
            rec.pixel = try p.pixel()
            rec.id = id
            if !(try p.has("lon")), let c = geometryCentre { (rec.lon, rec.lat) = (c.lon, c.lat) }
            doc.vessels.append(rec)
        default:
            break
        }
    }

    private static func vessel(_ p: inout Props, capture: CaptureSide, time: Date?,
                               bad: (String) -> ReportError) throws(ReportError) -> VesselRecord {
        VesselRecord(
            lon: try p.degrees("lon") ?? 0, lat: try p.degrees("lat") ?? 0,
            lengthM: try p.double("length_m") ?? 0, widthM: try p.double("width_m") ?? 0,
            headingDeg: try p.double("heading_deg") ?? 0, areaM2: try p.double("area_m2") ?? 0,
            contrast: try p.double("contrast"), isNew: try p.bool("new"), capture: capture, time: time)
    }

    /// Exterior rings (open: closing point dropped) of a Polygon or MultiPolygon; a Point
    /// gives one one-point "ring"; null geometry none.
    private static func geometryRings(_ g: JSONValue, bad: (String) -> ReportError) throws(ReportError) -> [[LonLat]] {
        if g.isNull { return [] }
        guard let type = g["type"]?.stringValue else { throw bad("geometry has no type") }
        func point(_ v: JSONValue) throws(ReportError) -> LonLat {
            guard let a = v.arrayValue, a.count >= 2, let lon = a[0].doubleValue, let lat = a[1].doubleValue else {
                throw bad("\(type) position is not [lon, lat]")
            }
            guard (-180...180).contains(lon), (-90...90).contains(lat) else {
                throw bad("position [\(lon), \(lat)] is outside longitude −180…180 / latitude −90…90")
            }
            return LonLat(lon: lon, lat: lat)
        }
        func ring(_ v: JSONValue) throws(ReportError) -> [LonLat] {
            guard let a = v.arrayValue else { throw bad("\(type) ring is not an array") }
            var pts: [LonLat] = []
            for x in a { pts.append(try point(x)) }
            if pts.count > 1, pts.first == pts.last { pts.removeLast() }
            return pts
        }
        let coords = g["coordinates"] ?? .null
        switch type {
        case "Point":
            return [[try point(coords)]]
        case "Polygon":
            guard let rs = coords.arrayValue, let ext = rs.first else { return [] }
            return [try ring(ext)]
        case "MultiPolygon":
            guard let polys = coords.arrayValue else { throw bad("MultiPolygon coordinates are not an array") }
            var out: [[LonLat]] = []
            for poly in polys {
                guard let rs = poly.arrayValue, let ext = rs.first else { throw bad("MultiPolygon polygon has no ring") }
                out.append(try ring(ext))
            }
            return out
        default:
            return []
        }
    }

    /// Mean of the ring vertices, averaged over rings.
    private static func centre(of rings: [[LonLat]]) -> LonLat? {
        let centres = rings.filter { !$0.isEmpty }.map { r in
            LonLat(lon: r.map(\.lon).reduce(0, +) / Double(r.count), lat: r.map(\.lat).reduce(0, +) / Double(r.count))
        }
        guard !centres.isEmpty else { return nil }
        let n = Double(centres.count)
        return LonLat(lon: centres.map(\.lon).reduce(0, +) / n, lat: centres.map(\.lat).reduce(0, +) / n)
    }

    // MARK: Run info

    private static func runInfo(_ r: JSONValue, name: String) throws(ReportError) -> RunInfo {
        func bad(_ reason: String) -> ReportError {
            .notFeatureCollection(path: name, found: "\"alongside\" member: \(reason)")
        }
        guard r.objectMembers != nil else { throw bad("not an object") }
        let p = Props(props: r, bad: bad)
        var info = RunInfo(toolVersion: try p.string("version") ?? "")
        for (k, i) in (try p.array("inputs") ?? []).enumerated() {
            let ip = Props(props: i, bad: { reason in bad("inputs[\(k)]: \(reason)") })
            info.inputs.append(RunInput(
                role: try ip.string("role") ?? "", path: try ip.string("path") ?? "",
                captureTime: try ip.time("capture_time"), crs: try ip.string("crs"),
                width: try ip.int("width") ?? 0, height: try ip.int("height") ?? 0))
        }
        for m in (try p.object("parameters"))?.objectMembers ?? [] { info.parameters[m.key] = m.value }
        if let reg = try p.object("registration") {
            let rp = Props(props: reg, bad: { reason in bad("registration: \(reason)") })
            info.registration = Registration(dxPx: try rp.double("dx_px") ?? 0, dyPx: try rp.double("dy_px") ?? 0)
        }
        for m in (try p.object("counts"))?.objectMembers ?? [] {
            guard let n = m.value.intValue else { throw bad("counts.\(m.key) is not an integer") }
            info.counts[m.key] = n
        }
        return info
    }

    /// Typed access to an object's members, with errors naming the member.
    private struct Props {
        let props: JSONValue
        let bad: (String) -> ReportError

        func has(_ key: String) throws(ReportError) -> Bool { props[key].map { !$0.isNull } ?? false }

        func double(_ key: String) throws(ReportError) -> Double? {
            guard let v = props[key], !v.isNull else { return nil }
            guard let d = v.doubleValue else { throw bad("\"\(key)\" is a \(v.typeName), expected a number") }
            return d
        }

        /// `lon` (−180…180) or `lat` (−90…90) in degrees; out of range is refused like a
        /// geometry position (a value like 1e300 would poison every distance downstream).
        func degrees(_ key: String) throws(ReportError) -> Double? {
            guard let d = try double(key) else { return nil }
            let limit = key == "lat" ? 90.0 : 180.0
            guard (-limit...limit).contains(d) else {
                throw bad("\"\(key)\" \(d) is outside \(key == "lat" ? "latitude −90…90" : "longitude −180…180")")
            }
            return d
        }

        func int(_ key: String) throws(ReportError) -> Int? {
            guard let v = props[key], !v.isNull else { return nil }
            guard let d = v.intValue else { throw bad("\"\(key)\" is not an integer") }
            return d
        }

        func string(_ key: String) throws(ReportError) -> String? {
            guard let v = props[key], !v.isNull else { return nil }
            guard let s = v.stringValue else { throw bad("\"\(key)\" is a \(v.typeName), expected a string") }
            return s
        }

        func bool(_ key: String) throws(ReportError) -> Bool? {
            guard let v = props[key], !v.isNull else { return nil }
            guard let b = v.boolValue else { throw bad("\"\(key)\" is a \(v.typeName), expected true or false") }
            return b
        }

        func array(_ key: String) throws(ReportError) -> [JSONValue]? {
            guard let v = props[key], !v.isNull else { return nil }
            guard let a = v.arrayValue else { throw bad("\"\(key)\" is a \(v.typeName), expected an array") }
            return a
        }

        func object(_ key: String) throws(ReportError) -> JSONValue? {
            guard let v = props[key], !v.isNull else { return nil }
            guard v.objectMembers != nil else { throw bad("\"\(key)\" is a \(v.typeName), expected an object") }
            return v
        }

        func time(_ key: String) throws(ReportError) -> Date? {
            guard let s = try string(key) else { return nil }
            guard let d = ISOTime.parse(s) else { throw bad("\"\(key)\" is not an ISO 8601 time: \(s)") }
            return d
        }

        func capture() throws(ReportError) -> CaptureSide {
            guard let s = try string("capture") else { return .after }
            guard let c = CaptureSide(rawValue: s) else { throw bad("\"capture\" is \"\(s)\", expected after, before or single") }
            return c
        }

        func change() throws(ReportError) -> ChangeKind {
            guard let s = try string("change") else { return .unknown }
            guard let c = ChangeKind(rawValue: s) else {
                throw bad("\"change\" is \"\(s)\", expected new_pair, joined, persistent or unknown")
            }
            return c
        }

        func pixel() throws(ReportError) -> PixelPosition? {
            guard let o = try object("pixel") else { return nil }
            let pp = Props(props: o, bad: { r in bad("pixel: \(r)") })
            guard let c = try pp.double("col"), let r = try pp.double("row") else { return nil }
            return PixelPosition(col: c, row: r)
        }
    }
}
