import Foundation
import GeoReferencing
import Raster

/// How a band's values are meant to be shown, named as `gdalinfo` names them.
public enum ColorInterpretation: String, Sendable, Codable {
    case undefined = "Undefined", gray = "Gray", palette = "Palette"
    case red = "Red", green = "Green", blue = "Blue", alpha = "Alpha"
    case y = "YCbCr_Y", cb = "YCbCr_Cb", cr = "YCbCr_Cr"
}

/// One entry of a colour table (palette), 0…255 per channel as GDAL reports it.
public struct PaletteEntry: Hashable, Sendable, Codable {
    public var r: UInt8, g: UInt8, b: UInt8, a: UInt8
    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) { (self.r, self.g, self.b, self.a) = (r, g, b, a) }
}

/// What is known about one band before reading its pixels.
public struct BandInfo: Sendable, Hashable, Codable {
    public var sampleType: SampleType
    /// Bits per sample in the file (1…64); samples narrower than the type are expanded.
    public var bitsPerSample: Int
    public var description: String
    public var noData: Double?
    public var colorInterpretation: ColorInterpretation
    public var palette: [PaletteEntry]?
    /// Block (tile or strip) size in pixels, as `gdalinfo` prints `Block=WxH`.
    public var blockWidth: Int
    public var blockHeight: Int
    /// Role given by STAC common names, band descriptions or `--bands` (e.g. "green", "nir").
    public var role: String?

    public init(sampleType: SampleType, bitsPerSample: Int, description: String = "", noData: Double? = nil,
                colorInterpretation: ColorInterpretation = .undefined, palette: [PaletteEntry]? = nil,
                blockWidth: Int, blockHeight: Int, role: String? = nil) {
        self.sampleType = sampleType
        self.bitsPerSample = bitsPerSample
        self.description = description
        self.noData = noData
        self.colorInterpretation = colorInterpretation
        self.palette = palette
        self.blockWidth = blockWidth
        self.blockHeight = blockHeight
        self.role = role
    }
}

/// Everything `alongside info` reports about an opened raster, before pixels are read.
public struct DatasetInfo: Sendable {
    public var path: String
    /// `"GTiff"`, `"PNG"`, `"STAC"`, `"Bands"` (several single-band files).
    public var driver: String
    public var width: Int
    public var height: Int
    public var bands: [BandInfo]
    public var geoTransform: GeoTransform?
    public var crs: CRS?
    /// Where the georeferencing came from ("GeoKeys", "world file", "XYZ tile path", …).
    public var georeferencingSource: String?
    public var captureTime: Date?
    /// Compression name as GDAL's `COMPRESSION=` image structure metadata says it, if any.
    public var compression: String?
    /// `"PIXEL"` or `"BAND"`, GDAL's `INTERLEAVE=`.
    public var interleave: String?
    /// Free-form metadata (GDAL_METADATA dataset items, TIFF tags worth showing).
    public var metadata: [String: String]
    /// Files that make up the dataset (the raster itself, world files, band files).
    public var files: [String]

    public init(path: String, driver: String, width: Int, height: Int, bands: [BandInfo],
                geoTransform: GeoTransform? = nil, crs: CRS? = nil, georeferencingSource: String? = nil,
                captureTime: Date? = nil, compression: String? = nil, interleave: String? = nil,
                metadata: [String: String] = [:], files: [String] = []) {
        self.path = path
        self.driver = driver
        self.width = width
        self.height = height
        self.bands = bands
        self.geoTransform = geoTransform
        self.crs = crs
        self.georeferencingSource = georeferencingSource
        self.captureTime = captureTime
        self.compression = compression
        self.interleave = interleave
        self.metadata = metadata
        self.files = files
    }
}

/// An opened raster: metadata up front, pixels by window on demand.
///
/// Implementations are safe to read from several threads at once (each read may
/// use its own decoder handle).
public protocol RasterDataset: AnyObject, Sendable {
    var info: DatasetInfo { get }

    /// Reads band `band` (0-based) over `window` into `into`, which must be
    /// `window.width × window.height` and of the band's sample type. Pixels outside the
    /// raster get the band's nodata value (or 0). If `valid` is given (UInt8, same size),
    /// it is set to 1 where the pixel is inside the raster and not nodata, else 0.
    /// Decodes only the blocks the window touches.
    func read(band: Int, window: Window, into: PlaneBuffer, valid: PlaneBuffer?) throws
}

extension RasterDataset {
    /// Reads `window` of `band` into a new plane.
    public func read(band: Int, window: Window) throws -> PlaneBuffer {
        try checkBand(band)
        let out = PlaneBuffer(width: window.width, height: window.height, sampleType: info.bands[band].sampleType)
        try read(band: band, window: window, into: out, valid: nil)
        return out
    }

    /// Throws unless `band` (0-based) is one of this dataset's bands.
    public func checkBand(_ band: Int) throws {
        guard info.bands.indices.contains(band) else {
            throw RasterIOError.badWindow(path: info.path,
                                          reason: "band \(band + 1) does not exist (the raster has \(info.bands.count))")
        }
    }

    /// Reads the whole band.
    public func readAll(band: Int) throws -> PlaneBuffer {
        try read(band: band, window: Window(width: info.width, height: info.height))
    }
}
