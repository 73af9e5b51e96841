import RasterIO

/// One band of a ``Capture``: where it lives and what it is.
public struct CaptureBand: Sendable {
    /// Index into ``Capture/datasets``.
    public let dataset: Int
    /// 0-based band index inside that dataset.
    public let bandInDataset: Int
    /// The band's facts, with ``BandInfo/role`` resolved.
    public let info: BandInfo
    /// The file holding it.
    public let file: String
    /// Where the role came from (`"--bands"`, `"STAC eo:bands"`, `"description"`,
    /// `"file name"`, `"colour interpretation"`), nil without a role.
    public let roleSource: String?
}
