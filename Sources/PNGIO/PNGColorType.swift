import RasterIO

/// The PNG colour types (IHDR byte 9), with the band layout GDAL gives each.
public enum PNGColorType: Int, Sendable, CaseIterable {
    case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6

    /// Bands a reader exposes: palette images are one band of indices.
    public var bandCount: Int {
        switch self {
        case .gray, .palette: 1
        case .grayAlpha: 2
        case .rgb: 3
        case .rgba: 4
        }
    }

    public var hasAlpha: Bool { self == .grayAlpha || self == .rgba }

    /// What each band is, as `gdalinfo` names it.
    public var bandInterpretations: [ColorInterpretation] {
        switch self {
        case .gray: [.gray]
        case .palette: [.palette]
        case .grayAlpha: [.gray, .alpha]
        case .rgb: [.red, .green, .blue]
        case .rgba: [.red, .green, .blue, .alpha]
        }
    }

    /// Name used in messages and docs.
    public var name: String {
        switch self {
        case .gray: "gray"
        case .rgb: "RGB"
        case .palette: "palette"
        case .grayAlpha: "gray+alpha"
        case .rgba: "RGBA"
        }
    }
}
