import Foundation
import GeoReferencing
import Raster
import RasterIO
import Testing
import TestSupport
@testable import GeoTIFF

@Suite struct GeoTIFFDatasetTests {
    /// Writes `bands` with the writer into a fresh directory and opens the result.
    static func roundTrip(_ bands: [PlaneBuffer], noData: Double? = nil, tileSize: Int = 64,
                          compression: GeoTIFFWriter.Compression = .deflate,
                          geoTransform: GeoTransform? = GeoTransform(originX: 300_000, originY: 5_000_000, pixelWidth: 10, pixelHeight: -10),
                          crs: CRS? = try? CRS(epsg: 32631), dateTime: Date? = nil,
                          descriptions: [String]? = nil) throws -> (GeoTIFFDataset, URL) {
        let dir = TestRasters.temporaryDirectory()
        let path = dir.appendingPathComponent("t.tif").path
        try GeoTIFFWriter.write(path: path, bands: bands, geoTransform: geoTransform, crs: crs, noData: noData,
                                descriptions: descriptions, dateTime: dateTime, tileSize: tileSize, compression: compression)
        return (try GeoTIFFDataset.open(path: path), dir)
    }

    static func equalPixels(_ a: PlaneBuffer, _ b: PlaneBuffer) -> Bool {
        guard a.width == b.width, a.height == b.height, a.sampleType == b.sampleType else { return false }
        let n = a.width * a.sampleType.byteCount
        for y in 0..<a.height where memcmp(a.rowPointer(y), b.rowPointer(y), n) != 0 { return false }
        return true
    }

