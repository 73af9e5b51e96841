import Foundation
import GeoReferencing
import Raster
import RasterIO
import Testing
import TestSupport
@testable import GeoTIFF

@Suite struct GeoTIFFWriterTests {
    @Test(arguments: SampleType.allCases, [GeoTIFFWriter.Compression.deflate, .none])
    func gdalReadsWhatWeWrite(type: SampleType, compression: GeoTIFFWriter.Compression) throws {
        guard GDALInfo.available else { print("gdalinfo absent: skipping"); return }
        let dir = TestRasters.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.tif").path
        let bands = (0..<2).map { TestRasters.plane(width: 300, height: 130, type: type, seed: 11 + UInt64($0)) }
        let gt = GeoTransform(originX: 500_000, originY: 6_000_010, pixelWidth: 10, pixelHeight: -10)
        let noData: Double = type.isSigned ? -7 : 7
        try GeoTIFFWriter.write(path: path, bands: bands, geoTransform: gt, crs: try CRS(epsg: 32633), noData: noData,
                                descriptions: ["green", "nir (B08)"], dateTime: Date(timeIntervalSince1970: 1_700_000_000),
                                tileSize: 128, compression: compression)
        let info = try #require(GDALInfo.load(path))
        #expect(info.width == 300 && info.height == 130)
        #expect(info.geoTransform == gt.gdal)
        #expect(info.epsg == 32633)
        #expect(info.bands.count == 2)
        for (i, b) in info.bands.enumerated() {
            #expect(b.noData == noData)
            #expect(b.checksum == gdalChecksum(bands[i]))
            #expect(b.block == [128, 128])
        }
        #expect(info.bands.map(\.description) == ["green", "nir (B08)"])
        #expect(info.metadata[""]?["TIFFTAG_DATETIME"] == "2023:11:14 22:13:20")
    }

    @Test func rotatedGeographic() throws {
        guard GDALInfo.available else { print("gdalinfo absent: skipping"); return }
        let dir = TestRasters.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("rot.tif").path
        let band = TestRasters.plane(width: 40, height: 33, type: .float32, seed: 5)
        let gt = GeoTransform(10.5, 0.001, 0.0002, 55.25, 0.0003, -0.001)
        try GeoTIFFWriter.write(path: path, bands: [band], geoTransform: gt, crs: try CRS(epsg: 4326), noData: .nan)
        let info = try #require(GDALInfo.load(path))
        #expect(info.geoTransform == gt.gdal)
        #expect(info.epsg == 4326)
        #expect(info.bands.first?.noData?.isNaN == true)
        #expect(info.bands.first?.checksum == gdalChecksum(band))
    }

    @Test(arguments: [1, 12])
    func deflateLevels(level: Int) throws {
        guard GDALInfo.available else { print("gdalinfo absent: skipping"); return }
        let dir = TestRasters.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("level.tif").path
        let band = TestRasters.plane(width: 100, height: 70, type: .uint16, seed: 77)
        try GeoTIFFWriter.write(path: path, bands: [band], geoTransform: nil, crs: nil, noData: nil, deflateLevel: level)
        let info = try #require(GDALInfo.load(path))
        #expect(info.bands.first?.checksum == gdalChecksum(band))
        #expect(info.metadata["IMAGE_STRUCTURE"]?["COMPRESSION"] == "DEFLATE")
        #expect(throws: RasterIOError.self) {
            try GeoTIFFWriter.write(path: path, bands: [band], geoTransform: nil, crs: nil, noData: nil, deflateLevel: 0)
        }
    }

    @Test func refusesMismatchedBands() {
        let a = PlaneBuffer(width: 4, height: 4, sampleType: .uint8)
        let b = PlaneBuffer(width: 5, height: 4, sampleType: .uint8)
        #expect(throws: RasterIOError.self) {
            try GeoTIFFWriter.write(path: "/tmp/never-written.tif", bands: [a, b], geoTransform: nil, crs: nil, noData: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.tif"))
    }

    @Test func failedWriteLeavesNoFile() {
        let a = PlaneBuffer(width: 4, height: 4, sampleType: .uint8)
        #expect(throws: RasterIOError.self) {
            try GeoTIFFWriter.write(path: "/nonexistent-dir/x.tif", bands: [a], geoTransform: nil, crs: nil, noData: nil)
        }
    }
}
