import Foundation
import Testing
import TestSupport

/// `--land-mask` given as GeoJSON polygons and as the same polygons burnt into a raster by
/// GDAL (`ogr2ogr` to the captures' CRS, then `gdal_rasterize` on the capture grid) must
/// give the same candidates, and both must drop the candidate the land covers; so must the
/// polygons burnt into an EPSG:4326 raster (another CRS than the captures').
@Suite struct LandMaskCrossCheckTests {
    @Test func rasterizedPolygonMaskAgreesWithThePolygons() throws {
        guard ToolRun.available("gdal_rasterize"), ToolRun.available("ogr2ogr"), ToolRun.available("gdalinfo") else {
            Issue.record("GDAL tools (gdal-bin) are missing: run `make deps`")
            return
        }
        let sample = "samples/utm-tif"
        let root = DetectSamplesTests.root
        let dir = NSTemporaryDirectory() + "alongside-landmask-\(getpid())/"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        // Land: a box of ±0.004° around the golden's first candidate.
        let golden = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "\(root)/\(sample)/expected.geojson"))) as! [String: Any]
        let features = golden["features"] as! [[String: Any]]
        let first = features[0]["properties"] as! [String: Any]
        let lon = (first["lon"] as! NSNumber).doubleValue, lat = (first["lat"] as! NSNumber).doubleValue
        let d = 0.004
        let ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]
        let land: [String: Any] = ["type": "FeatureCollection", "features": [[
            "type": "Feature", "properties": [String: Any](), "geometry": ["type": "Polygon", "coordinates": [ring]]]]]
        try JSONSerialization.data(withJSONObject: land).write(to: URL(fileURLWithPath: dir + "land.geojson"))

        // The capture grid, from GDAL.
        let info = try ToolRun.run("gdalinfo", ["-json", "\(root)/\(sample)/after.tif"])
        #expect(info.status == 0, "\(info.stderr)")
        let j = try JSONSerialization.jsonObject(with: info.stdout) as! [String: Any]
        let gt = (j["geoTransform"] as! [NSNumber]).map(\.doubleValue)
        let size = (j["size"] as! [NSNumber]).map(\.intValue)
        let crs = j["coordinateSystem"] as! [String: Any]
        let wkt = dir + "crs.wkt"
        try (crs["wkt"] as! String).write(toFile: wkt, atomically: true, encoding: .utf8)
        let reproject = try ToolRun.run("ogr2ogr", ["-t_srs", wkt, dir + "land-utm.geojson", dir + "land.geojson"])
        #expect(reproject.status == 0, "\(reproject.stderr)")
        let (xmin, ymax) = (gt[0], gt[3])
        let (xmax, ymin) = (gt[0] + Double(size[0]) * gt[1], gt[3] + Double(size[1]) * gt[5])
        let burn = try ToolRun.run("gdal_rasterize", [
            "-q", "-burn", "1", "-ot", "Byte", "-a_srs", wkt, "-te", "\(xmin)", "\(ymin)", "\(xmax)", "\(ymax)",
            "-tr", "\(gt[1])", "\(-gt[5])", dir + "land-utm.geojson", dir + "mask.tif"])
        #expect(burn.status == 0, "\(burn.stderr)")
        // The same box burnt in EPSG:4326 at ≈ 2 m (another CRS and grid: sampled through PROJ).
        let burnLonLat = try ToolRun.run("gdal_rasterize", [
            "-q", "-burn", "1", "-ot", "Byte", "-a_srs", "EPSG:4326", "-te", "\(lon - 2 * d)", "\(lat - 2 * d)", "\(lon + 2 * d)",
            "\(lat + 2 * d)", "-tr", "0.00002", "0.00002", dir + "land.geojson", dir + "mask-4326.tif"])
        #expect(burnLonLat.status == 0, "\(burnLonLat.stderr)")

        func detect(_ mask: String?) throws -> [[String: Any]] {
            let out = dir + "out-\(mask.map { ($0 as NSString).lastPathComponent } ?? "none").geojson"
            let r = try DetectSamplesTests.run(["detect", "\(sample)/before.tif", "\(sample)/after.tif", "-o", out]
                                               + (mask.map { ["--land-mask", $0] } ?? []))
            #expect(r.status == 0, "\(r.stderr)")
            let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
            // Ids hash the inputs (the mask's path too): compare everything else.
            return (doc["features"] as! [[String: Any]]).map { $0.filter { $0.key != "id" } }
        }
        let plain = try detect(nil), byPolygon = try detect(dir + "land.geojson"), byRaster = try detect(dir + "mask.tif")
        let byLonLatRaster = try detect(dir + "mask-4326.tif")
        #expect(plain.count == features.count)
        #expect(byPolygon.count == plain.count - 1, "the land box covers exactly one candidate")
        #expect(NSArray(array: byPolygon).isEqual(to: byRaster), "raster and polygon masks differ")
        #expect(NSArray(array: byPolygon).isEqual(to: byLonLatRaster), "an EPSG:4326 raster and the polygons differ")
    }
}
