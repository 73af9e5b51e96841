import Raster
import RasterIO

extension Capture {
    /// GDAL's checksum of capture band `band` (0-based), exactly as `gdalinfo -checksum`
    /// computes it (see `gdalChecksum` in RasterIO), read in full-width strips so memory
    /// stays bounded (≈ `maxStripBytes`) whatever the raster's size.
    ///
    /// Strips are a multiple of 11 rows high: GDAL's prime index runs on over the whole band
    /// in row-major order, and after 11·k full rows it is back at 0, so each strip's checksum
    /// starts at index 0 and the strip sums add (mod 65536).
    public func gdalChecksum(band: Int, maxStripBytes: Int = 32 << 20) throws -> Int {
        guard band >= 0 && band < bands.count else {
            throw RasterIOError.badWindow(path: path, reason: "band \(band + 1) of \(bands.count)")
        }
        guard width > 0 && height > 0 else { return 0 }
        let type = bands[band].info.sampleType
        let rowBytes = max(1, width * type.byteCount)
        let rows = max(11, (maxStripBytes / rowBytes) / 11 * 11)
        let strip = PlaneBuffer(width: width, height: min(rows, height), sampleType: type)
        var sum = 0
        var row = 0
        while row < height {
            let h = min(rows, height - row)
            let target = h == strip.height ? strip : PlaneBuffer(width: width, height: h, sampleType: type)
            try read(band: band, window: Window(col: 0, row: row, width: width, height: h), into: target, valid: nil)
            sum = (sum + RasterIO.gdalChecksum(target)) & 0xffff
            row += h
        }
        return sum
    }
}
