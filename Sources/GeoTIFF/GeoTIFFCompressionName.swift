/// Compression names as GDAL's `IMAGE_STRUCTURE` metadata prints them (`COMPRESSION=`).
enum GeoTIFFCompressionName {
    /// nil for uncompressed data (GDAL prints no COMPRESSION item then).
    static func name(_ code: Int, jpegYCbCr: Bool = false) -> String? {
        switch code {
        case 1: nil
        case 2: "CCITTRLE"
        case 3: "CCITTFAX3"
        case 4: "CCITTFAX4"
        case 5: "LZW"
        case 6: "OJPEG"
        case 7: jpegYCbCr ? "YCbCr JPEG" : "JPEG"
        case 8, 32946: "DEFLATE"
        case 32766: "NEXT"
        case 32771: "CCITTRLEW"
        case 32773: "PACKBITS"
        case 32809: "THUNDERSCAN"
        case 32908: "PIXARFILM"
        case 32909: "PIXARLOG"
        case 34661: "JBIG"
        case 34676: "SGILOG"
        case 34677: "SGILOG24"
        case 34712: "JP2000"
        case 34887: "LERC"
        case 34925: "LZMA"
        case 50000: "ZSTD"
        case 50001: "WEBP"
        case 50002: "JXL"
        default: String(code)
        }
    }
}
