import CPNGShims
import Foundation
import GeoReferencing
import Raster
import RasterIO

/// A PNG opened for reading, presented as GDAL's PNG driver presents it:
///
/// | PNG colour type | bands | sample type |
/// |---|---|---|
/// | gray (1/2/4/8/16-bit) | 1 (Gray) | UInt8, or UInt16 for 16-bit; 1/2/4-bit values kept as 0…2ⁿ−1 |
/// | gray + alpha | 2 (Gray, Alpha) | UInt8 / UInt16 |
/// | RGB | 3 (Red, Green, Blue) | UInt8 / UInt16 |
/// | RGBA | 4 (Red, Green, Blue, Alpha) | UInt8 / UInt16 |
/// | palette (1/2/4/8-bit) | 1 (Palette) of indices, with the colour table (alpha from tRNS) | UInt8 |
///
/// Nodata as GDAL: a gray tRNS value; an RGB tRNS colour (per band, and the pixel is invalid
/// only where all three match); the one palette index whose alpha is 0, if exactly one is.
///
/// PNG cannot be read by window, so the whole image is decoded once, on the first read
/// (thread-safe), and windows are served from memory. The header, limits and a
/// decompression-bomb check are applied at ``open(path:limits:crsOverride:)``, before any
/// pixel memory is allocated.
public final class PNGDataset: RasterDataset, @unchecked Sendable {
    public let info: DatasetInfo
    /// The header as libpng read it.
    public let header: PNGHeader

    private let source: PNGSource
    private let limits: RasterLimits
    /// The RGB tRNS colour (dataset-level nodata, as GDAL's mask treats it).
    private let transparentRGB: [Int]?
    private let lock = NSLock()
    // Guarded by `lock`; the planes are never written after decoding.
    private var decoded: Result<[PlaneBuffer], RasterIOError>?

