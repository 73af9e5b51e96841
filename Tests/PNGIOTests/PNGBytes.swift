/// Builds PNG files byte by byte, for tests that need chunks PNGWriter never writes (tRNS,
/// PLTE, sub-byte depths) or files that are deliberately broken. Image data goes in zlib
/// *stored* blocks, so no compressor is needed.
struct PNGBytes {
    var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return ~c
    }

    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    mutating func chunk(_ type: String, _ data: [UInt8], length: UInt32? = nil) {
        let t = Array(type.utf8)
        bytes += Self.be32(length ?? UInt32(data.count)) + t + data + Self.be32(Self.crc32(t + data))
    }

    mutating func ihdr(width: UInt32, height: UInt32, bitDepth: UInt8, colorType: UInt8, interlace: UInt8 = 0) {
        chunk("IHDR", Self.be32(width) + Self.be32(height) + [bitDepth, colorType, 0, 0, interlace])
    }

    /// A zlib stream of stored blocks holding `raw`.
    static func zlibStored(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var i = 0
        repeat {
            let n = min(65535, raw.count - i)
            let final: UInt8 = i + n == raw.count ? 1 : 0
            out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += raw[i..<i + n]
            i += n
        } while i < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for x in raw { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
        return out + be32(b << 16 | a)
    }

    /// IDAT holding `rows` (each already packed at the file's bit depth), filter type 0.
    mutating func idat(rows: [[UInt8]]) {
        chunk("IDAT", Self.zlibStored(rows.flatMap { [0] + $0 }))
    }

    mutating func iend() { chunk("IEND", []) }
}
