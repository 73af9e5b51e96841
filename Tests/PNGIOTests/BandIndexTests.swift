import Foundation
import PNGIO
import Raster
import RasterIO
import Testing

/// Regression: reading a band index the raster does not have used to trap in
/// `RasterDataset.read(band:window:)` (indexing `info.bands` before any check).
@Suite struct BandIndexTests {
    @Test(arguments: [-1, 1, 4])
    func missingBandThrows(band: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("alongside-band-\(getpid())-\(band)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("one.png").path
        let plane = PlaneBuffer(width: 3, height: 2, sampleType: .uint8)
        try PNGWriter.write(path: path, bands: [plane])
        let ds = try PNGDataset.open(path: path)
        #expect(throws: RasterIOError.self) { _ = try ds.read(band: band, window: Window(width: 3, height: 2)) }
        #expect(throws: Never.self) { _ = try ds.read(band: 0, window: Window(width: 3, height: 2)) }
    }
}
