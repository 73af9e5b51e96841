import Foundation
import GeoTIFF
import Raster
import RasterIO

/// Limits small enough that one input can never take more than a few hundred MB.
private let fuzzLimits: RasterLimits = {
    var l = RasterLimits()
    l.maxDimension = 1 << 16
    l.maxPixels = 1 << 26
    l.maxBlockBytes = 64 << 20
    l.maxBlocks = 1 << 20
    l.maxBands = 64
    return l
}()

private let scratchPath = NSTemporaryDirectory() + "alongside-fuzz-tiff-\(getpid()).tif"

/// One fuzz input: written to a file (the reader is path-based), opened, then every band
/// read by 256×256 windows (up to 4 bands, 4 Mpixel each), one window straddling the edge.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard FileManager.default.createFile(atPath: scratchPath, contents: Data(bytes: data, count: size)) else { return 0 }
    guard let ds = try? GeoTIFFDataset.open(path: scratchPath, limits: fuzzLimits) else { return 0 }
    let info = ds.info
    for band in 0..<min(info.bands.count, 4) {
        let type = info.bands[band].sampleType
        let edge = Window(col: info.width - 3, row: info.height - 5, width: 16, height: 16)
        let out = PlaneBuffer(width: 16, height: 16, sampleType: type)
        let valid = PlaneBuffer(width: 16, height: 16, sampleType: .uint8)
        _ = try? ds.read(band: band, window: edge, into: out, valid: valid)
        var budget = 4 << 20
        var row = 0
        outer: while row < info.height {
            var col = 0
            while col < info.width {
                let w = Window(col: col, row: row, width: 256, height: 256)
                guard (try? ds.read(band: band, window: w)) != nil else { break outer }
                budget -= w.pixelCount
                if budget <= 0 { break outer }
                col += 256
            }
            row += 256
        }
    }
    return 0
}
