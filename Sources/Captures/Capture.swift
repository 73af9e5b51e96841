import Foundation
import GeoReferencing
import Raster
import RasterIO

/// One capture, as an analyst brings it: a single raster (GeoTIFF, PNG), several
/// single-band rasters on one grid given as a list of files, or a STAC Item (local JSON
/// whose assets are such rasters). Presents one grid, one georeference, one time, and
/// bands in order (files in the order given, each file's bands in order) with roles
/// (``BandRole``), read by window.
///
/// Immutable and `Sendable`: reads from several threads at once are fine (the datasets
/// are thread-safe).
public final class Capture: Sendable {
    public enum Kind: String, Sendable {
        /// One raster file.
        case raster
        /// Several raster files on one grid.
        case bandFiles = "band files"
        /// A STAC Item.
        case stacItem = "STAC item"
    }

    /// What the user gave: the raster, the item, or the first band file.
    public let path: String
    public let kind: Kind
    public let datasets: [any RasterDataset]
    public let bands: [CaptureBand]
    /// Grid size in pixels.
    public let width: Int
    public let height: Int
    public let geoReference: GeoReference?
    /// Where the georeferencing came from ("GeoKeys", "world file", …, plus
    /// "--crs" when overridden), nil without georeferencing.
    public let georeferencingSource: String?
    public let captureTime: Date?
    public let captureTimeSource: CaptureTime.Source?
    /// Every file the capture reads (item, rasters, sidecars).
    public let files: [String]
    /// The item, for a STAC capture.
    public let stacItem: STACItem?

    /// Opens what `paths` name: one STAC item, one raster, or several rasters on one grid.
    ///
    /// - Parameters:
    ///   - crsOverride: CRS to use whatever the files say (their geotransform is kept).
    ///   - bandMapping: explicit roles (`--bands green=2,nir=4`); wins over every other source.
    ///   - time: capture time to use whatever the files say.
    /// - Throws: `RasterIOError` from opening a file, `CaptureError` for grids that differ,
    ///   a bad item or mapping.
    public static func open(_ paths: [String], limits: RasterLimits = .default, crsOverride: CRS? = nil,
                            bandMapping: BandMapping? = nil, time: Date? = nil) throws -> Capture {
        guard let first = paths.first else { throw CaptureError.noInputs }
        if paths.count == 1, try RasterOpener.isSTACItem(path: first) {
            let item = try STACItem(path: first)
            let opened = try item.assets.map { ($0.path, try RasterOpener.open(path: $0.path, limits: limits, crsOverride: crsOverride)) }
            return try Capture(path: first, kind: .stacItem, datasets: opened, stacItem: item,
                               crsOverride: crsOverride, bandMapping: bandMapping, time: time)
        }
        let opened = try paths.map { ($0, try RasterOpener.open(path: $0, limits: limits, crsOverride: crsOverride)) }
        return try Capture(path: first, kind: paths.count == 1 ? .raster : .bandFiles, datasets: opened, stacItem: nil,
                           crsOverride: crsOverride, bandMapping: bandMapping, time: time)
    }

