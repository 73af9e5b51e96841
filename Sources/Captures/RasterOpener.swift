import Foundation
import GeoReferencing
import GeoTIFF
import PNGIO
import RasterIO

/// Opens any raster an analyst brings: sniffs the first bytes, dispatches to the driver
/// that identifies them, and refuses everything else with a message saying what the file
/// actually is ("JPEG image", "HTML page", "empty file", …).
public enum RasterOpener {
    /// The built-in drivers, in the order they are tried.
    public static let drivers: [RasterDriver] = [
        RasterDriver(name: "GTiff", handlesCRSOverride: false,
                     identify: { GeoTIFFDataset.identify($0) },
                     open: { path, limits, _ in try GeoTIFFDataset.open(path: path, limits: limits) }),
        RasterDriver(name: "PNG", handlesCRSOverride: true,
                     identify: { PNGDataset.identify($0) },
                     open: { path, limits, crs in try PNGDataset.open(path: path, limits: limits, crsOverride: crs) }),
    ]

    /// How many leading bytes identification looks at.
    public static let headerLength = 64

    /// Opens the raster at `path` with the driver that recognises it.
    ///
    /// - Parameter crsOverride: the CRS to use whatever the file says (the geotransform is kept).
    /// - Throws: `RasterIOError.notFound` for a missing file, `.unreadable` for a folder or a
    ///   permission problem, `.unsupportedFormat` naming what the file is, or the driver's error.
    public static func open(path: String, limits: RasterLimits = .default, crsOverride: CRS? = nil,
                            drivers: [RasterDriver] = RasterOpener.drivers) throws -> any RasterDataset {
        let header = try readHeader(path: path)
        guard let driver = drivers.first(where: { $0.identify(header) }) else {
            throw RasterIOError.unsupportedFormat(path: path, detected: describe(header: header, path: path))
        }
        let ds = try driver.open(path, limits, crsOverride)
        var info = ds.info
        var changed = false
        // A GeoTIFF without an internal geotransform takes one from a world file, as GDAL
        // does (`.tfw`, `.tifw`, `.wld`; the PNG driver reads its own sidecars).
        if driver.name == "GTiff", info.geoTransform == nil, let wf = WorldFile.candidates(for: path).first(where: {
            FileManager.default.fileExists(atPath: $0)
        }) {
            do {
                info.geoTransform = try WorldFile.read(path: wf).geoTransform
            } catch {
                throw RasterIOError.georeferencing(path: path, reason: "world file \(wf): \(error)")
            }
            info.georeferencingSource = "world file \((wf as NSString).lastPathComponent)"
            if !info.files.contains(wf) { info.files.append(wf) }
            changed = true
        }
        if let crsOverride, !driver.handlesCRSOverride, info.crs != crsOverride {
            info.crs = crsOverride
            changed = true
            if info.geoTransform != nil {
                info.georeferencingSource = [info.georeferencingSource, "--crs"].compactMap { $0 }.joined(separator: " + ")
            }
        }
        return changed ? ReferencedDataset(base: ds, info: info) : ds
    }

    /// The name of the driver that would open `path`, or nil.
    public static func driverName(path: String, drivers: [RasterDriver] = RasterOpener.drivers) throws -> String? {
        let header = try readHeader(path: path)
        return drivers.first(where: { $0.identify(header) })?.name
    }

    /// Whether `path` is a STAC Item (JSON), judged on its first bytes.
    public static func isSTACItem(path: String) throws -> Bool {
        let header = try readHeader(path: path, length: 4096)
        return STACItem.identify(header)
    }

    /// The first `length` bytes of `path` (fewer for a short file).
    public static func readHeader(path: String, length: Int = headerLength) throws -> [UInt8] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw RasterIOError.notFound(path: path)
        }
        guard !isDir.boolValue else { throw RasterIOError.unreadable(path: path, reason: "is a directory") }
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw RasterIOError.unreadable(path: path, reason: "permission denied")
        }
        defer { try? h.close() }
        do {
            return [UInt8](try h.read(upToCount: length) ?? Data())
        } catch {
            throw RasterIOError.unreadable(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// What a file with this header is, in words, for a refusal.
    static func describe(header: [UInt8], path: String) -> String {
        if STACItem.identify(header) { return "a STAC item: give it alone" }
        if let what = PNGDataset.sniff(header) { return what }
        
        let hex = header.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
        return "unrecognised content starting \(hex)"
    }
}
