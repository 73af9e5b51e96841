/// Bounds checked against a file's header *before* anything is allocated, so hostile
/// headers (huge dimensions, huge strip counts, decompression bombs) are refused early.
///
/// The defaults are sized for real scenes: a 100 000 × 100 000 single band opens
/// (pixels are read by window, so opening allocates nothing per pixel).
public struct RasterLimits: Sendable, Hashable {
    /// Largest width or height accepted, pixels.
    public var maxDimension: Int = 1_000_000
    /// Largest width × height accepted, pixels.
    public var maxPixels: Int = 100_000 * 100_000 * 2
    /// Largest number of bands (samples per pixel) accepted.
    public var maxBands: Int = 4096
    /// Largest number of strips or tiles accepted in one image.
    public var maxBlocks: Int = 50_000_000
    /// Largest single block (tile or strip), decoded, in bytes.
    public var maxBlockBytes: Int = 1 << 30
    /// Largest single read a caller may request (window × bands), bytes.
    public var maxReadBytes: Int = 16 << 30
    /// Largest ratio of decoded to compressed bytes accepted for one block (decompression bombs).
    public var maxCompressionRatio: Int = 10_000

    public init() {}

    public static let `default` = RasterLimits()
}
