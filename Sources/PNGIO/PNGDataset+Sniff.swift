extension PNGDataset {
    /// The eight bytes every PNG starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Whether `header` (the first bytes of a file, at least 8) starts with the PNG signature.
    public static func identify(_ header: [UInt8]) -> Bool {
        header.count >= 8 && Array(header.prefix(8)) == signature
    }

    /// What a file whose first bytes are `header` (64 or more is best) actually is, in words
    /// for a message ("JPEG image", "HTML page", "empty file"…), or nil when unrecognised.
    /// A PNG gives "PNG image"; a PNG signature damaged by a text-mode transfer says so.
    public static func sniff(_ header: [UInt8]) -> String? {
        let h = header
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            h.count >= offset + bytes.count && Array(h[offset..<offset + bytes.count]) == bytes
        }
        func ascii(_ s: String, at offset: Int = 0) -> Bool { starts(Array(s.utf8), at: offset) }

        if h.isEmpty { return "empty file" }
        if identify(h) { return "PNG image" }
        if starts([0x89, 0x50, 0x4E, 0x47]) {
            // Bytes 4…7 should be CR LF SUB LF: a converted line ending or a stripped high bit
            // shows up here first.
            return "PNG with a damaged signature (line endings converted by a text-mode transfer?)"
        }
        if starts([0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) || starts([0x09, 0x50, 0x4E, 0x47]) {
            return "PNG with a damaged signature (first byte lost or its high bit stripped)"
        }
        if starts([0xFF, 0xD8, 0xFF]) { return "JPEG image" }
        if ascii("GIF87a") || ascii("GIF89a") { return "GIF image" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "TIFF image" }
        if starts([0x49, 0x49, 0x2B, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2B]) { return "BigTIFF image" }
        if ascii("RIFF") && ascii("WEBP", at: 8) { return "WebP image" }
        if ascii("BM") && h.count >= 14 { return "BMP image" }
        if ascii("%PDF") { return "PDF document" }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return "ZIP archive" }
        if starts([0x1F, 0x8B]) { return "gzip-compressed file" }
        if starts([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]) || starts([0xFF, 0x4F, 0xFF, 0x51]) {
            return "JPEG 2000 image"
        }
        if ascii("ftyp", at: 4) {
            if ascii("avif", at: 8) || ascii("avis", at: 8) { return "AVIF image" }
            if ascii("heic", at: 8) || ascii("heix", at: 8) || ascii("mif1", at: 8) { return "HEIF image" }
            return "ISO media file (MP4/MOV/HEIF family)"
        }
        if ascii("8BPS") { return "Photoshop document" }
        if starts([0x00, 0x00, 0x01, 0x00]) && h.count >= 6 { return "ICO icon" }
        if ascii("CDF\u{01}") || ascii("CDF\u{02}") { return "netCDF file" }
        if starts([0x89, 0x48, 0x44, 0x46]) { return "HDF5 file" }
        if ascii("SIMPLE  =") { return "FITS file" }

        // Text of some kind: decide on the first non-blank characters.
        var body = h[...]
        if starts([0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let isText = body.allSatisfy { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || ($0 >= 0x20 && $0 != 0x7F) }
        guard isText else { return nil }
        let trimmed = String(decoding: body, as: UTF8.self)
            .drop(while: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).lowercased()
        if trimmed.isEmpty { return "blank text file" }
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || trimmed.hasPrefix("<head") {
            return "HTML page (an error page saved instead of the image?)"
        }
        if trimmed.hasPrefix("<?xml") || trimmed.hasPrefix("<") {
            return trimmed.contains("<svg") ? "SVG image" : "XML document"
        }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") { return "JSON text" }
        return "text file"
    }
}
