import CTIFF
import CTIFFShims
import Foundation
import GeoReferencing
import Raster
import RasterIO

/// A GeoTIFF (or plain TIFF) opened for windowed reads through libtiff, georeferenced
/// through libgeotiff.
///
/// Reads the first full-resolution image of the file (reduced-resolution and mask
/// subfiles are skipped). Every layout libtiff decodes is read: strips or tiles, pixel- or
/// band-interleaved, classic or BigTIFF, either byte order, 1–64 bits per sample, every
/// compression libtiff was built with. Values match what GDAL 3.6 returns; see
/// docs/geotiff.md for the support matrix and the known differences.
///
/// Thread-safe: concurrent ``read(band:window:into:valid:)`` calls each borrow their own
/// libtiff handle.
public final class GeoTIFFDataset: RasterDataset {
    public let info: DatasetInfo
    let layout: TIFFLayout
    let limits: RasterLimits
    let pool: TIFFHandlePool
    /// Decoded blocks shared between windows (64 MiB).
    let blockCache = BlockCache(budget: 64 << 20)

    /// Whether `header` (the first bytes of a file, at least 4) starts like a TIFF:
    /// `II*\0`, `MM\0*` (classic) or `II+\0`, `MM\0+` (BigTIFF).
    public static func identify(_ header: [UInt8]) -> Bool {
        guard header.count >= 4 else { return false }
        let h = Array(header.prefix(4))
        return h == [0x49, 0x49, 0x2A, 0x00] || h == [0x4D, 0x4D, 0x00, 0x2A]
            || h == [0x49, 0x49, 0x2B, 0x00] || h == [0x4D, 0x4D, 0x00, 0x2B]
    }