    /// Opens the PNG at `path`: reads the header and checks it against `limits`, and finds
    /// the georeferencing (``PNGGeoreferencing``). Pixels are decoded on the first read.
    ///
    /// - Parameter crsOverride: the CRS to use whatever the sidecar files say.
    /// - Throws: `RasterIOError`: `notFound`; `unsupportedFormat` naming what the file is when
    ///   it is not a PNG; `corrupt` with libpng's reason; `tooLarge`; `georeferencing`.
    public static func open(path: String, limits: RasterLimits = .default, crsOverride: CRS? = nil) throws -> PNGDataset {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw RasterIOError.notFound(path: path) }
        guard !isDir.boolValue else { throw RasterIOError.unreadable(path: path, reason: "is a directory") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw RasterIOError.unreadable(path: path, reason: "permission denied")
        }
        let ds = try PNGDataset(source: .file(path: path), limits: limits)
        let geo = try PNGGeoreferencing.resolve(imagePath: path, width: ds.info.width, height: ds.info.height,
                                                crsOverride: crsOverride)
        var info = ds.info
        info.geoTransform = geo.geoTransform
        info.crs = geo.crs
        info.georeferencingSource = geo.source
        info.files += geo.files
        return PNGDataset(copying: ds, info: info)
    }

    /// Opens a PNG held in memory (no georeferencing: there are no sidecars). `name` is what
    /// messages call it.
    public static func open(bytes: [UInt8], name: String = "<memory>", limits: RasterLimits = .default) throws -> PNGDataset {
        try PNGDataset(source: .memory(bytes: bytes, name: name), limits: limits)
    }

    private init(source: PNGSource, limits: RasterLimits) throws {
        let name = source.name
        let first = try source.prefix(64)
        guard Self.identify(first) else {
            let what = Self.sniff(first) ?? "unrecognised content"
            let ext = WorldFile.splitExtension(name).ext
            let detected = first.isEmpty || ext.isEmpty ? what : "\(what) named .\(ext)"
            throw RasterIOError.unsupportedFormat(path: name, detected: detected)
        }
        // libpng refuses widths over its own limit as "Invalid IHDR data": check the size first,
        // so a huge header is reported as too large, not as corrupt.
        if first.count >= 24, first[12..<16].elementsEqual("IHDR".utf8) {
            let w = first[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = first[20..<24].reduce(0) { $0 << 8 | Int($1) }
            if w > limits.maxDimension || h > limits.maxDimension {
                throw RasterIOError.tooLarge(path: name, what: "size \(w)×\(h)", limit: "\(limits.maxDimension) pixels a side")
            }
        }
        let scan = try source.scanChunks()
        if let truncation = scan.truncation { throw RasterIOError.corrupt(path: name, reason: truncation) }
        let (header, text) = try source.withReader(limits: limits) { reader, raw in
            (try PNGHeader(raw, path: name), Self.textChunks(reader))
        }
        try Self.check(header, compressed: scan.compressedImageBytes, name: name, limits: limits)

        let type: SampleType = header.bitDepth == 16 ? .uint16 : .uint8
        var bands: [BandInfo] = header.colorType.bandInterpretations.map {
            BandInfo(sampleType: type, bitsPerSample: header.bitDepth, colorInterpretation: $0,
                     blockWidth: header.width, blockHeight: 1)
        }
        var metadata = text
        var rgbNodata: [Int]?
        switch header.colorType {
        case .palette:
            let palette = header.palette ?? []
            bands[0].palette = palette
            let clear = palette.indices.filter { palette[$0].a == 0 }
            if clear.count == 1 { bands[0].noData = Double(clear[0]) }
        case .gray:
            if let t = header.transparentColor { bands[0].noData = Double(t[0]) }
        case .rgb:
            if let t = header.transparentColor {
                for b in 0..<3 { bands[b].noData = Double(t[b]) }
                metadata["NODATA_VALUES"] = t.map(String.init).joined(separator: " ")
                rgbNodata = t
            }
        case .grayAlpha, .rgba:
            break
        }
        self.info = DatasetInfo(path: name, driver: "PNG", width: header.width, height: header.height, bands: bands,
                                interleave: bands.count > 1 ? "PIXEL" : nil, metadata: metadata, files: [name])
        self.header = header
        self.source = source
        self.limits = limits
        self.transparentRGB = rgbNodata
    }

    /// Text chunks before the image data as metadata, keys made safe the way GDAL makes them
    /// (space, `=` and `:` become `_`); tEXt/zTXt are Latin-1, iTXt UTF-8.
    private static func textChunks(_ reader: OpaquePointer) -> [String: String] {
        var out: [String: String] = [:]
        for i in 0..<alongside_png_reader_text_count(reader) {
            var key: UnsafePointer<CChar>?
            var length = 0
            var utf8: Int32 = 0
            guard let text = alongside_png_reader_text(reader, i, &key, &length, &utf8), let key else { continue }
            let k = String(String(cString: key).map { $0 == " " || $0 == "=" || $0 == ":" ? "_" : $0 })
            let bytes = UnsafeRawBufferPointer(start: text, count: length)
            out[k] = utf8 != 0 ? String(decoding: bytes, as: UTF8.self)
                : String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        }
        return out
    }

    private init(copying other: PNGDataset, info: DatasetInfo) {
        self.info = info
        self.header = other.header
        self.source = other.source
        self.limits = other.limits
        self.transparentRGB = other.transparentRGB
    }

    /// Refuses headers beyond `limits`, and IDAT data too small to inflate to the image the
    /// header promises (deflate cannot exceed 1032:1), before anything is allocated.
    private static func check(_ h: PNGHeader, compressed: Int, name: String, limits: RasterLimits) throws {
        guard h.width > 0, h.height > 0 else { throw RasterIOError.corrupt(path: name, reason: "image is \(h.width)×\(h.height)") }
        if h.width > limits.maxDimension || h.height > limits.maxDimension {
            throw RasterIOError.tooLarge(path: name, what: "size \(h.width)×\(h.height)", limit: "\(limits.maxDimension) pixels a side")
        }
        let (pixels, o1) = h.width.multipliedReportingOverflow(by: h.height)
        if o1 || pixels > limits.maxPixels {
            throw RasterIOError.tooLarge(path: name, what: "size \(h.width)×\(h.height)", limit: "\(limits.maxPixels) pixels")
        }
        if h.channels > limits.maxBands {
            throw RasterIOError.tooLarge(path: name, what: "\(h.channels) bands", limit: "\(limits.maxBands)")
        }
        if h.rowBytes > limits.maxBlockBytes {
            throw RasterIOError.tooLarge(path: name, what: "a row of \(h.rowBytes) bytes", limit: "\(limits.maxBlockBytes) bytes per block")
        }
        let (decoded, o2) = pixels.multipliedReportingOverflow(by: h.channels * h.bytesPerSample)
        if o2 || decoded > limits.maxReadBytes {
            throw RasterIOError.tooLarge(path: name, what: "the decoded image (\(h.width)×\(h.height)×\(h.channels)×\(h.bytesPerSample) bytes)",
                                         limit: "\(limits.maxReadBytes) bytes")
        }
        let needed = h.minimumInflatedBytes
        if compressed == 0 {
            throw RasterIOError.corrupt(path: name, reason: "no image data (IDAT) in the file")
        }
        let (ceiling, o3) = compressed.multipliedReportingOverflow(by: 1032)
        if !o3 && needed > ceiling + 4096 {
            throw RasterIOError.corrupt(path: name, reason: "\(compressed) bytes of image data cannot inflate to the \(needed) a \(h.width)×\(h.height) \(h.colorType.name) image needs (truncated, or a decompression bomb)")
        }
        if needed / compressed > limits.maxCompressionRatio {
            throw RasterIOError.tooLarge(path: name, what: "compression ratio \(needed / compressed):1",
                                         limit: "\(limits.maxCompressionRatio):1")
        }
    }

    /// Every band, decoded (once; later calls return the same planes). Do not write into them.
    public func decodedPlanes() throws -> [PlaneBuffer] {
        lock.lock()
        defer { lock.unlock() }
        if let decoded { return try decoded.get() }
        let result: Result<[PlaneBuffer], RasterIOError>
        do {
            result = .success(try PNGDecoder.decode(source, expected: header, limits: limits))
        } catch let e as RasterIOError {
            result = .failure(e)
        } catch {
            result = .failure(.corrupt(path: source.name, reason: "\(error)"))
        }
        decoded = result
        return try result.get()
    }

    public func read(band: Int, window: Window, into: PlaneBuffer, valid: PlaneBuffer?) throws {
        let name = info.path
        guard info.bands.indices.contains(band) else {
            throw RasterIOError.badWindow(path: name, reason: "band \(band) of \(info.bands.count) (0-based)")
        }
        let bandInfo = info.bands[band]
        guard into.width == window.width, into.height == window.height, into.sampleType == bandInfo.sampleType else {
            throw RasterIOError.badWindow(path: name, reason: "buffer is \(into.width)×\(into.height) \(into.sampleType), window \(window.width)×\(window.height) of \(bandInfo.sampleType)")
        }
        if let valid, valid.width != window.width || valid.height != window.height || valid.sampleType != .uint8 {
            throw RasterIOError.badWindow(path: name, reason: "valid mask must be \(window.width)×\(window.height) uint8")
        }
        let (bytes, overflow) = window.pixelCount.multipliedReportingOverflow(by: bandInfo.sampleType.byteCount)
        if overflow || bytes > limits.maxReadBytes {
            throw RasterIOError.tooLarge(path: name, what: "a read of \(window)", limit: "\(limits.maxReadBytes) bytes")
        }
        let planes = try decodedPlanes()
        let inside = window.clipped(width: info.width, height: info.height)
        let local = inside.offset(dx: -window.col, dy: -window.row)

        // Outside the raster: nodata (or 0), invalid.
        if inside != window {
            let fill = bandInfo.noData ?? 0
            if bandInfo.sampleType == .uint16 { into.fill(UInt16(clamping: Int(fill))) } else { into.fill(UInt8(clamping: Int(fill))) }
            valid?.fill(UInt8(0))
        }
        if !inside.isEmpty {
            let bpp = bandInfo.sampleType.byteCount
            let src = planes[band]
            for y in 0..<inside.height {
                (into.rowPointer(local.row + y) + local.col * bpp)
                    .copyMemory(from: src.rowPointer(inside.row + y) + inside.col * bpp, byteCount: inside.width * bpp)
            }
            if let valid { fillValid(valid, band: band, inside: inside, local: local, planes: planes) }
        }
    }

    /// 1 where the pixel is not nodata and not fully transparent, as GDAL's mask band has it:
    /// the band's nodata value; for RGB with tRNS only where all three bands match; for
    /// palette images the entries whose alpha is 0; with an alpha band, alpha 0 (the alpha
    /// band itself is valid everywhere).
    private func fillValid(_ valid: PlaneBuffer, band: Int, inside: Window, local: Window, planes: [PlaneBuffer]) {
        let mask = valid.view(as: UInt8.self).window(local)
        for y in 0..<mask.height { mask.row(y).update(repeating: 1) }
        let colorType = header.colorType
        if colorType.hasAlpha && band == planes.count - 1 { return }
        if header.bitDepth == 16 {
            clearInvalid(UInt16.self, mask: mask, band: band, inside: inside, planes: planes)
        } else {
            clearInvalid(UInt8.self, mask: mask, band: band, inside: inside, planes: planes)
        }
    }

    private func clearInvalid<T: RasterSample & FixedWidthInteger>(_: T.Type, mask: PlaneView<UInt8>, band: Int,
                                                                   inside: Window, planes: [PlaneBuffer]) {
        let views = planes.map { $0.view(as: T.self).window(inside) }
        if header.colorType.hasAlpha {
            let alpha = views[views.count - 1]
            for y in 0..<mask.height {
                let a = alpha.row(y), m = mask.row(y)
                for x in 0..<m.count where a[x] == 0 { m[x] = 0 }
            }
        } else if let rgb = transparentRGB {
            let (tr, tg, tb) = (T(truncatingIfNeeded: rgb[0]), T(truncatingIfNeeded: rgb[1]), T(truncatingIfNeeded: rgb[2]))
            for y in 0..<mask.height {
                let r = views[0].row(y), g = views[1].row(y), b = views[2].row(y), m = mask.row(y)
                for x in 0..<m.count where r[x] == tr && g[x] == tg && b[x] == tb { m[x] = 0 }
            }
        } else if header.colorType == .palette, let palette = info.bands[0].palette, palette.contains(where: { $0.a == 0 }) {
            var transparent = [Bool](repeating: false, count: 256)
            for (i, e) in palette.enumerated() where i < 256 { transparent[i] = e.a == 0 }
            for y in 0..<mask.height {
                let v = views[0].row(y), m = mask.row(y)
                for x in 0..<m.count where transparent[Int(v[x]) & 0xFF] { m[x] = 0 }
            }
        } else if let nd = info.bands[band].noData {
            let target = T(truncatingIfNeeded: Int(nd))
            for y in 0..<mask.height {
                let v = views[band].row(y), m = mask.row(y)
                for x in 0..<m.count where v[x] == target { m[x] = 0 }
            }
        }
    }
}