    /// Assembles a capture from opened datasets (`(path, dataset)` in band order). Checks
    /// that every dataset is on the first one's grid and resolves roles, georeferencing and time.
    public init(path: String, kind: Kind, datasets opened: [(String, any RasterDataset)], stacItem: STACItem? = nil,
                crsOverride: CRS? = nil, bandMapping: BandMapping? = nil, time: Date? = nil) throws {
        guard let (firstPath, firstDS) = opened.first else { throw CaptureError.noInputs }
        let i0 = firstDS.info
        for (p, ds) in opened.dropFirst() {
            if let reason = Self.gridDifference(i0, ds.info) {
                throw CaptureError.gridMismatch(first: firstPath, other: p, reason: reason)
            }
        }
        self.path = path
        self.kind = kind
        self.stacItem = stacItem
        self.datasets = opened.map(\.1)
        self.width = i0.width
        self.height = i0.height

        // Georeferencing: the first file's, the CRS replaced by --crs, or taken from the
        // item's proj:epsg when the files carry none.
        var crs = crsOverride ?? i0.crs
        var geoSource = i0.georeferencingSource
        if crsOverride != nil, i0.geoTransform != nil {
            geoSource = [geoSource, "--crs"].compactMap { $0 }.joined(separator: " + ")
        }
        if crs == nil, let e = stacItem?.epsg, let c = try? CRS(epsg: e) {
            crs = c
            geoSource = [geoSource, "STAC proj:epsg"].compactMap { $0 }.joined(separator: " + ")
        }
        if let gt = i0.geoTransform, let crs {
            geoReference = GeoReference(transform: gt, crs: crs)
            georeferencingSource = geoSource
        } else {
            geoReference = nil
            georeferencingSource = nil
        }

        // Bands and roles.
        var bands: [CaptureBand] = []
        for (di, (p, ds)) in opened.enumerated() {
            let assetRoles = stacItem.flatMap { item in di < item.assets.count ? item.assets[di].bandRoles : nil } ?? []
            let nameRole = ds.info.bands.count == 1 ? BandRole.fromFileName(p) : nil
            let rgb = Set(ds.info.bands.map(\.colorInterpretation)).isSuperset(of: [.red, .green, .blue])
            for (bi, var b) in ds.info.bands.enumerated() {
                var role: String? = nil, source: String? = nil
                if bi < assetRoles.count, let r = assetRoles[bi] { (role, source) = (r, "STAC eo:bands") }
                else if let r = b.role { (role, source) = (r, "driver") }
                else if let r = BandRole.parse(b.description) { (role, source) = (r, "description") }
                else if let r = nameRole { (role, source) = (r, "file name") }
                else if rgb, let r = Self.colourRole(b.colorInterpretation) { (role, source) = (r, "colour interpretation") }
                b.role = role
                bands.append(CaptureBand(dataset: di, bandInDataset: bi, info: b, file: p, roleSource: source))
            }
        }
        if let mapping = bandMapping {
            for (role, n) in mapping.roles {
                guard n <= bands.count else { throw CaptureError.bandOutOfRange(role: role, band: n, bandCount: bands.count) }
            }
            bands = bands.enumerated().map { i, b in
                var info = b.info
                var source = b.roleSource
                if let role = mapping.roles.first(where: { $0.value == i + 1 })?.key {
                    info.role = role
                    source = "--bands"
                } else if let r = info.role, mapping.roles[r] != nil {
                    info.role = nil  // the mapping moved this role to another band
                    source = nil
                }
                return CaptureBand(dataset: b.dataset, bandInDataset: b.bandInDataset, info: info, file: b.file, roleSource: source)
            }
        }
        self.bands = bands

        // Time: given > STAC > TIFF DateTime > file name.
        if let time {
            (captureTime, captureTimeSource) = (time, .given)
        } else if let t = stacItem?.datetime {
            (captureTime, captureTimeSource) = (t, .stac)
        } else if let t = opened.lazy.compactMap({ Self.embeddedTime($0.1.info) }).first {
            (captureTime, captureTimeSource) = (t, .tiffDateTime)
        } else if let t = ([path] + opened.map(\.0)).lazy.compactMap({ CaptureTime.parseFileName($0) }).first {
            (captureTime, captureTimeSource) = (t, .fileName)
        } else {
            (captureTime, captureTimeSource) = (nil, nil)
        }

        var files: [String] = stacItem.map { [$0.path] } ?? []
        for (p, ds) in opened {
            let fs = ds.info.files.isEmpty ? [p] : ds.info.files
            for f in fs where !files.contains(f) { files.append(f) }
        }
        self.files = files
    }

    /// The roles present, in band order.
    public var roles: [String] { bands.compactMap(\.info.role) }

    /// 0-based index of the first band with `role`, or nil.
    public func bandIndex(role: String) -> Int? {
        let r = role.lowercased()
        return bands.firstIndex { $0.info.role == r }
    }

