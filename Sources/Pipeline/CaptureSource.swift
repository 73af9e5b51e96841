import Foundation
import GeoReferencing
import Raster

/// What the pipeline needs from an opened capture: size, georeferencing, time, bands by
/// role, and windowed reads. Reads may come from several threads at once.
public protocol CaptureSource: Sendable {
    /// The path (or list) as the user gave it; used in messages and `sources`.
    var path: String { get }
    var width: Int { get }
    var height: Int { get }
    var bandCount: Int { get }
    /// Pixel ↔ map ↔ lon/lat; nil when the capture has none.
    var georeference: GeoReference? { get }
    /// UTC acquisition time, when known.
    var captureTime: Date? { get }
    /// Sample type of band `band` (0-based).
    func sampleType(band: Int) -> SampleType
    /// The band with role `role` ("green", "nir", "red", "blue", …), if known.
    func band(role: String) -> Int?
    /// Reads `window` (which may extend outside the raster) of `band` into `into`
    /// (`window`-sized, the band's sample type); `valid` (UInt8, same size) gets 1 where
    /// the pixel is inside the raster and not nodata, else 0.
    func readBand(_ band: Int, window: Window, into: PlaneBuffer, valid: PlaneBuffer) throws
}

/// An in-memory capture: planes plus georeferencing. Used by tests and by callers that
/// already hold pixels.
public final class PlaneCapture: CaptureSource, @unchecked Sendable {
    public let path: String
    public let bands: [PlaneBuffer]
    public let roles: [String: Int]
    public let georeference: GeoReference?
    public let captureTime: Date?
    public let noData: Double?

    public init(path: String, bands: [PlaneBuffer], roles: [String: Int] = [:], georeference: GeoReference?,
                captureTime: Date? = nil, noData: Double? = nil) {
        precondition(!bands.isEmpty, "a capture needs at least one band")
        precondition(bands.allSatisfy { $0.width == bands[0].width && $0.height == bands[0].height })
        self.path = path
        self.bands = bands
        self.roles = roles
        self.georeference = georeference
        self.captureTime = captureTime
        self.noData = noData
    }

    public var width: Int { bands[0].width }
    public var height: Int { bands[0].height }
    public var bandCount: Int { bands.count }
    public func sampleType(band: Int) -> SampleType { bands[band].sampleType }
    public func band(role: String) -> Int? { roles[role] }

    public func readBand(_ band: Int, window: Window, into out: PlaneBuffer, valid: PlaneBuffer) throws {
        let src = bands[band]
        precondition(out.width == window.width && out.height == window.height && out.sampleType == src.sampleType)
        let bpp = src.sampleType.byteCount
        let inside = window.clipped(width: width, height: height)
        for y in 0..<window.height {
            memset(out.rowPointer(y), 0, out.rowBytes)
            memset(valid.rowPointer(y), 0, valid.rowBytes)
        }
        guard !inside.isEmpty else { return }
        for y in inside.row..<inside.rowEnd {
            let dy = y - window.row, dx = inside.col - window.col
            (out.rowPointer(dy) + dx * bpp).copyMemory(from: src.rowPointer(y) + inside.col * bpp,
                                                       byteCount: inside.width * bpp)
            let v = valid.rowPointer(dy).assumingMemoryBound(to: UInt8.self)
            for x in 0..<inside.width {
                v[dx + x] = noData.map { src.value(x: inside.col + x, y: y) == $0 } == true ? 0 : 1
            }
        }
    }
}
