import CPNGShims
import Foundation
import RasterIO

/// Where a PNG's bytes come from: a file (read by libpng through stdio) or a byte array
/// (fuzzing, in-memory tests). `name` is what messages call it.
enum PNGSource: Sendable {
    case file(path: String)
    case memory(bytes: [UInt8], name: String)

    var name: String {
        switch self {
        case .file(let p): p
        case .memory(_, let n): n
        }
    }

    /// Opens a libpng reader on the source (header read, GDAL's transforms set) and passes it
    /// to `body`; the reader is closed afterwards. Throws `corrupt` with libpng's message.
    func withReader<R>(limits: RasterLimits, _ body: (OpaquePointer, alongside_png_header) throws -> R) throws -> R {
        var header = alongside_png_header()
        var err = [CChar](repeating: 0, count: 256)
        let maxDim = UInt32(clamping: min(limits.maxDimension, 0x7fff_ffff))
        let reader: OpaquePointer?
        switch self {
        case .file(let path):
            reader = alongside_png_reader_open_file(path, maxDim, maxDim, &header, &err, err.count)
            guard let reader else { throw RasterIOError.corrupt(path: name, reason: Self.describe(err)) }
            defer { alongside_png_reader_close(reader) }
            return try body(reader, header)
        case .memory(let bytes, _):
            return try bytes.withUnsafeBufferPointer { buf in
                guard let reader = alongside_png_reader_open_memory(buf.baseAddress, buf.count, maxDim, maxDim,
                                                                    &header, &err, err.count) else {
                    throw RasterIOError.corrupt(path: name, reason: Self.describe(err))
                }
                defer { alongside_png_reader_close(reader) }
                return try body(reader, header)
            }
        }
    }

    /// libpng's message, made one line.
    static func describe(_ err: [CChar]) -> String {
        let s = String(cString: err).trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? "libpng failed without a message" : s.replacingOccurrences(of: "\n", with: " ")
    }

    /// The first `count` bytes (fewer if the source is shorter).
    func prefix(_ count: Int) throws -> [UInt8] {
        switch self {
        case .memory(let bytes, _): return Array(bytes.prefix(count))
        case .file(let path):
            guard let h = FileHandle(forReadingAtPath: path) else {
                throw RasterIOError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            defer { try? h.close() }
            do { return [UInt8](try h.read(upToCount: count) ?? Data()) } catch {
                throw RasterIOError.unreadable(path: path, reason: "\(error.localizedDescription)")
            }
        }
    }

    /// Walks the chunk headers (``PNGChunkScan``) without reading chunk data.
    func scanChunks() throws -> PNGChunkScan {
        switch self {
        case .memory(let bytes, _):
            return PNGChunkScan(size: bytes.count) { offset, out in
                guard offset >= 0, offset + 8 <= bytes.count else { return false }
                for i in 0..<8 { out[i] = bytes[offset + i] }
                return true
            }
        case .file(let path):
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw RasterIOError.unreadable(path: path, reason: String(cString: strerror(errno))) }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0 else { throw RasterIOError.unreadable(path: path, reason: String(cString: strerror(errno))) }
            return PNGChunkScan(size: Int(st.st_size)) { offset, out in
                out.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 8, off_t(offset)) == 8 }
            }
        }
    }
}
