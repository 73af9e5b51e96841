// libFuzzer entry for the PNG reader: scripts/fuzz.sh png [seconds].
// Every input must either decode or throw a RasterIOError; a crash, hang, leak report or
// sanitizer finding is a bug. Limits are small so legitimate-but-huge headers are refused
// quickly instead of exhausting the fuzzer's memory.
import PNGIO
import Raster
import RasterIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = PNGDataset.sniff(Array(bytes.prefix(64)))
    var limits = RasterLimits()
    limits.maxPixels = 1 << 22
    limits.maxReadBytes = 64 << 20
    guard let ds = try? PNGDataset.open(bytes: bytes, name: "fuzz.png", limits: limits) else { return 0 }
    for band in ds.info.bands.indices {
        // A window straddling the edge exercises the fill and mask paths.
        let w = Window(col: -1, row: -1, width: min(ds.info.width + 2, 64), height: min(ds.info.height + 2, 64))
        let out = PlaneBuffer(width: w.width, height: w.height, sampleType: ds.info.bands[band].sampleType)
        let valid = PlaneBuffer(width: w.width, height: w.height, sampleType: .uint8)
        _ = try? ds.read(band: band, window: w, into: out, valid: valid)
    }
    return 0
}
