/// File format of a written synthetic pair.
public enum SyntheticFormat: String, Sendable, CaseIterable {
    /// One multi-band GeoTIFF per capture (UInt16, tiled, Deflate, band descriptions = roles).
    case tif
    /// 16-bit PNGs with world file and `.aux.xml`: RGB in `before.png`, other bands as
    /// single-band `before_B08.png` … (Sentinel-2 band ids, which give the roles).
    case png
}
