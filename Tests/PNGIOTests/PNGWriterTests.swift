import Foundation
import GeoReferencing
import PNGIO
import Raster
import RasterIO
import Testing
import TestSupport

/// Planes of pseudo-random samples (fixed seed) covering the full range of the type.
func seededPlanes(count: Int, width: Int, height: Int, type: SampleType, seed: UInt64) -> [PlaneBuffer] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        let p = PlaneBuffer(width: width, height: height, sampleType: type)
        for y in 0..<height {
            let row = p.rowPointer(y)
            for x in 0..<width {
                let v = rng.next()
                if type == .uint8 { row.storeBytes(of: UInt8(truncatingIfNeeded: v), toByteOffset: x, as: UInt8.self) } else {
                    row.storeBytes(of: UInt16(truncatingIfNeeded: v), toByteOffset: 2 * x, as: UInt16.self)
                }
            }
        }
        return p
    }
}

@Suite struct PNGWriterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var bands: Int, type: SampleType
        var testDescription: String { "\(bands) band(s) \(type)" }
    }
    static let cases = [1, 2, 3, 4].flatMap { n in [SampleType.uint8, .uint16].map { Case(bands: n, type: $0) } }

    @Test("GDAL reads back what PNGWriter wrote", arguments: cases)
    func roundTripThroughGDAL(_ c: Case) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("out.png")
        let planes = seededPlanes(count: c.bands, width: 37, height: 23, type: c.type, seed: UInt64(c.bands * 100 + c.type.byteCount))
        try PNGWriter.write(path: path, bands: planes)
        // Atomic write leaves only the PNG behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["out.png"])
        guard GDALReference.available else { return }
        let ref = try #require(try GDALReference.info(path))
        #expect(ref.width == 37 && ref.height == 23)
        #expect(ref.bands.count == c.bands)
        #expect(ref.bands.allSatisfy { $0.type == c.type.gdalName })
        let expectedInterp: [[String]] = [["Gray"], ["Gray", "Alpha"], ["Red", "Green", "Blue"], ["Red", "Green", "Blue", "Alpha"]]
        #expect(ref.bands.map { $0.colorInterpretation ?? "" } == expectedInterp[c.bands - 1])
        let pixels = try #require(try GDALReference.pixels(path, in: dir.url))
        for (b, plane) in planes.enumerated() {
            var mine: [Int] = []
            for y in 0..<plane.height { for x in 0..<plane.width { mine.append(Int(plane.value(x: x, y: y))) } }
            let differing = zip(mine, pixels[b]).filter { $0 != $1 }.count
            #expect(mine.count == pixels[b].count && differing == 0, "band \(b + 1): \(differing) samples differ")
        }
        #expect(ref.geoTransform == nil)
    }

    @Test("world file and .aux.xml: gdalinfo reads the same geotransform and CRS",
          arguments: [(32631, false), (4326, false), (3857, true)])
    func georeferencingSidecars(epsg: Int, rotated: Bool) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("geo.png")
        let gt = rotated ? GeoTransform(500_000.25, 9.5, 1.25, 5_000_000.75, 0.5, -10.125)
            : (epsg == 4326 ? GeoTransform(2.123456789, 0.0001, 0, 51.987654321, 0, -0.0001)
                : GeoTransform(600_000, 10, 0, 5_700_000, 0, -10))
        let crs = try CRS(epsg: epsg)
        try PNGWriter.write(path: path, bands: seededPlanes(count: 1, width: 16, height: 9, type: .uint8, seed: 7),
                            geoTransform: gt, crs: crs)
        #expect(FileManager.default.fileExists(atPath: dir.path("geo.pgw")))
        #expect(FileManager.default.fileExists(atPath: dir.path("geo.png.aux.xml")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["geo.pgw", "geo.png", "geo.png.aux.xml"])
        guard GDALReference.available else { return }
        let ref = try #require(try GDALReference.info(path))
        let g = try #require(ref.geoTransform)
        for (mine, theirs) in zip(gt.gdal, g) {
            #expect(abs(mine - theirs) <= 1e-9 * max(1, abs(mine)), "geotransform \(gt.gdal) vs GDAL \(g)")
        }
        let wkt = try #require(ref.wkt)
        #expect(try CRS(definition: wkt).epsg == epsg)
        // Axis order: GDAL must treat x as easting/longitude.
        let run = try ToolRun.run("gdalinfo", ["-json", path])
        let obj = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]
        let mapping = (obj?["coordinateSystem"] as? [String: Any])?["dataAxisToSRSAxisMapping"] as? [Int]
        #expect(mapping == (epsg == 4326 ? [2, 1] : [1, 2]))
    }

    @Test("a geotransform without CRS writes only the world file, removing a stale .aux.xml")
    func worldFileOnly() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.png")
        try "<PAMDataset><SRS>EPSG:4326</SRS></PAMDataset>".write(toFile: dir.path("w.png.aux.xml"), atomically: true, encoding: .utf8)
        try PNGWriter.write(path: path, bands: seededPlanes(count: 3, width: 5, height: 4, type: .uint8, seed: 3),
                            geoTransform: GeoTransform(10, 2, 0, 20, 0, -2))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["w.pgw", "w.png"])
        let text = try String(contentsOfFile: dir.path("w.pgw"), encoding: .utf8)
        #expect(text == "2.0\n0.0\n0.0\n-2.0\n11.0\n19.0\n")
    }

    @Test("refuses what PNG cannot hold, naming the file")
    func refusals() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("bad.png")
        #expect(throws: RasterIOError.self) {
            try PNGWriter.write(path: path, bands: seededPlanes(count: 5, width: 2, height: 2, type: .uint8, seed: 1))
        }
        #expect(throws: RasterIOError.self) {
            try PNGWriter.write(path: path, bands: [PlaneBuffer(width: 2, height: 2, sampleType: .float32)])
        }
        #expect(throws: RasterIOError.self) {
            try PNGWriter.write(path: path, bands: [PlaneBuffer(width: 2, height: 2, sampleType: .uint8),
                                                    PlaneBuffer(width: 3, height: 2, sampleType: .uint8)])
        }
        do {
            try PNGWriter.write(path: dir.path("no/such/dir.png"), bands: [PlaneBuffer(width: 2, height: 2, sampleType: .uint8)])
            Issue.record("writing into a missing folder succeeded")
        } catch let e as RasterIOError {
            #expect(e.description.contains("no/such/dir.png"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }
}
