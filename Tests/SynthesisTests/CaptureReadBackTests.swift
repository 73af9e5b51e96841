import Foundation
import Captures
import GeoReferencing
import Raster
import RasterIO
import Testing
@testable import Synthesis

/// The project's own reader gets the synthetic files back with band roles, georeferencing and pixels.
@Suite struct CaptureReadBackTests {
    @Test(arguments: [CRSChoice.utm, .webMercator, .geographic])
    func geoTIFFCaptureHasRolesGeoreferencingTimeAndPixels(crs: CRSChoice) throws {
        let dir = SynthesisFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pair = try SceneSynthesizer.make(seed: 43, spec: SynthesisFixtures.spec(size: 96, crs: crs, content: .clean))
        try SyntheticSceneWriter.write(pair, to: dir, format: .tif)
        for (name, after) in [("before.tif", false), ("after.tif", true)] {
            let capture = try Capture.open([dir + "/" + name])
            #expect(capture.bands.map(\.info.role) == SyntheticPair.bandNames)
            let geo = try #require(capture.geoReference)
            for (a, b) in zip(geo.transform.gdal, pair.geoReference.transform.gdal) { #expect(abs(a - b) <= 1e-9 * max(1, abs(b))) }
            #expect(geo.crs.epsg == pair.geoReference.crs.epsg)
            #expect(capture.captureTime == (after ? pair.afterTime : pair.beforeTime))
            let planes = after ? pair.after : pair.before
            for (i, b) in capture.bands.enumerated() {
                let plane = try capture.datasets[b.dataset].readAll(band: b.bandInDataset)
                for (x, y) in [(0, 0), (50, 17), (95, 95), (13, 80)] { #expect(plane.value(x: x, y: y) == planes[i].value(x: x, y: y)) }
            }
        }
    }

    @Test func pngCaptureHasRolesGeoreferencingAndPixels() throws {
        let dir = SynthesisFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pair = try SceneSynthesizer.make(seed: 41, spec: SynthesisFixtures.spec(size: 96, content: .clean))
        try SyntheticSceneWriter.write(pair, to: dir, format: .png)
        let capture = try Capture.open([dir + "/after.png", dir + "/after_B08.png"])
        #expect(capture.bands.map(\.info.role) == ["red", "green", "blue", "nir"])
        let geo = try #require(capture.geoReference)
        #expect(geo.transform == pair.geoReference.transform)
        #expect(geo.crs.epsg == pair.geoReference.crs.epsg)
        for (i, role) in ["red", "green", "blue", "nir"].enumerated() {
            let b = capture.bands[i]
            let plane = try capture.datasets[b.dataset].readAll(band: b.bandInDataset)
            let expected = pair.after[SyntheticPair.bandNames.firstIndex(of: role)!]
            for (x, y) in [(0, 0), (50, 17), (95, 95)] { #expect(plane.value(x: x, y: y) == expected.value(x: x, y: y)) }
        }
    }
}

@Suite struct SyntheticDatasetTests {
    @Test func inMemoryCaptureReadsWindowsWithNodataOutside() throws {
        let pair = try SceneSynthesizer.make(seed: 42, spec: SynthesisFixtures.spec(size: 80, content: .clean))
        let ds = SyntheticDataset(pair: pair, after: true)
        let capture = try Capture(path: ds.info.path, kind: .raster, datasets: [(ds.info.path, ds)])
        #expect(capture.bands.map(\.info.role) == SyntheticPair.bandNames)
        #expect(capture.geoReference?.transform == pair.geoReference.transform)
        #expect(capture.captureTime == pair.afterTime)
        let window = Window(col: 70, row: -5, width: 20, height: 12)
        let into = PlaneBuffer(width: 20, height: 12, sampleType: .uint16)
        let valid = PlaneBuffer(width: 20, height: 12, sampleType: .uint8)
        try ds.read(band: 3, window: window, into: into, valid: valid)
        for y in 0..<12 {
            for x in 0..<20 {
                let (c, r) = (70 + x, -5 + y)
                let inside = c < 80 && r >= 0
                #expect(into.value(x: x, y: y) == (inside ? pair.after[3].value(x: c, y: r) : 0))
                #expect(valid.value(x: x, y: y) == (inside ? 1 : 0))
            }
        }
        #expect(throws: RasterIOError.self) { try ds.read(band: 4, window: window, into: into, valid: nil) }
        #expect(throws: RasterIOError.self) {
            try ds.read(band: 0, window: window, into: PlaneBuffer(width: 20, height: 12, sampleType: .uint8), valid: nil)
        }
    }
}
