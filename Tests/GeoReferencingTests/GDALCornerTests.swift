import Foundation
import Testing
import TestSupport
@testable import GeoReferencing

/// Corners of real georeferenced files, computed from the GeoTransform and WKT that
/// `gdalinfo -json` reports, agree with `gdaltransform -s_srs WKT -t_srs EPSG:4326` to
/// 1e-7° (and with `gdalinfo`'s own `wgs84Extent`). Independent of the readers: GDAL
/// supplies the georeferencing, we do the geography.
///
/// The CRS is given to gdaltransform as WKT, not by naming the raster: with a raster
/// source, gdaltransform restricts the operation search to the raster's footprint and
/// falls back to a ballpark (no datum shift) outside a transformation's area of use,
/// which neither `gdalinfo` nor `proj_create_crs_to_crs` does.
@Suite struct GDALCornerTests {
    static let files = [
        "rasterio-tests-data/tests/data/RGB.byte.tif",
        "rasterio-tests-data/tests/data/RGBA.uint16.tif",
        "rasterio-tests-data/tests/data/test_esri_wkt.tif",
        "gdal-autotest/autotest/gcore/data/test_hgrid_with_subgrid.tif",
        "gdal-autotest/autotest/gcore/data/epsg26711_3855_geotiff1_1.tif",
        "gdal-autotest/autotest/gcore/data/weird_mercator_2sp.tif",
        "gdal-autotest/autotest/gdrivers/data/byte.tif",
        "gdal-autotest/autotest/gdrivers/data/rgbsmall.tif",
        "gdal-autotest/autotest/gcore/data/test_gf.tif",
        "gdal-autotest/autotest/gcore/data/spaf27_brokengdal.tif",
        "gdal-autotest/autotest/gcore/data/epsg_2853_with_us_feet.tif",
        "gdal-autotest/autotest/gcore/data/gtiff_towgs84_override.tif",
        "gdal-autotest/autotest/gcore/data/WGS_1984_Web_Mercator_Auxiliary_Sphere.tif",
        "gdal-autotest/autotest/gdrivers/data/wcs/GeoServer-1.0.0-non_scaled.tiff",
        "gdal-autotest/autotest/gdrivers/data/wcs/GeoServer2-1.0.0-non_scaled.tiff",
        "image-tiff-tests/tests/geotiff/geo-5b.tif",
        "sen2ships/sen2ships/marseille/2023-08-22-00:00_2023-08-22-23:59_Sentinel-2_L2A_B03_(Raw).tiff",
        "sen2ships/sen2ships/busan/2022-05-14-00_00_2022-05-14-23_59_Sentinel-2_L2A_B08_(Raw).tiff",
    ]

    @Test(arguments: files)
    func cornersMatchGDAL(file: String) throws {
        guard let root = SharedData.dataRoot else { print(SharedData.absentMessage); return }
        guard ToolRun.available("gdalinfo"), ToolRun.available("gdaltransform") else {
            print("gdalinfo/gdaltransform absent: skipping \(file)"); return
        }
        let path = root.appendingPathComponent(file).path
        let info = try ToolRun.run("env", ["GDAL_PAM_ENABLED=NO", "gdalinfo", "-json", path])
        #expect(info.status == 0, "\(info.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: info.stdout) as? [String: Any])
        let gt = try #require(json["geoTransform"] as? [Double])
        let size = try #require(json["size"] as? [Int])
        let wkt = try #require((json["coordinateSystem"] as? [String: Any])?["wkt"] as? String)
        let ref = GeoReference(transform: GeoTransform(gdal: gt), crs: try CRS(definition: wkt))

        let w = Double(size[0]), h = Double(size[1])
        let pixels: [(Double, Double)] = [(0, 0), (0, h), (w, h), (w, 0), (w / 2, h / 2), (0.5, 0.5), (w / 3, h / 7)]
        let input = pixels.map { p -> String in
            let m = ref.map(col: p.0, row: p.1)
            return "\(m.x) \(m.y)"
        }.joined(separator: "\n") + "\n"
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("geo-corners-\(UUID().uuidString).txt")
        let wktFile = tmp.appendingPathExtension("wkt")
        try input.write(to: tmp, atomically: true, encoding: .utf8)
        try wkt.write(to: wktFile, atomically: true, encoding: .utf8)
        defer {
            try? FileManager.default.removeItem(at: tmp)
            try? FileManager.default.removeItem(at: wktFile)
        }
        let tr = try ToolRun.run("sh", ["-c", "gdaltransform -s_srs \"$0\" -t_srs EPSG:4326 -output_xy < \"$1\"",
                                        wktFile.path, tmp.path])
        #expect(tr.status == 0, "\(tr.stderr)")
        let lines = tr.stdoutString.split(separator: "\n")
        #expect(lines.count == pixels.count)
        for (i, line) in lines.enumerated() where i < pixels.count {
            let parts = line.split(separator: " ").compactMap { Double($0) }
            let ours = try ref.lonLat(col: pixels[i].0, row: pixels[i].1)
            #expect(abs(ours.lon - parts[0]) < 1e-7 && abs(ours.lat - parts[1]) < 1e-7,
                    "\(file) pixel \(pixels[i]): ours \(ours) gdal \(parts)")
        }
        // gdalinfo's wgs84Extent: the four corners, rounded to 7 decimals.
        if let ext = (json["wgs84Extent"] as? [String: Any])?["coordinates"] as? [[[Double]]], let ring = ext.first {
            for i in 0..<4 {
                let ours = try ref.lonLat(col: pixels[i].0, row: pixels[i].1)
                #expect(abs(ours.lon - ring[i][0]) < 1.5e-7 && abs(ours.lat - ring[i][1]) < 1.5e-7,
                        "\(file) wgs84Extent corner \(i): ours \(ours) gdal \(ring[i])")
            }
        }
    }
}