    /// Opens `path`. Checks `limits` against the header before allocating anything sized by it.
    public static func open(path: String, limits: RasterLimits = .default) throws -> GeoTIFFDataset {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            throw RasterIOError.notFound(path: path)
        }
        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw RasterIOError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        let header = [UInt8]((try? fh.read(upToCount: 8)) ?? Data())
        try? fh.close()
        guard identify(header) else {
            throw RasterIOError.unsupportedFormat(path: path, detected: header.count < 4 ? "file shorter than a TIFF header"
                                                  : "no TIFF signature (starts with \(header.prefix(4).map { String(format: "%02X", $0) }.joined()))")
        }
        let maxAlloc = min(limits.maxBlockBytes, 1 << 30)
        let h = try TIFFHandle(path: path, mode: "rO", maxSingleAlloc: maxAlloc)
        let directory = selectDirectory(h)
        let layout = try TIFFLayout.read(h, directory: directory, limits: limits)
        let info = try describe(h, layout: layout)
        return GeoTIFFDataset(info: info, layout: layout, limits: limits, first: h, maxAlloc: maxAlloc)
    }

    private init(info: DatasetInfo, layout: TIFFLayout, limits: RasterLimits, first: TIFFHandle, maxAlloc: Int) {
        self.info = info
        self.layout = layout
        self.limits = limits
        let path = info.path
        pool = TIFFHandlePool(first: first) { () throws(RasterIOError) -> TIFFHandle in
            let h = try TIFFHandle(path: path, mode: "rO", maxSingleAlloc: maxAlloc)
            if layout.directory != 0 {
                guard TIFFSetDirectory(h.tif, UInt32(layout.directory)) == 1 else {
                    throw .corrupt(path: path, reason: h.lastError(or: "cannot reopen directory \(layout.directory)"))
                }
            }
            if layout.jpegToRGB { h.set(TIFFTAG_JPEGCOLORMODE, int: Int(JPEGCOLORMODE_RGB)) }
            return h
        }
    }

    /// The first directory that is neither a reduced-resolution image nor a mask; the
    /// first directory when all are. Leaves `h` on the chosen directory.
    private static func selectDirectory(_ h: TIFFHandle) -> Int {
        var index = 0
        while index < 1000 {
            let sub = h.u32(TIFFTAG_SUBFILETYPE) ?? 0
            if sub & UInt32(FILETYPE_REDUCEDIMAGE | FILETYPE_MASK) == 0 { return index }
            guard TIFFReadDirectory(h.tif) == 1 else { break }
            index += 1
        }
        _ = TIFFSetDirectory(h.tif, 0)
        return 0
    }

    /// Everything but the pixels.
    private static func describe(_ h: TIFFHandle, layout: TIFFLayout) throws -> DatasetInfo {
        let path = h.path
        var metadata: [String: String] = [:]
        var gdalMD = GDALMetadataXML("")
        if let xml = h.string(GeoTIFFTag.gdalMetadata) {
            gdalMD = GDALMetadataXML(xml)
            metadata.merge(gdalMD.datasetItems) { a, _ in a }
        }
        let noData = h.string(GeoTIFFTag.gdalNoData).flatMap(parseNoData)
        var captureTime: Date? = nil
        if let dt = h.string(TIFFTAG_DATETIME) {
            metadata["TIFFTAG_DATETIME"] = dt
            captureTime = parseTIFFDateTime(dt)
        }
        for (tag, name) in [(TIFFTAG_IMAGEDESCRIPTION, "TIFFTAG_IMAGEDESCRIPTION"), (TIFFTAG_SOFTWARE, "TIFFTAG_SOFTWARE"),
                            (TIFFTAG_ARTIST, "TIFFTAG_ARTIST"), (TIFFTAG_DOCUMENTNAME, "TIFFTAG_DOCUMENTNAME")] {
            if let v = h.string(tag) { metadata[name] = v }
        }
        let geo = GeoTIFFGeoreferencing.read(h, layout: layout)
        metadata["AREA_OR_POINT"] = geo.pixelIsPoint ? "Point" : "Area"
        if let w = geo.warning { metadata["GEOREFERENCING_WARNING"] = w }

        var palette = readPalette(h, layout: layout)
        // As GDAL: the colour table entry of the nodata index is transparent.
        if let nd = noData, nd == nd.rounded(), nd >= 0, let p = palette, nd < Double(p.count) { palette?[Int(nd)].a = 0 }
        let interps = colorInterpretations(h, layout: layout, hasPalette: palette != nil, metadata: gdalMD)
        // GDAL reads a single strip taller than 2000 rows line by line and reports Block=W×1.
        let reportedBlockHeight = !layout.tiled && layout.blockHeight == layout.height && layout.height > 2000
            ? 1 : layout.blockHeight
        var bands: [BandInfo] = []
        for b in 0..<layout.bands {
            bands.append(BandInfo(sampleType: layout.sampleType, bitsPerSample: layout.bitsPerSample,
                                  description: gdalMD.description(sample: b) ?? "", noData: noData,
                                  colorInterpretation: interps[b], palette: b == 0 ? palette : nil,
                                  blockWidth: layout.blockWidth, blockHeight: reportedBlockHeight))
        }
        return DatasetInfo(path: path, driver: "GTiff", width: layout.width, height: layout.height, bands: bands,
                           geoTransform: geo.geoTransform, crs: geo.crs, georeferencingSource: geo.source,
                           captureTime: captureTime,
                           compression: GeoTIFFCompressionName.name(layout.compression, jpegYCbCr: layout.jpegToRGB),
                           interleave: layout.bands > 1 && !layout.separate ? "PIXEL" : "BAND",
                           metadata: metadata, files: [path])
    }

    /// GDAL_NODATA text → value (GDAL accepts "nan", "inf" and leading numbers).
    static func parseNoData(_ text: String) -> Double? {
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch s.lowercased() {
        case "nan", "-nan": return .nan
        case "inf", "+inf", "infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: break
        }
        if let v = Double(s) { return v }
        // Leading numeric prefix, as strtod takes it.
        var prefix = ""
        for c in s {
            if c.isNumber || "+-.eE".contains(c) { prefix.append(c) } else { break }
        }
        while !prefix.isEmpty {
            if let v = Double(prefix) { return v }
            prefix.removeLast()
        }
        return nil
    }

    /// TIFF `DateTime` ("YYYY:MM:DD HH:MM:SS"), read as UTC. Also accepts `-` or `/` date separators.
    static func parseTIFFDateTime(_ text: String) -> Date? {
        let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count >= 6 else { return nil }
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour, c.minute, c.second) = (digits[0], digits[1], digits[2], digits[3], digits[4], digits[5])
        guard (1...9999).contains(digits[0]), (1...12).contains(digits[1]), (1...31).contains(digits[2]),
              (0...23).contains(digits[3]), (0...59).contains(digits[4]), (0...60).contains(digits[5]) else { return nil }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        return cal.date(from: c)
    }

    /// The colour map of a palette image, scaled to 0…255 as GDAL does (value / 257); for
    /// MINISWHITE images up to 16 bits, GDAL's inverted grey ramp (pixel values unchanged).
    private static func readPalette(_ h: TIFFHandle, layout: TIFFLayout) -> [PaletteEntry]? {
        guard layout.mode == .direct, layout.bitsPerSample <= 16, layout.sampleType != .float32 else { return nil }
        if layout.photometric == Int(PHOTOMETRIC_MINISWHITE) {
            let n = 1 << layout.bitsPerSample
            return (0..<n).map { i in
                let v = UInt8((255 * (n - 1 - i)) / max(1, n - 1))
                return PaletteEntry(r: v, g: v, b: v, a: 255)
            }
        }
        if layout.photometric == Int(PHOTOMETRIC_MINISBLACK), layout.bitsPerSample == 1, layout.samplesPerPixel == 1 {
            // GDAL gives bilevel images a black/white colour table.
            return [PaletteEntry(r: 0, g: 0, b: 0), PaletteEntry(r: 255, g: 255, b: 255)]
        }
        guard layout.photometric == Int(PHOTOMETRIC_PALETTE) else { return nil }
        var r: UnsafePointer<UInt16>? = nil, g: UnsafePointer<UInt16>? = nil, b: UnsafePointer<UInt16>? = nil
        guard alongside_tiff_get_colormap(h.tif, &r, &g, &b) == 1, let r, let g, let b else { return nil }
        let n = 1 << layout.bitsPerSample
        return (0..<n).map { i in
            PaletteEntry(r: UInt8(r[i] / 257), g: UInt8(g[i] / 257), b: UInt8(b[i] / 257), a: 255)
        }
    }

    /// Colour interpretation per band, named as gdalinfo names them: photometric channels
    /// first, then extra samples (alpha), then GDAL_METADATA `role="colorinterp"` overrides.
    private static func colorInterpretations(_ h: TIFFHandle, layout: TIFFLayout, hasPalette: Bool,
                                             metadata: GDALMetadataXML) -> [ColorInterpretation] {
        var out = [ColorInterpretation](repeating: .undefined, count: layout.bands)
        if layout.mode == .rgba {
            out = Array([ColorInterpretation.red, .green, .blue, .alpha].prefix(layout.bands))
        } else {
            var extraCount: UInt16 = 0
            var extra: UnsafePointer<UInt16>? = nil
            _ = alongside_tiff_get_extrasamples(h.tif, &extraCount, &extra)
            let base = layout.samplesPerPixel - Int(extraCount)
            for b in 0..<layout.bands {
                switch layout.photometric {
                case Int(PHOTOMETRIC_RGB) where b < 3:
                    out[b] = [.red, .green, .blue][b]
                    continue
                case Int(PHOTOMETRIC_YCBCR) where b < 3:
                    out[b] = layout.jpegToRGB ? [.red, .green, .blue][b] : [.y, .cb, .cr][b]
                    continue
                case Int(PHOTOMETRIC_MINISBLACK) where b == 0:
                    out[b] = hasPalette ? .palette : .gray
                    continue
                case Int(PHOTOMETRIC_MINISWHITE) where b == 0:
                    out[b] = hasPalette ? .palette : .undefined
                    continue
                case Int(PHOTOMETRIC_PALETTE) where b == 0:
                    out[b] = hasPalette ? .palette : .gray
                    continue
                default: break
                }
                if let extra, b >= base, b - base < Int(extraCount) {
                    let kind = Int(extra[b - base])
                    if kind == Int(EXTRASAMPLE_ASSOCALPHA) || kind == Int(EXTRASAMPLE_UNASSALPHA) { out[b] = .alpha }
                }
            }
        }
        for item in metadata.items where item.role == "colorinterp" {
            if let s = item.sample, s >= 0, s < out.count, let ci = ColorInterpretation(rawValue: item.value) { out[s] = ci }
        }
        return out
    }
}
