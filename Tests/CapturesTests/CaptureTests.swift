import Foundation
import Testing
import Raster
import RasterIO
@testable import Captures

@Suite struct CaptureTests {
    static let s2 = "2023-08-22-00:00_2023-08-22-23:59_Sentinel-2_L2A_"

    static func bandFiles(_ names: [String], sizes: [(Int, Int)]? = nil,
                          transforms: [GeoTransformParts?]? = nil, epsgs: [Int?]? = nil) -> [(String, any RasterDataset)] {
        names.enumerated().map { i, n in
            let size = sizes?[i] ?? (8, 6)
            let ds = MemoryDataset.make(path: n, width: size.0, height: size.1,
                                        geoTransform: transforms.map { $0[i] } ?? GeoTransformParts(),
                                        epsg: epsgs.map { $0[i] } ?? 32631, tag: i)
            return (n, ds)
        }
    }

    @Test func sentinel2BandFilesGetRolesFromNames() throws {
        let names = ["B02", "B03", "B04", "B08"].map { "/d/\(Self.s2)\($0)_(Raw).tiff" }
        let c = try Capture(path: names[0], kind: .bandFiles, datasets: Self.bandFiles(names))
        #expect(c.roles == ["blue", "green", "red", "nir"])
        #expect(c.bands.map(\.roleSource) == Array(repeating: "file name", count: 4))
        #expect(c.bandIndex(role: "nir") == 3)
        #expect(c.width == 8 && c.height == 6)
        #expect(c.geoReference?.crs.epsg == 32631)
        #expect(c.captureTime == ISO8601DateFormatter().date(from: "2023-08-22T00:00:00Z"))
        #expect(c.captureTimeSource == .fileName)
        #expect(c.files == names)
        // The nir band is the 4th file: its pixel (3, 2) holds 3000 + 23.
        let w = try c.read(role: "nir", window: Window(col: 2, row: 1, width: 3, height: 3))
        #expect(w.value(x: 1, y: 1) == 3023)
        #expect(throws: CaptureError.self) { try c.read(role: "swir16", window: Window(width: 1, height: 1)) }
    }

    @Test func explicitMappingWins() throws {
        let names = ["B02", "B03", "B04", "B08"].map { "/d/\(Self.s2)\($0)_(Raw).tiff" }
        let m = try BandMapping(parsing: "nir=2,green=1")
        let c = try Capture(path: names[0], kind: .bandFiles, datasets: Self.bandFiles(names), bandMapping: m)
        #expect(c.bands.map(\.info.role) == ["green", "nir", "red", nil])
        #expect(c.bands[0].roleSource == "--bands" && c.bands[2].roleSource == "file name")
        #expect(throws: CaptureError.bandOutOfRange(role: "nir", band: 5, bandCount: 4)) {
            try Capture(path: names[0], kind: .bandFiles, datasets: Self.bandFiles(names),
                        bandMapping: BandMapping(roles: ["nir": 5]))
        }
    }

    @Test func descriptionsGiveRoles() throws {
        let ds = MemoryDataset.make(path: "/d/multi.tif", bands: 4, descriptions: ["B02", "green", "Red", "NIR"])
        let c = try Capture(path: "/d/multi.tif", kind: .raster, datasets: [("/d/multi.tif", ds)])
        #expect(c.roles == ["blue", "green", "red", "nir"])
        #expect(c.captureTime == nil && c.captureTimeSource == nil)
    }

    @Test func timePrecedence() throws {
        let tiffTime = MemoryDataset.make(path: "/d/20200101T000000.tif", metadata: ["TIFFTAG_DATETIME": "2021:02:03 04:05:06"])
        let c = try Capture(path: "/d/20200101T000000.tif", kind: .raster, datasets: [("/d/20200101T000000.tif", tiffTime)])
        #expect(c.captureTimeSource == .tiffDateTime)
        #expect(c.captureTime == ISO8601DateFormatter().date(from: "2021-02-03T04:05:06Z"))
        let given = Date(timeIntervalSince1970: 1_700_000_000)
        let d = try Capture(path: "/d/x.tif", kind: .raster, datasets: [("/d/x.tif", tiffTime)], time: given)
        #expect(d.captureTime == given && d.captureTimeSource == .given)
    }

    @Test func differentSizeIsAClearError() throws {
        let files = Self.bandFiles(["/d/a.tif", "/d/b.tif"], sizes: [(8, 6), (8, 7)])
        do {
            _ = try Capture(path: "/d/a.tif", kind: .bandFiles, datasets: files)
            Issue.record("expected a grid mismatch")
        } catch let e as CaptureError {
            #expect(e.description == "/d/b.tif: not on the grid of /d/a.tif: size 8×7 differs from 8×6")
        }
    }

    @Test func differentTransformOrCRSIsAnError() throws {
        var shifted = GeoTransformParts()
        shifted.originX += 5
        #expect(throws: CaptureError.self) {
            try Capture(path: "a", kind: .bandFiles, datasets: Self.bandFiles(["a", "b"], transforms: [GeoTransformParts(), shifted]))
        }
        var tiny = GeoTransformParts()
        tiny.originX += 1e-9
        #expect(throws: Never.self) {
            try Capture(path: "a", kind: .bandFiles, datasets: Self.bandFiles(["a", "b"], transforms: [GeoTransformParts(), tiny]))
        }
        #expect(throws: CaptureError.self) {
            try Capture(path: "a", kind: .bandFiles, datasets: Self.bandFiles(["a", "b"], epsgs: [32631, 32632]))
        }
        #expect(throws: CaptureError.self) {
            try Capture(path: "a", kind: .bandFiles, datasets: Self.bandFiles(["a", "b"], transforms: [GeoTransformParts(), nil]))
        }
    }

    @Test func crsOverrideReplacesCRS() throws {
        let c = try Capture(path: "a", kind: .raster, datasets: Self.bandFiles(["a"]), crsOverride: try CRS(epsg: 3857))
        #expect(c.geoReference?.crs.epsg == 3857)
        #expect(c.georeferencingSource == "memory + --crs")
    }

    @Test func readsOutsideTheGridAreInvalid() throws {
        let c = try Capture(path: "a", kind: .raster, datasets: Self.bandFiles(["a"]))
        let out = PlaneBuffer(width: 4, height: 2, sampleType: .uint16)
        let valid = PlaneBuffer(width: 4, height: 2, sampleType: .uint8)
        try c.read(band: 0, window: Window(col: 6, row: 0, width: 4, height: 2), into: out, valid: valid)
        #expect(out.value(x: 1, y: 1) == 17 && valid.value(x: 1, y: 1) == 1)
        #expect(out.value(x: 2, y: 1) == 0 && valid.value(x: 2, y: 1) == 0)
        #expect(throws: RasterIOError.self) { try c.read(band: 1, window: Window(width: 1, height: 1)) }
    }
}

import GeoReferencing
