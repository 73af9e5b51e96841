import Foundation
import GeoReferencing
import GeoTIFF
import PNGIO
import Raster
import RasterIO
import Report

/// Writes a ``SyntheticPair`` to a folder: the two captures, `truth.geojson` and
/// `scene.geojson` (every drawn object, labelled: see ``SceneAnnotations``).
///
/// - `tif`: `before.tif`, `after.tif`, the chosen bands in the chosen order, UInt16,
///   descriptions `blue`/`green`/`red`/`nir` (read back as band roles), nodata 0, TIFF
///   DateTime = capture time (UTC).
/// - `png`: `before.png` (16-bit RGB: red, green, blue; roles from the colour
///   interpretation) when red, green and blue are all chosen, and one 16-bit gray PNG per
///   other band named with its Sentinel-2 id (`before_B08.png` for nir; roles from the file
///   name). Each PNG has a `.pgw` world file and a `.aux.xml` with the CRS. PNG has no
///   capture time: it is in `truth.geojson` (`alongside.inputs[].capture_time`).
public enum SyntheticSceneWriter {
    static let sentinel2Ids = ["blue": "B02", "green": "B03", "red": "B04", "nir": "B08"]

    /// Files for one capture, in the order written: `(file name, band names)`.
    public static func layout(prefix: String, format: SyntheticFormat, bands: [String]) -> [(String, [String])] {
        switch format {
        case .tif:
            return [("\(prefix).tif", bands)]
        case .png:
            var out: [(String, [String])] = []
            let rgb = ["red", "green", "blue"]
            var rest = bands
            if rgb.allSatisfy(bands.contains) {
                out.append(("\(prefix).png", rgb))
                rest = bands.filter { !rgb.contains($0) }
            }
            for b in rest { out.append(("\(prefix)_\(sentinel2Ids[b]!).png", [b])) }
            return out
        }
    }

    /// Writes everything into `directory` (created if missing); returns the paths written.
    @discardableResult
    public static func write(_ pair: SyntheticPair, to directory: String, format: SyntheticFormat,
                             bands: [String] = SyntheticPair.bandNames) throws -> [String] {
        try write(pair.plan, to: directory, format: format, bands: bands) { after in after ? pair.after : pair.before }
    }

    /// Renders and writes one capture at a time (peak memory: one capture's UInt16 planes).
    @discardableResult
    public static func write(_ plan: ScenePlan, to directory: String, format: SyntheticFormat,
                             bands: [String] = SyntheticPair.bandNames) throws -> [String] {
        try write(plan, to: directory, format: format, bands: bands) { after in plan.render(after: after) }
    }

    static func write(_ plan: ScenePlan, to directory: String, format: SyntheticFormat, bands: [String],
                      planes: (Bool) -> [PlaneBuffer]) throws -> [String] {
        guard !bands.isEmpty, Set(bands).count == bands.count, bands.allSatisfy(SyntheticPair.bandNames.contains) else {
            throw SynthesisError.invalidSpec(reason: "bands must be distinct names among \(SyntheticPair.bandNames.joined(separator: ", ")), got \(bands.joined(separator: ","))")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SynthesisError.writeFailed(path: directory, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        var written: [String] = []
        let gt = plan.geoReference.transform, crs = plan.geoReference.crs
        // One function call per capture, so its planes are released before the next is drawn.
        func writeCapture(prefix: String, after: Bool, time: Date) throws {
            let all = planes(after)
            for (name, names) in layout(prefix: prefix, format: format, bands: bands) {
                let path = (directory as NSString).appendingPathComponent(name)
                let selected = names.map { all[SyntheticPair.bandNames.firstIndex(of: $0)!] }
                switch format {
                case .tif:
                    try GeoTIFFWriter.write(path: path, bands: selected, geoTransform: gt, crs: crs, noData: 0,
                                            descriptions: names, dateTime: time)
                case .png:
                    try PNGWriter.write(path: path, bands: selected, geoTransform: gt, crs: crs, compressionLevel: 1)
                }
                written.append(path)
            }
        }
        try writeCapture(prefix: "before", after: false, time: plan.beforeTime)
        try writeCapture(prefix: "after", after: true, time: plan.afterTime)
        let truthPath = (directory as NSString).appendingPathComponent("truth.geojson")
        try GeoJSONWriter.write(plan.truth, to: truthPath)
        written.append(truthPath)
        let scenePath = (directory as NSString).appendingPathComponent("scene.geojson")
        try AtomicFile.write(Data((JSONPrinter.pretty(try SceneAnnotations.collection(plan)) + "\n").utf8), to: scenePath)
        written.append(scenePath)
        return written
    }
}
