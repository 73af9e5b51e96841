import CPNGShims
import Raster
import RasterIO

/// Decodes a whole PNG into one ``PlaneBuffer`` per band, the way GDAL's PNG driver
/// presents it: sub-byte samples unpacked (values kept), 16-bit samples as UInt16,
/// palette images as indices, no gamma or tRNS expansion.
enum PNGDecoder {
    /// Decodes `source`, whose header is `expected` (re-read here and checked against it,
    /// so a file changed since opening is noticed).
    static func decode(_ source: PNGSource, expected: PNGHeader, limits: RasterLimits) throws -> [PlaneBuffer] {
        try source.withReader(limits: limits) { reader, raw in
            let header = try PNGHeader(raw, path: source.name)
            guard header == expected else {
                throw RasterIOError.corrupt(path: source.name, reason: "the header changed since the file was opened")
            }
            let w = header.width, h = header.height, n = header.channels
            let type: SampleType = header.bitDepth == 16 ? .uint16 : .uint8
            let bytes = type.byteCount
            guard n == header.colorType.bandCount, header.rowBytes == w * n * bytes else {
                throw RasterIOError.corrupt(path: source.name,
                                            reason: "libpng decodes \(n) channels of \(header.rowBytes) bytes per row for a \(w)-pixel \(header.colorType.name) row")
            }
            let planes = (0..<n).map { _ in PlaneBuffer(width: w, height: h, sampleType: type) }
            var err = [CChar](repeating: 0, count: 256)
            func fail() -> RasterIOError { .corrupt(path: source.name, reason: PNGSource.describe(err)) }

            if n == 1 {
                // One band: libpng writes straight into the plane's rows.
                let plane = planes[0]
                if header.interlaced {
                    let rows: [UnsafeMutablePointer<UInt8>?] = (0..<h).map { plane.rowPointer($0).assumingMemoryBound(to: UInt8.self) }
                    guard rows.withUnsafeBufferPointer({ alongside_png_reader_read_image(reader, $0.baseAddress, &err, err.count) }) == 0 else { throw fail() }
                } else {
                    for y in 0..<h {
                        guard alongside_png_reader_read_row(reader, plane.rowPointer(y).assumingMemoryBound(to: UInt8.self), &err, err.count) == 0 else { throw fail() }
                    }
                }
                return planes
            }

            if header.interlaced {
                // Adam7 fills each row over seven passes: the interleaved image must be whole.
                let (total, overflow) = header.rowBytes.multipliedReportingOverflow(by: h)
                guard !overflow, total <= limits.maxReadBytes else {
                    throw RasterIOError.tooLarge(path: source.name, what: "interlaced image buffer", limit: "\(limits.maxReadBytes) bytes")
                }
                let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(1, total), alignment: 64)
                defer { buffer.deallocate() }
                let rows: [UnsafeMutablePointer<UInt8>?] = (0..<h).map { (buffer + $0 * header.rowBytes).assumingMemoryBound(to: UInt8.self) }
                guard rows.withUnsafeBufferPointer({ alongside_png_reader_read_image(reader, $0.baseAddress, &err, err.count) }) == 0 else { throw fail() }
                for y in 0..<h { deinterleave(buffer + y * header.rowBytes, into: planes, row: y, bytes: bytes) }
            } else {
                let row = UnsafeMutableRawPointer.allocate(byteCount: max(1, header.rowBytes), alignment: 64)
                defer { row.deallocate() }
                for y in 0..<h {
                    guard alongside_png_reader_read_row(reader, row.assumingMemoryBound(to: UInt8.self), &err, err.count) == 0 else { throw fail() }
                    deinterleave(row, into: planes, row: y, bytes: bytes)
                }
            }
            return planes
        }
    }

    /// Splits one pixel-interleaved row into the planes' row `y`.
    static func deinterleave(_ src: UnsafeRawPointer, into planes: [PlaneBuffer], row y: Int, bytes: Int) {
        if bytes == 1 {
            split(src.assumingMemoryBound(to: UInt8.self), planes: planes, y: y)
        } else {
            split(src.assumingMemoryBound(to: UInt16.self), planes: planes, y: y)
        }
    }

    @inline(__always)
    private static func split<T: RasterSample>(_ src: UnsafePointer<T>, planes: [PlaneBuffer], y: Int) {
        let n = planes.count
        for (b, plane) in planes.enumerated() {
            let dst = plane.rowPointer(y).assumingMemoryBound(to: T.self)
            var i = b
            for x in 0..<plane.width {
                dst[x] = src[i]
                i += n
            }
        }
    }
}
