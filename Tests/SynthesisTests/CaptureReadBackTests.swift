import Foundation
import Captures
import GeoReferencing
import Raster
import Testing
@testable import Synthesis

/// The project's own reader gets the synthetic files back with band roles, georeferencing and pixels.
@Suite struct CaptureReadBackTests {
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
