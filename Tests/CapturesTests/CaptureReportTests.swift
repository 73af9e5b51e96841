import Foundation
import Report
import Testing
import Raster
import RasterIO
@testable import Captures
@testable import GeoReferencing

@Suite struct CaptureReportTests {
    static func capture(width: Int = 37, height: Int = 50, epsg: Int? = 32631) throws -> Capture {
        let ds = MemoryDataset.make(path: "/d/2023-08-22-00:00_x_B03.tif", width: width, height: height, epsg: epsg)
        return try Capture(path: "/d/2023-08-22-00:00_x_B03.tif", kind: .raster, datasets: [("/d/2023-08-22-00:00_x_B03.tif", ds)])
    }

    /// Strips of 11·k rows give GDAL's whole-band checksum, for every strip height.
    @Test(arguments: [1, 2, 3, 100])
    func stripChecksumEqualsWholePlane(elevens: Int) throws {
        let c = try Self.capture()
        let whole = try c.datasets[0].readAll(band: 0)
        let expected = RasterIO.gdalChecksum(whole)
        #expect(try c.gdalChecksum(band: 0, maxStripBytes: 37 * 2 * 11 * elevens) == expected)
    }

    @Test func jsonUsesGDALKeys() throws {
        let r = try CaptureReport.make(try Self.capture(), checksum: true)
        guard case .object(let root) = r.json() else { Issue.record("not an object"); return }
        let keys = root.map(\.key)
        for k in ["description", "driverShortName", "files", "size", "coordinateSystem", "geoTransform", "cornerCoordinates",
                  "wgs84Extent", "bands", "stac", "captureTime", "metresPerPixel", "georeferencingSource"] {
            #expect(keys.contains(k), "missing \(k)")
        }
        // Round-trips through JSONSerialization with the values intact.
        let text = r.json().serialized()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["size"] as? [Int] == [37, 50])
        #expect((parsed["stac"] as? [String: Any])?["proj:shape"] as? [Int] == [50, 37])
        #expect((parsed["stac"] as? [String: Any])?["proj:epsg"] as? Int == 32631)
        #expect(parsed["geoTransform"] as? [Double] == [500_000, 10, 0, 5_000_000, 0, -10])
        #expect(parsed["captureTime"] as? String == "2023-08-22T00:00:00Z")
        let band = try #require((parsed["bands"] as? [[String: Any]])?.first)
        #expect(band["band"] as? Int == 1 && band["type"] as? String == "UInt16")
        #expect(band["checksum"] as? Int == r.checksums?[0])
        #expect(band["role"] as? String == "green")
        let mpp = try #require(parsed["metresPerPixel"] as? [String: Any])
        #expect(abs((mpp["x"] as? Double ?? 0) - 10) < 0.05)  // UTM 31N near its central meridian
        let ring = try #require(((parsed["wgs84Extent"] as? [String: Any])?["coordinates"] as? [[[Double]]])?.first)
        #expect(ring.count == 5 && ring.first! == ring.last!)
    }

    @Test func withoutGeoreferencingCornersArePixels() throws {
        let ds = MemoryDataset.make(path: "/d/plain.png", width: 4, height: 3, geoTransform: nil, epsg: nil)
        let c = try Capture(path: "/d/plain.png", kind: .raster, datasets: [("/d/plain.png", ds)])
        let r = try CaptureReport.make(c, checksum: false)
        #expect(r.cornerCoordinates.lowerRight == MapPoint(x: 4, y: 3))
        #expect(r.cornerLonLats == nil && r.groundPixelSize == nil && r.wkt == nil)
        let text = r.text()
        #expect(text.contains("Size is 4, 3"))
        #expect(text.contains("Capture time: unknown"))
        #expect(!text.contains("Coordinate System"))
    }

    @Test func textLooksLikeGdalinfo() throws {
        let r = try CaptureReport.make(try Self.capture(), checksum: true)
        let text = r.text()
        #expect(text.hasPrefix("Driver: MEM/MEM\nFiles: /d/2023-08-22-00:00_x_B03.tif\nSize is 37, 50\n"))
        #expect(text.contains("Origin = (500000.000000000000000,5000000.000000000000000)"))
        #expect(text.contains("Pixel Size = (10.000000000000000,-10.000000000000000)"))
        #expect(text.contains("CRS: EPSG:32631 (WGS 84 / UTM zone 31N)"))
        #expect(text.contains("Band 1 Block=37x1 Type=UInt16, ColorInterp=Undefined"))
        #expect(text.contains("  Checksum=\(r.checksums![0])"))
        #expect(text.contains("  Role = green (file name)"))
    }

    @Test func dmsLikeGDAL() {
        #expect(CaptureReport.dms(-117.6420428, positive: "E", negative: "W") == "117d38'31.35\"W")
        #expect(CaptureReport.dms(33.9023684, positive: "N", negative: "S") == "33d54' 8.53\"N")
        #expect(CaptureReport.dms(0.9999999999, positive: "N", negative: "S") == " 1d 0' 0.00\"N")
    }

    @Test func jsonEscapesAndNonFinite() {
        let v = JSONValue.members([("a\"b", .string("x\ny\u{1}")), ("n", .gdalNumber(.nan)), ("i", .gdalNumber(.infinity)), ("d", .number(2))])
        #expect(v.serialized() == "{\n  \"a\\\"b\": \"x\\ny\\u0001\",\n  \"n\": \"NaN\",\n  \"i\": \"Infinity\",\n  \"d\": 2.0\n}")
    }
}

@Suite struct NoDataFormattingTests {
    @Test func float32NoDataIsShortest() {
        #expect(CaptureReport.noDataForJSON(Double(Float.greatestFiniteMagnitude), .float32) == 3.4028235e38)
        #expect(CaptureReport.noDataForJSON(Double(Float(-3.4e38)), .float32) == -3.4e38)
        #expect(CaptureReport.noDataForJSON(0.1, .float64) == 0.1)
        #expect(CaptureReport.noDataForJSON(-9999, .float32) == -9999)
        #expect(CaptureReport.noDataForJSON(3.4028234663852889e38, .float32) == 3.4028235e38)  // just above Float max
        #expect(CaptureReport.noDataForJSON(1e300, .float32) == 1e300)
    }
}