    @Test(arguments: SampleType.allCases, GeoTIFFWriter.Compression.allCases)
    func writerRoundTrip(type: SampleType, compression: GeoTIFFWriter.Compression) throws {
        let bands = (0..<3).map { TestRasters.plane(width: 150, height: 97, type: type, seed: 100 + UInt64($0)) }
        let when = Date(timeIntervalSince1970: 1_692_700_000)
        let (ds, dir) = try Self.roundTrip(bands, noData: 3, compression: compression, dateTime: when,
                                           descriptions: ["blue", "green", "nir"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let info = ds.info
        #expect(info.driver == "GTiff")
        #expect(info.width == 150 && info.height == 97 && info.bands.count == 3)
        #expect(info.geoTransform == GeoTransform(originX: 300_000, originY: 5_000_000, pixelWidth: 10, pixelHeight: -10))
        #expect(info.crs?.epsg == 32631)
        #expect(info.captureTime == when)
        #expect(info.interleave == "BAND")
        #expect(info.compression == (compression == .none ? nil : compression.rawValue.uppercased()))
        #expect(info.bands.map(\.description) == ["blue", "green", "nir"])
        for (i, b) in info.bands.enumerated() {
            #expect(b.sampleType == type && b.noData == 3 && b.blockWidth == 64 && b.blockHeight == 64)
            #expect(Self.equalPixels(try ds.readAll(band: i), bands[i]))
        }
    }

    @Test(arguments: [
        Window(col: -10, row: -7, width: 40, height: 30),    // over the top-left corner
        Window(col: 130, row: 90, width: 40, height: 20),    // over the bottom-right corner
        Window(col: 500, row: 500, width: 8, height: 8),     // entirely outside
        Window(col: 63, row: 63, width: 3, height: 3),       // across four tiles
        Window(col: 0, row: 0, width: 150, height: 97),      // exactly the raster
    ])
    func windowsInsideAndOutside(window: Window) throws {
        let band = TestRasters.plane(width: 150, height: 97, type: .int16, seed: 7)
        // Put some nodata values inside so the mask has both reasons to be 0.
        let v = band.view(as: Int16.self)
        for x in 0..<150 { v[x, 40] = -999 }
        let (ds, dir) = try Self.roundTrip([band], noData: -999)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = PlaneBuffer(width: window.width, height: window.height, sampleType: .int16)
        let valid = PlaneBuffer(width: window.width, height: window.height, sampleType: .uint8)
        try ds.read(band: 0, window: window, into: out, valid: valid)
        let o = out.view(as: Int16.self), m = valid.view(as: UInt8.self)
        for y in 0..<window.height {
            for x in 0..<window.width {
                let c = window.col + x, r = window.row + y
                let inside = c >= 0 && c < 150 && r >= 0 && r < 97
                let expected: Int16 = inside ? v[c, r] : -999
                #expect(o[x, y] == expected)
                #expect(m[x, y] == (inside && expected != -999 ? 1 : 0))
            }
        }
    }

    @Test func concurrentReadsAgreeWithWholeRead() async throws {
        let bands = (0..<2).map { TestRasters.plane(width: 333, height: 271, type: .uint16, seed: 40 + UInt64($0)) }
        let (ds, dir) = try Self.roundTrip(bands, tileSize: 32)
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = try (0..<2).map { try ds.readAll(band: $0) }
        let windows = (0..<64).map { i in Window(col: (i * 37) % 300 - 10, row: (i * 53) % 250 - 5, width: 45, height: 39) }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for (i, w) in windows.enumerated() {
                group.addTask {
                    let band = i % 2
                    guard let got = try? ds.read(band: band, window: w) else { return 1 }
                    for y in 0..<w.height {
                        for x in 0..<w.width {
                            let c = w.col + x, r = w.row + y
                            let expected = c >= 0 && c < 333 && r >= 0 && r < 271 ? whole[band].value(x: c, y: r) : 0
                            if got.value(x: x, y: y) != expected { return 1 }
                        }
                    }
                    return 0
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    @Test func concurrentOpensAgree() async throws {
        let band = TestRasters.plane(width: 70, height: 50, type: .float32, seed: 12)
        let (ds, dir) = try Self.roundTrip([band], noData: -1)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = ds.info.path
        let failures = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    guard let d = try? GeoTIFFDataset.open(path: path), d.info.crs?.epsg == 32631,
                          let p = try? d.readAll(band: 0), Self.equalPixels(p, band) else { return 1 }
                    return 0
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
    }

    @Test func rotatedAndGeographic() throws {
        let gt = GeoTransform(10.5, 0.001, 0.0002, 55.25, 0.0003, -0.001)
        let (ds, dir) = try Self.roundTrip([TestRasters.plane(width: 20, height: 10, type: .float32, seed: 1)],
                                           noData: .nan, geoTransform: gt, crs: try CRS(epsg: 4326))
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(ds.info.geoTransform == gt)
        #expect(ds.info.crs?.epsg == 4326)
        #expect(ds.info.bands[0].noData?.isNaN == true)
    }

    @Test func identifiesTIFFSignatures() {
        #expect(GeoTIFFDataset.identify([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]))
        #expect(GeoTIFFDataset.identify([0x4D, 0x4D, 0x00, 0x2A]))
        #expect(GeoTIFFDataset.identify([0x49, 0x49, 0x2B, 0x00]))
        #expect(GeoTIFFDataset.identify([0x4D, 0x4D, 0x00, 0x2B]))
        #expect(!GeoTIFFDataset.identify([0x89, 0x50, 0x4E, 0x47]))
        #expect(!GeoTIFFDataset.identify([0x49, 0x49]))
    }

    @Test func typedErrorsNameTheFile() throws {
        #expect(throws: RasterIOError.notFound(path: "/nonexistent/x.tif")) { try GeoTIFFDataset.open(path: "/nonexistent/x.tif") }
        let dir = TestRasters.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let junk = dir.appendingPathComponent("junk.tif").path
        _ = FileManager.default.createFile(atPath: junk, contents: Data("hello, not a tiff".utf8))
        do { _ = try GeoTIFFDataset.open(path: junk); Issue.record("opened junk") } catch let e as RasterIOError {
            guard case .unsupportedFormat(let p, _) = e else { Issue.record("wrong error \(e)"); return }
            #expect(p == junk)
        }
        // A valid header with a truncated body.
        let good = dir.appendingPathComponent("good.tif").path
        try GeoTIFFWriter.write(path: good, bands: [TestRasters.plane(width: 64, height: 64, type: .uint8, seed: 2)],
                                geoTransform: nil, crs: nil, noData: nil, tileSize: 32)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        let cut = dir.appendingPathComponent("cut.tif").path
        _ = FileManager.default.createFile(atPath: cut, contents: bytes.prefix(40))
        do {
            let ds = try GeoTIFFDataset.open(path: cut)
            #expect(throws: RasterIOError.self) { _ = try ds.readAll(band: 0) }
        } catch let e as RasterIOError { #expect(e.description.contains(cut)) }
    }

    @Test func limitsAreCheckedBeforeAllocating() throws {
        let (ds, dir) = try Self.roundTrip([TestRasters.plane(width: 100, height: 80, type: .uint8, seed: 3)])
        defer { try? FileManager.default.removeItem(at: dir) }
        var limits = RasterLimits()
        limits.maxPixels = 1000
        #expect(throws: RasterIOError.self) { try GeoTIFFDataset.open(path: ds.info.path, limits: limits) }
        limits = RasterLimits()
        limits.maxBlockBytes = 1024
        #expect(throws: RasterIOError.self) { try GeoTIFFDataset.open(path: ds.info.path, limits: limits) }
        limits = RasterLimits()
        limits.maxReadBytes = 100
        let small = try GeoTIFFDataset.open(path: ds.info.path, limits: limits)
        #expect(throws: RasterIOError.self) { try small.readAll(band: 0) }
    }

    @Test func parsesTIFFDateTimeAsUTC() {
        #expect(GeoTIFFDataset.parseTIFFDateTime("2023:08:22 10:30:00") == Date(timeIntervalSince1970: 1_692_700_200))
        #expect(GeoTIFFDataset.parseTIFFDateTime("garbage") == nil)
        #expect(GeoTIFFDataset.parseTIFFDateTime("2023:13:22 10:30:00") == nil)
    }

    @Test func parsesGDALNoData() {
        #expect(GeoTIFFDataset.parseNoData("-9999") == -9999)
        #expect(GeoTIFFDataset.parseNoData("nan")?.isNaN == true)
        #expect(GeoTIFFDataset.parseNoData(" 0 ") == 0)
        #expect(GeoTIFFDataset.parseNoData("1e+38x") == 1e38)
        #expect(GeoTIFFDataset.parseNoData("") == nil)
    }

    @Test func parsesGDALMetadata() {
        let md = GDALMetadataXML("""
        <GDALMetadata>
          <Item name="CLOUDS">12</Item>
          <Item name="DESCRIPTION" sample="1" role="description">NIR &amp; more</Item>
          <Item name="COLORINTERP" sample="0" role="colorinterp">Red</Item>
        </GDALMetadata>
        """)
        #expect(md.datasetItems == ["CLOUDS": "12"])
        #expect(md.description(sample: 1) == "NIR & more")
        #expect(md.description(sample: 0) == nil)
    }
}