    /// 0-based index of the band with `role`; throws naming the roles present when absent.
    public func requireBand(role: String) throws -> Int {
        guard let i = bandIndex(role: role) else { throw CaptureError.noSuchRole(role: role, available: roles) }
        return i
    }

    /// Reads capture band `band` (0-based) over `window` into `into` (see
    /// ``RasterDataset/read(band:window:into:valid:)``: outside pixels get nodata or 0,
    /// `valid` marks inside-and-not-nodata pixels).
    public func read(band: Int, window: Window, into: PlaneBuffer, valid: PlaneBuffer? = nil) throws {
        guard band >= 0 && band < bands.count else {
            throw RasterIOError.badWindow(path: path, reason: "band \(band + 1) of \(bands.count)")
        }
        let b = bands[band]
        try datasets[b.dataset].read(band: b.bandInDataset, window: window, into: into, valid: valid)
    }

    /// Reads `window` of capture band `band` (0-based) into a new plane of its sample type.
    public func read(band: Int, window: Window) throws -> PlaneBuffer {
        guard band >= 0 && band < bands.count else {
            throw RasterIOError.badWindow(path: path, reason: "band \(band + 1) of \(bands.count)")
        }
        let out = PlaneBuffer(width: window.width, height: window.height, sampleType: bands[band].info.sampleType)
        try read(band: band, window: window, into: out, valid: nil)
        return out
    }

    /// Reads `window` of the band with `role` into a new plane.
    public func read(role: String, window: Window) throws -> PlaneBuffer {
        try read(band: try requireBand(role: role), window: window)
    }

    // MARK: helpers

    static func colourRole(_ c: ColorInterpretation) -> String? {
        switch c {
        case .red: "red"
        case .green: "green"
        case .blue: "blue"
        default: nil
        }
    }

    /// A time the file itself records: the driver's `captureTime`, else a TIFF DateTime in
    /// its metadata.
    static func embeddedTime(_ info: DatasetInfo) -> Date? {
        if let t = info.captureTime { return t }
        for key in ["TIFFTAG_DATETIME", "DateTime", "DATETIME"] {
            if let s = info.metadata[key], let d = CaptureTime.parseTIFFDateTime(s) { return d }
        }
        return nil
    }

    /// Why `b` is not on `a`'s grid, or nil when it is (same size, geotransform within a
    /// millionth of a pixel, same CRS).
    static func gridDifference(_ a: DatasetInfo, _ b: DatasetInfo) -> String? {
        if a.width != b.width || a.height != b.height {
            return "size \(b.width)×\(b.height) differs from \(a.width)×\(a.height)"
        }
        switch (a.geoTransform, b.geoTransform) {
        case (nil, nil): break
        case (.some, nil): return "it has no geotransform"
        case (nil, .some): return "it has a geotransform, the first file has none"
        case (let ga?, let gb?):
            let px = max(abs(ga.c1), abs(ga.c2), abs(ga.c4), abs(ga.c5), .leastNonzeroMagnitude)
            let tolerance = px * 1e-6
            let origin = max(abs(ga.c0 - gb.c0), abs(ga.c3 - gb.c3))
            let scale = max(abs(ga.c1 - gb.c1), abs(ga.c2 - gb.c2), abs(ga.c4 - gb.c4), abs(ga.c5 - gb.c5))
            if origin > tolerance || scale * Double(max(a.width, a.height)) > tolerance {
                return "geotransform \(gb.gdal) differs from \(ga.gdal)"
            }
        }
        switch (a.crs, b.crs) {
        case (nil, nil): break
        case (.some, nil): return "it has no CRS"
        case (nil, .some): return "it has a CRS, the first file has none"
        case (let ca?, let cb?):
            if ca == cb { break }
            if let ea = ca.epsg, let eb = cb.epsg {
                if ea != eb { return "CRS \(cb) differs from \(ca)" }
                break
            }
            if ca.wkt(.wkt2_2019) != cb.wkt(.wkt2_2019) { return "CRS \(cb) differs from \(ca)" }
        }
        return nil
    }
}
