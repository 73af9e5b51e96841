extension GeoTIFFWriter {
    /// Compression of the written tiles.
    public enum Compression: String, Sendable, CaseIterable {
        /// Uncompressed.
        case none
        /// Deflate (zlib); integer bands use horizontal differencing (predictor 2).
        case deflate
        /// LZW; integer bands use horizontal differencing (predictor 2).
        case lzw

        var tiffCode: Int {
            switch self {
            case .none: 1
            case .deflate: 8
            case .lzw: 5
            }
        }
    }
}
