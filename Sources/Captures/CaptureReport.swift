import Foundation
import GeoReferencing
import Raster
import RasterIO

/// What `alongside info` reports about a capture: the facts `gdalinfo` shows (with its
/// JSON key names) plus Alongside's own (capture time, ground metres per pixel, where the
/// georeferencing came from, band roles). Built once; rendered as text or JSON.
public struct CaptureReport: Sendable {
    public let capture: Capture
    /// GDAL checksums per band, when asked for.
    public let checksums: [Int]?
    /// Longitude, latitude (WGS 84) of the corners and centre, when georeferenced and PROJ
    /// can transform them.
    public let cornerLonLats: CornerCoordinates<MapPoint>?
    /// True ground size of one pixel at the grid's centre, metres (x: one column step,
    /// y: one row step).
    public let groundPixelSize: MapPoint?
    /// The CRS as WKT2:2019 (what `gdalinfo` prints).
    public let wkt: String?

    /// Gathers the report; with `checksum` reads every band once (by strips).
    public static func make(_ capture: Capture, checksum: Bool) throws -> CaptureReport {
        let sums = checksum ? try capture.bands.indices.map { try capture.gdalChecksum(band: $0) } : nil
        var corners: CornerCoordinates<MapPoint>? = nil
        var size: MapPoint? = nil
        if let g = capture.geoReference {
            corners = try? g.cornerLonLats(width: capture.width, height: capture.height)
            if let s = try? g.groundPixelSize(col: Double(capture.width) / 2, row: Double(capture.height) / 2) {
                size = MapPoint(x: s.x, y: s.y)
            }
        }
        return CaptureReport(capture: capture, checksums: sums, cornerLonLats: corners, groundPixelSize: size,
                             wkt: capture.geoReference?.crs.wkt(.wkt2_2019) ?? capture.datasets.first?.info.crs?.wkt(.wkt2_2019))
    }

    // MARK: shared facts

    /// `gdalinfo`'s driver short name: the file's driver for one raster, `"STAC"` for an
    /// item, `"Bands"` for several files.
    public var driverShortName: String {
        switch capture.kind {
        case .raster: capture.datasets.first?.info.driver ?? "unknown"
        case .stacItem: "STAC"
        case .bandFiles: "Bands"
        }
    }

    public var driverLongName: String {
        switch driverShortName {
        case "GTiff": "GeoTIFF"
        case "PNG": "Portable Network Graphics"
        case "STAC": "STAC Item"
        case "Bands": "Band files on one grid"
        default: driverShortName
        }
    }

    /// GDAL's `dataAxisToSRSAxisMapping` under its traditional GIS order: `[2, 1]` when the
    /// CRS's first axis is northing or latitude, else `[1, 2]`.
    public var dataAxisToSRSAxisMapping: [Int] {
        let first = capture.geoReference?.crs.axes.first?.direction ?? "east"
        return first == "north" || first == "south" ? [2, 1] : [1, 2]
    }

    /// Corners and centre in map coordinates, or in pixels without a geotransform (as gdalinfo).
    public var cornerCoordinates: CornerCoordinates<MapPoint> {
        let gt = capture.geoReference?.transform ?? capture.datasets.first?.info.geoTransform ?? .identity
        let w = Double(capture.width), h = Double(capture.height)
        func p(_ c: Double, _ r: Double) -> MapPoint { let m = gt.apply(col: c, row: r); return MapPoint(x: m.x, y: m.y) }
        return CornerCoordinates(upperLeft: p(0, 0), lowerLeft: p(0, h), lowerRight: p(w, h), upperRight: p(w, 0),
                                 center: p(w / 2, h / 2))
    }

    /// The geotransform the capture's grid has (also without a CRS).
    public var geoTransform: GeoTransform? { capture.geoReference?.transform ?? capture.datasets.first?.info.geoTransform }

    public var crs: CRS? { capture.geoReference?.crs ?? capture.datasets.first?.info.crs }

    /// Where the geotransform and CRS came from, also when only one of them is known.
    public var georeferencingSource: String? {
        capture.georeferencingSource ?? capture.datasets.first?.info.georeferencingSource
    }

    /// The type name `gdalinfo` (GDAL 3.6) prints: signed bytes are `Byte` with
    /// `PIXELTYPE=SIGNEDBYTE`.
    static func gdalTypeName(_ t: SampleType) -> String { t == .int8 ? "Byte" : t.gdalName }

    /// Metadata domains as gdalinfo groups them: the dataset's items under `""`, and
    /// `IMAGE_STRUCTURE` (compression, interleave).
    public var metadataDomains: [(String, [(String, String)])] {
        guard let info = capture.datasets.first?.info else { return [] }
        var out: [(String, [(String, String)])] = []
        let general = info.metadata.filter { !Self.imageStructureKeys.contains($0.key) }.sorted { $0.key < $1.key }
        if !general.isEmpty { out.append(("", general.map { ($0.key, $0.value) })) }
        var structure: [(String, String)] = []
        if let c = info.compression { structure.append(("COMPRESSION", c)) }
        if let i = info.interleave { structure.append(("INTERLEAVE", i)) }
        for (k, v) in info.metadata where Self.imageStructureKeys.contains(k) { structure.append((k, v)) }
        if !structure.isEmpty { out.append(("IMAGE_STRUCTURE", structure.sorted { $0.0 < $1.0 })) }
        return out
    }

    static let imageStructureKeys: Set<String> = ["NBITS", "PIXELTYPE", "INTERLACING", "COMPRESSION", "INTERLEAVE", "PREDICTOR"]
}
