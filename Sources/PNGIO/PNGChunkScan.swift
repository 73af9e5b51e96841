/// A walk over a PNG's chunk headers (length + type; the data is skipped, not read), from
/// byte 8 to IEND or the end of the bytes. Cheap: one 8-byte read per chunk.
struct PNGChunkScan: Sendable {
    /// IDAT bytes actually present (a chunk cut short by the end of the file counts what is there).
    var compressedImageBytes = 0
    /// The first chunk before the image data that runs past the end of the file: libpng would
    /// have to read past it, so the file cannot be decoded. (A short chunk after the image data
    /// is harmless: like GDAL, the reader stops after the last row.)
    var truncation: String?
    var chunkCount = 0

    /// `read8(offset, &buffer)` reads the 8 bytes at `offset`, returning false past the end.
    init(size: Int, read8: (Int, inout [UInt8]) -> Bool) {
        var offset = 8
        var head = [UInt8](repeating: 0, count: 8)
        var sawImageData = false
        while offset + 8 <= size, read8(offset, &head) {
            chunkCount += 1
            let length = Int(head[0]) << 24 | Int(head[1]) << 16 | Int(head[2]) << 8 | Int(head[3])
            let type = String(decoding: head[4..<8].map { (0x20...0x7E).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
            let remaining = size - offset - 12  // after the header and the CRC
            if type == "IDAT" {
                sawImageData = true
                compressedImageBytes += max(0, min(length, size - offset - 8))
            } else if !sawImageData, length > remaining, truncation == nil {
                truncation = "chunk \(type) at byte \(offset) declares \(length) bytes of data but only \(max(0, size - offset - 8)) bytes follow"
            }
            if type == "IEND" || length > 0x7fff_ffff { break }
            offset += 12 + length
        }
    }
}
