import Foundation
import GeoReferencing
import Raster
import RasterIO
import Report

extension CaptureReport {
    /// The report as `gdalinfo -json` structures it (same key names for the facts both
    /// tools report), plus Alongside's keys: `captureTime`, `captureTimeSource`,
    /// `metresPerPixel`, `georeferencingSource`, `alongside` (kind, roles).
    public func json() -> JSONValue {
        var root: [(String, JSONValue)] = [
            ("description", .string(capture.path)),
            ("driverShortName", .string(driverShortName)),
            ("driverLongName", .string(driverLongName)),
            ("files", .array(capture.files.map { .string($0) })),
            ("size", .array([.int(capture.width), .int(capture.height)])),
        ]
        if let wkt {
            root.append(("coordinateSystem", .members([
                ("wkt", .string(wkt)),
                ("dataAxisToSRSAxisMapping", .array(dataAxisToSRSAxisMapping.map { .int($0) })),
            ])))
        }
        if let gt = geoTransform { root.append(("geoTransform", .array(gt.gdal.map { .number($0) }))) }
        root.append(("metadata", .members(metadataDomains.map { d in (d.0, .members(d.1.map { ($0.0, .string($0.1)) })) })))
        let c = cornerCoordinates
        func pt(_ p: MapPoint) -> JSONValue { .array([.number(p.x), .number(p.y)]) }
        root.append(("cornerCoordinates", .members([
            ("upperLeft", pt(c.upperLeft)), ("lowerLeft", pt(c.lowerLeft)), ("lowerRight", pt(c.lowerRight)),
            ("upperRight", pt(c.upperRight)), ("center", pt(c.center)),
        ])))
        if let ll = cornerLonLats {
            func r7(_ p: MapPoint) -> JSONValue {
                .array([.number((p.x * 1e7).rounded() / 1e7), .number((p.y * 1e7).rounded() / 1e7)])
            }
            root.append(("wgs84Extent", .members([
                ("type", .string("Polygon")),
                ("coordinates", .array([.array([r7(ll.upperLeft), r7(ll.lowerLeft), r7(ll.lowerRight), r7(ll.upperRight), r7(ll.upperLeft)])])),
            ])))
        }
        root.append(("bands", .array(capture.bands.enumerated().map { i, b in bandJSON(i, b) })))
        root.append(("stac", stacJSON()))

        // Alongside's own keys.
        root.append(("captureTime", capture.captureTime.map { .string(CaptureTime.format($0)) } ?? .null))
        root.append(("captureTimeSource", capture.captureTimeSource.map { .string($0.rawValue) } ?? .null))
        if let s = groundPixelSize {
            root.append(("metresPerPixel", .members([
                ("x", .number(s.x)), ("y", .number(s.y)), ("mean", .number((s.x * s.y).squareRoot())), ("at", .string("center")),
            ])))
        } else {
            root.append(("metresPerPixel", .null))
        }
        root.append(("georeferencingSource", georeferencingSource.map { .string($0) } ?? .null))
        if let ll = cornerLonLats {
            root.append(("centerLonLat", .array([.number(ll.center.x), .number(ll.center.y)])))
        }
        root.append(("alongside", .members([
            ("kind", .string(capture.kind.rawValue)),
            ("roles", .members(capture.bands.enumerated().compactMap { i, b in b.info.role.map { ($0, .int(i + 1)) } })),
        ])))
        return .members(root)
    }

    private func bandJSON(_ i: Int, _ b: CaptureBand) -> JSONValue {
        let info = b.info
        var o: [(String, JSONValue)] = [
            ("band", .int(i + 1)),
            ("block", .array([.int(info.blockWidth), .int(info.blockHeight)])),
            ("type", .string(Self.gdalTypeName(info.sampleType))),
        ]
        if !info.description.isEmpty { o.append(("description", .string(info.description))) }
        o.append(("colorInterpretation", .string(info.colorInterpretation.rawValue)))
        if let nd = info.noData { o.append(("noDataValue", .gdalNumber(Self.noDataForJSON(nd, info.sampleType)))) }
        if let sums = checksums { o.append(("checksum", .int(sums[i]))) }
        if let pal = info.palette {
            o.append(("colorTable", .members([
                ("palette", .string("RGB")), ("count", .int(pal.count)),
                ("entries", .array(pal.map { .array([.int(Int($0.r)), .int(Int($0.g)), .int(Int($0.b)), .int(Int($0.a))]) })),
            ])))
        }
        var structure: [(String, JSONValue)] = []
        if info.sampleType == .int8 { structure.append(("PIXELTYPE", .string("SIGNEDBYTE"))) }
        if info.bitsPerSample % 8 != 0 { structure.append(("NBITS", .string(String(info.bitsPerSample)))) }
        o.append(("metadata", .members(structure.isEmpty ? [] : [("IMAGE_STRUCTURE", .members(structure))])))
        if let role = info.role { o.append(("role", .string(role))) }
        if let src = b.roleSource { o.append(("roleSource", .string(src))) }
        if capture.kind != .raster { o.append(("file", .string(b.file))) }
        return .members(o)
    }

    /// A Float32 band's nodata as GDAL writes it: the shortest decimal of the nearest
    /// Float32 (3.4028235e+38, not 3.4028234663852886e+38).
    static func noDataForJSON(_ v: Double, _ type: SampleType) -> Double {
        guard type == .float32, v.isFinite, Float(v).isFinite, let d = Double("\(Float(v))") else { return v }
        return d
    }

    private func stacJSON() -> JSONValue {
        var o: [(String, JSONValue)] = [("proj:shape", .array([.int(capture.height), .int(capture.width)]))]
        if let wkt { o.append(("proj:wkt2", .string(wkt))) }
        if let crs { o.append(("proj:epsg", crs.epsg.map { .int($0) } ?? .null)) }
        if let gt = geoTransform { o.append(("proj:transform", .array(gt.gdal.map { .number($0) }))) }
        o.append(("raster:bands", .array(capture.bands.map { b in
            var r: [(String, JSONValue)] = [("data_type", .string(b.info.sampleType.rawValue))]
            if let nd = b.info.noData { r.append(("nodata", .gdalNumber(Self.noDataForJSON(nd, b.info.sampleType)))) }
            return .members(r)
        })))
        o.append(("eo:bands", .array(capture.bands.enumerated().map { i, b in
            var e: [(String, JSONValue)] = [("name", .string("b\(i + 1)"))]
            e.append(("description", .string(b.info.description.isEmpty ? b.info.colorInterpretation.rawValue : b.info.description)))
            if let role = b.info.role, BandRole.commonNames.contains(role) { e.append(("common_name", .string(role))) }
            return .members(e)
        })))
        return .members(o)
    }
}
