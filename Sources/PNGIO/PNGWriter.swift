import CPNGShims
import Foundation
import GeoReferencing
import Raster
import RasterIO

/// Writes PNG files with libpng, plus GDAL-readable georeferencing sidecars.
public enum PNGWriter {
    /// Writes `bands` as a PNG at `path`: 1 band → gray, 2 → gray + alpha, 3 → RGB, 4 → RGBA.
    /// All bands must have the same size and sample type, `uint8` (8-bit PNG) or `uint16`
    /// (16-bit PNG). With a `geoTransform`, also writes a world file (`.pgw` beside a `.png`,
    /// see ``WorldFile/path(for:)``); with a `crs` as well, a minimal GDAL `.aux.xml` holding
    /// the CRS as WKT. Every file is written atomically (temporary file + rename), the PNG last.
    ///
    /// - Parameter compressionLevel: zlib level 0 (store) … 9 (smallest); 6 is libpng's default.
    public static func write(path: String, bands: [PlaneBuffer], geoTransform: GeoTransform? = nil, crs: CRS? = nil,
                             compressionLevel: Int = 6) throws {
        guard (1...4).contains(bands.count) else {
            throw RasterIOError.unsupported(path: path, feature: "PNG holds 1 to 4 bands, not \(bands.count)")
        }
        let first = bands[0]
        for (i, b) in bands.enumerated() where b.width != first.width || b.height != first.height || b.sampleType != first.sampleType {
            throw RasterIOError.mismatch(reason: "\(path): band \(i + 1) is \(b.width)×\(b.height) \(b.sampleType), band 1 is \(first.width)×\(first.height) \(first.sampleType)")
        }
        let bitDepth: Int32
        switch first.sampleType {
        case .uint8: bitDepth = 8
        case .uint16: bitDepth = 16
        default: throw RasterIOError.unsupported(path: path, feature: "PNG samples are UInt8 or UInt16, not \(first.sampleType.gdalName)")
        }
        guard first.width > 0, first.height > 0, first.width <= 0x7fff_ffff, first.height <= 0x7fff_ffff else {
            throw RasterIOError.unsupported(path: path, feature: "PNG size \(first.width)×\(first.height)")
        }
        guard (0...9).contains(compressionLevel) else {
            throw RasterIOError.unsupported(path: path, feature: "zlib level \(compressionLevel) (0…9)")
        }
        if crs != nil && geoTransform == nil {
            throw RasterIOError.georeferencing(path: path, reason: "a CRS without a geotransform cannot be written beside a PNG")
        }

        // Sidecars first: a reader that sees the new PNG also sees its georeferencing.
        if let geoTransform {
            let wkt: String? = try crs.map { c in
                do { return try c.wkt } catch {
                    throw RasterIOError.georeferencing(path: path, reason: "\(error)")
                }
            }
            try WorldFile(geoTransform: geoTransform).write(path: WorldFile.path(for: path))
            let auxPath = AuxXML.path(for: path)
            if let wkt {
                try AuxXML(srs: wkt).write(path: auxPath)
            } else if FileManager.default.fileExists(atPath: auxPath) {
                // A stale sidecar would give the new image an old CRS.
                unlink(auxPath)
            }
        }

        let colorType: Int32 = [0, 4, 2, 6][bands.count - 1]
        try AtomicFile.write(to: path) { tmp in
            try encode(tmp: tmp, path: path, bands: bands, colorType: colorType, bitDepth: bitDepth,
                       level: Int32(compressionLevel))
        }
    }

    private static func encode(tmp: String, path: String, bands: [PlaneBuffer], colorType: Int32, bitDepth: Int32,
                               level: Int32) throws {
        let width = bands[0].width, height = bands[0].height
        var err = [CChar](repeating: 0, count: 256)
        guard let w = alongside_png_writer_open(tmp, UInt32(width), UInt32(height), colorType, bitDepth, level,
                                                &err, err.count) else {
            throw RasterIOError.writeFailed(path: path, reason: String(cString: err))
        }
        defer { alongside_png_writer_destroy(w) }
        let n = bands.count
        let bytes = Int(bitDepth) / 8
        let row = UnsafeMutableRawPointer.allocate(byteCount: width * n * bytes, alignment: 16)
        defer { row.deallocate() }
        try withExtendedLifetime(bands) {
            for y in 0..<height {
                if n == 1 {
                    // One band: the plane row already is the PNG row.
                    row.copyMemory(from: bands[0].rowPointer(y), byteCount: width * bytes)
                } else if bytes == 1 {
                    interleave(UInt8.self, bands: bands, y: y, width: width, into: row)
                } else {
                    interleave(UInt16.self, bands: bands, y: y, width: width, into: row)
                }
                guard alongside_png_writer_write_row(w, row.assumingMemoryBound(to: UInt8.self), &err, err.count) == 0 else {
                    throw RasterIOError.writeFailed(path: path, reason: String(cString: err))
                }
            }
        }
        guard alongside_png_writer_finish(w, &err, err.count) == 0 else {
            throw RasterIOError.writeFailed(path: path, reason: String(cString: err))
        }
    }

    @inline(__always)
    private static func interleave<T: RasterSample>(_: T.Type, bands: [PlaneBuffer], y: Int, width: Int,
                                                     into row: UnsafeMutableRawPointer) {
        let n = bands.count
        let dst = row.assumingMemoryBound(to: T.self)
        for (b, band) in bands.enumerated() {
            let src = band.rowPointer(y).assumingMemoryBound(to: T.self)
            for x in 0..<width { dst[x * n + b] = src[x] }
        }
    }
}
