import Foundation
import GeoReferencing
import RasterIO

/// Where a PNG's position on Earth comes from. A PNG carries none itself; the sources are
/// tried in this order and the first that gives a geotransform wins:
///
/// 1. a world file beside the image (``WorldFile/candidates(for:)``: `.pgw`, `.pngw`, `.wld`),
/// 2. a `<GeoTransform>` in GDAL's `image.png.aux.xml` (what GDAL itself falls back to),
/// 3. an XYZ tile path `…/z/x/y.png` (EPSG:3857).
///
/// The CRS: `crsOverride` when given (it overrides every file); else, with 1 or 2, the
/// `<SRS>` of the `.aux.xml`, else a `.prj` beside the image (`image.prj`, then `image.png.prj`,
/// WKT or ESRI WKT); with 3, EPSG:3857. A CRS found without any geotransform is still reported.
public struct PNGGeoreferencing: Sendable {
    public var geoTransform: GeoTransform?
    public var crs: CRS?
    /// For ``DatasetInfo/georeferencingSource``, e.g. "world file geo.pgw, CRS from geo.png.aux.xml".
    public var source: String?
    /// The sidecar files used.
    public var files: [String] = []

    public init(geoTransform: GeoTransform? = nil, crs: CRS? = nil, source: String? = nil, files: [String] = []) {
        self.geoTransform = geoTransform
        self.crs = crs
        self.source = source
        self.files = files
    }

    /// Resolves the georeferencing of the `width` × `height` image at `imagePath`.
    /// Throws when a sidecar exists but cannot be used (bad numbers, a CRS PROJ rejects):
    /// a half-read georeferencing would put every result in the wrong place.
    public static func resolve(imagePath: String, width: Int, height: Int, crsOverride: CRS?) throws -> PNGGeoreferencing {
        let fm = FileManager.default
        func exists(_ p: String) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: p, isDirectory: &isDir) && !isDir.boolValue
        }
        func base(_ p: String) -> String { (p as NSString).lastPathComponent }

        var result = PNGGeoreferencing()
        var gtSource: String?

        let auxPath = AuxXML.path(for: imagePath)
        let aux: AuxXML? = exists(auxPath) ? try AuxXML.read(path: auxPath) : nil

        if let wf = WorldFile.candidates(for: imagePath).first(where: exists) {
            result.geoTransform = try WorldFile.read(path: wf).geoTransform
            result.files.append(wf)
            gtSource = "world file \(base(wf))"
        } else if let gt = aux?.geoTransform {
            result.geoTransform = gt
            result.files.append(auxPath)
            gtSource = "GeoTransform in \(base(auxPath))"
        }

        if let crsOverride {
            result.crs = crsOverride
            if let gtSource { result.source = "\(gtSource), CRS from the command line" }
        } else {
            var crsSource: String?
            if let srs = aux?.srs {
                result.crs = try parseCRS(srs, file: auxPath)
                crsSource = base(auxPath)
                if !result.files.contains(auxPath) { result.files.append(auxPath) }
            } else {
                let (stem, _) = WorldFile.splitExtension(imagePath)
                if let prj = [stem + ".prj", imagePath + ".prj"].first(where: exists) {
                    guard let data = fm.contents(atPath: prj), data.count < 1 << 20 else {
                        throw RasterIOError.georeferencing(path: prj, reason: "cannot read the .prj")
                    }
                    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    result.crs = try parseCRS(text, file: prj)
                    crsSource = base(prj)
                    result.files.append(prj)
                }
            }
            if let gtSource {
                result.source = crsSource.map { "\(gtSource), CRS from \($0)" } ?? "\(gtSource), no CRS"
            }
        }

        if result.geoTransform == nil, width > 0, width == height, let tile = XYZTile(path: imagePath) {
            result.geoTransform = tile.geoTransform(width: width, height: height)
            if crsOverride == nil { result.crs = try CRS(epsg: 3857) }
            result.source = "XYZ tile path \(tile.description)" + (crsOverride == nil ? "" : ", CRS from the command line")
        }
        return result
    }

    private static func parseCRS(_ text: String, file: String) throws -> CRS {
        do { return try CRS(definition: text) } catch {
            throw RasterIOError.georeferencing(path: file, reason: "PROJ cannot read the CRS \"\(text.prefix(60))\"")
        }
    }
}
