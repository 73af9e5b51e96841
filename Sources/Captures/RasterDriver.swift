import GeoReferencing
import RasterIO

/// One raster format Alongside reads, as GDAL's driver model has it: a cheap `identify`
/// on the file's first bytes, and `open`.
public struct RasterDriver: Sendable {
    /// GDAL's short name (`"GTiff"`, `"PNG"`).
    public let name: String
    /// Whether a file starting with these bytes (up to 64) is in this format.
    public let identify: @Sendable ([UInt8]) -> Bool
    /// Opens the file; the CRS override is applied by the driver when it supports one.
    public let open: @Sendable (_ path: String, _ limits: RasterLimits, _ crsOverride: CRS?) throws -> any RasterDataset
    /// Whether `open` applies the CRS override itself.
    public let handlesCRSOverride: Bool

    public init(name: String, handlesCRSOverride: Bool, identify: @escaping @Sendable ([UInt8]) -> Bool,
                open: @escaping @Sendable (String, RasterLimits, CRS?) throws -> any RasterDataset) {
        self.name = name
        self.identify = identify
        self.open = open
        self.handlesCRSOverride = handlesCRSOverride
    }
}
