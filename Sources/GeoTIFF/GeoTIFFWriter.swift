import CTIFF
import CTIFFShims
import Foundation
import GeoReferencing
import Raster
import RasterIO

/// Writes tiled GeoTIFFs that GDAL reads back with the same size, geotransform, CRS,
/// nodata, band descriptions and pixels.
///
/// Layout: one band per plane (`PLANARCONFIG_SEPARATE`, GDAL's `INTERLEAVE=BAND`),
/// square tiles, `PHOTOMETRIC_MINISBLACK` with extra samples for bands after the first.
/// Georeferencing: `ModelPixelScale` + `ModelTiepoint` for north-up transforms,
/// `ModelTransformation` otherwise; GeoKeys `GTModelType`, `GTRasterType = PixelIsArea`
/// and the EPSG code in `ProjectedCSType` or `GeographicType`. The file appears
/// atomically (written beside the destination, then renamed).
public enum GeoTIFFWriter {
    /// Writes `bands` (all the same size and sample type) to `path`.
    ///
    /// - Parameters:
    ///   - geoTransform: pixel (corner origin) → map coordinates, GDAL order.
    ///   - crs: must carry an EPSG code, or be a PROJ string (`+proj=…`).
    ///   - noData: written as GDAL's `GDAL_NODATA` tag.
    ///   - descriptions: one per band (GDAL band descriptions), or nil.
    ///   - dateTime: TIFF `DateTime`, written in UTC.
    ///   - tileSize: tile edge in pixels, a positive multiple of 16.
    ///   - deflateLevel: 1 (fastest) … 12 (smallest, libdeflate); 6 is GDAL's default.
    public static func write(path: String, bands: [PlaneBuffer], geoTransform: GeoTransform?, crs: CRS?,
                             noData: Double?, descriptions: [String]? = nil, dateTime: Date? = nil,
                             tileSize: Int = 256, compression: Compression = .deflate, deflateLevel: Int = 6) throws {
        guard let first = bands.first else { throw RasterIOError.writeFailed(path: path, reason: "no bands to write") }
        for b in bands where b.width != first.width || b.height != first.height || b.sampleType != first.sampleType {
            throw RasterIOError.writeFailed(
                path: path,
                reason: "bands differ: \(first.width)×\(first.height) \(first.sampleType) vs \(b.width)×\(b.height) \(b.sampleType)")
        }
        guard first.width > 0, first.height > 0 else {
            throw RasterIOError.writeFailed(path: path, reason: "empty raster \(first.width)×\(first.height)")
        }
        guard tileSize > 0, tileSize % 16 == 0 else {
            throw RasterIOError.writeFailed(path: path, reason: "tile size \(tileSize) is not a positive multiple of 16")
        }
        guard (1...12).contains(deflateLevel) else {
            throw RasterIOError.writeFailed(path: path, reason: "deflate level \(deflateLevel) is not in 1…12")
        }
        if let descriptions, descriptions.count != bands.count {
            throw RasterIOError.writeFailed(path: path, reason: "\(descriptions.count) descriptions for \(bands.count) bands")
        }
        if let crs, crs.epsg == nil, !crs.definition.hasPrefix("+") {
            throw RasterIOError.unsupported(path: path, feature: "writing a CRS without EPSG code (\(crs.name))")
        }
        try AtomicFile.write(to: path) { tmp in
            try writeFile(tmp: tmp, path: path, bands: bands, geoTransform: geoTransform, crs: crs, noData: noData,
                          descriptions: descriptions, dateTime: dateTime, tileSize: tileSize, compression: compression,
                          deflateLevel: deflateLevel)
        }
    }

    private static func writeFile(tmp: String, path: String, bands: [PlaneBuffer], geoTransform: GeoTransform?,
                                  crs: CRS?, noData: Double?, descriptions: [String]?, dateTime: Date?,
                                  tileSize: Int, compression: Compression, deflateLevel: Int) throws {
        let first = bands[0]
        let type = first.sampleType
        let rawBytes = first.width * first.height * type.byteCount * bands.count
        // Classic TIFF offsets are 32-bit: switch to BigTIFF well before 4 GiB.
        let mode = rawBytes > 3_500_000_000 ? "w8" : "w"
        let h: TIFFHandle
        do { h = try TIFFHandle(path: tmp, mode: mode, maxSingleAlloc: 0) } catch {
            throw RasterIOError.writeFailed(path: path, reason: "\(error)")
        }
        func fail(_ what: String) -> RasterIOError {
            .writeFailed(path: path, reason: h.lastError(or: "libtiff refused \(what)"))
        }
        let format = Int(type.isFloatingPoint ? SAMPLEFORMAT_IEEEFP : (type.isSigned ? SAMPLEFORMAT_INT : SAMPLEFORMAT_UINT))
        let ok = h.set(TIFFTAG_IMAGEWIDTH, u32: UInt32(first.width))
            && h.set(TIFFTAG_IMAGELENGTH, u32: UInt32(first.height))
            && h.set(TIFFTAG_BITSPERSAMPLE, int: type.byteCount * 8)
            && h.set(TIFFTAG_SAMPLESPERPIXEL, int: bands.count)
            && h.set(TIFFTAG_SAMPLEFORMAT, int: format)
            && h.set(TIFFTAG_PLANARCONFIG, int: Int(PLANARCONFIG_SEPARATE))
            && h.set(TIFFTAG_PHOTOMETRIC, int: Int(PHOTOMETRIC_MINISBLACK))
            && h.set(TIFFTAG_TILEWIDTH, u32: UInt32(tileSize))
            && h.set(TIFFTAG_TILELENGTH, u32: UInt32(tileSize))
            && h.set(TIFFTAG_COMPRESSION, int: compression.tiffCode)
        guard ok else { throw fail("the image structure tags") }
        if compression == .deflate {
            guard h.set(TIFFTAG_ZIPQUALITY, int: deflateLevel) else { throw fail("the deflate level") }
        }
        if compression != .none, !type.isFloatingPoint {
            guard h.set(TIFFTAG_PREDICTOR, int: Int(PREDICTOR_HORIZONTAL)) else { throw fail("the predictor") }
        }
        if bands.count > 1 {
            let extra = [UInt16](repeating: UInt16(EXTRASAMPLE_UNSPECIFIED), count: bands.count - 1)
            guard extra.withUnsafeBufferPointer({ alongside_tiff_set_extrasamples(h.tif, UInt16($0.count), $0.baseAddress) }) == 1
            else { throw fail("ExtraSamples") }
        }
        if let noData { guard h.set(GeoTIFFTag.gdalNoData, string: gdalNoDataString(noData)) else { throw fail("GDAL_NODATA") } }
        if let descriptions, descriptions.contains(where: { !$0.isEmpty }) {
            guard h.set(GeoTIFFTag.gdalMetadata, string: gdalMetadataXML(descriptions: descriptions)) else {
                throw fail("GDAL_METADATA")
            }
        }
        if let dateTime { guard h.set(TIFFTAG_DATETIME, string: tiffDateTime(dateTime)) else { throw fail("DateTime") } }
        h.set(TIFFTAG_SOFTWARE, string: "Alongside")
        if let gt = geoTransform {
            let tagsOK: Bool
            if gt.isNorthUp {
                tagsOK = h.set(GeoTIFFTag.modelPixelScale, doubles: [gt.c1, -gt.c5, 0])
                    && h.set(GeoTIFFTag.modelTiepoint, doubles: [0, 0, 0, gt.c0, gt.c3, 0])
            } else {
                tagsOK = h.set(GeoTIFFTag.modelTransformation,
                               doubles: [gt.c1, gt.c2, 0, gt.c0, gt.c4, gt.c5, 0, gt.c3, 0, 0, 0, 0, 0, 0, 0, 1])
            }
            guard tagsOK else { throw fail("the georeferencing tags") }
        }
        if let crs { try writeGeoKeys(h, crs: crs, path: path) }
        try writeTiles(h, bands: bands, tileSize: tileSize, path: path)
        h.clearMessages()
        guard TIFFFlush(h.tif) == 1, h.errorCount == 0 else { throw fail("flushing the file") }
    }

    private static func writeGeoKeys(_ h: TIFFHandle, crs: CRS, path: String) throws {
        guard let gtif = alongside_gtif_new(h.tif, h.messageContext) else {
            throw RasterIOError.writeFailed(path: path, reason: h.lastError(or: "libgeotiff cannot start GeoKeys"))
        }
        defer { GTIFFree(gtif) }
        var ok = true
        if let code = crs.epsg, code > 0, code < Int(GeoTIFFTag.userDefined) {
            let model = crs.isGeographic ? GeoTIFFTag.modelTypeGeographic : GeoTIFFTag.modelTypeProjected
            ok = alongside_gtif_set_short(gtif, GeoTIFFTag.gtModelType, model) == 1
                && alongside_gtif_set_short(gtif, GeoTIFFTag.gtRasterType, GeoTIFFTag.rasterPixelIsArea) == 1
                && alongside_gtif_set_short(gtif, crs.isGeographic ? GeoTIFFTag.geographicType : GeoTIFFTag.projectedCSType,
                                            UInt16(code)) == 1
        } else {
            ok = GTIFSetFromProj4(gtif, crs.definition) != 0
                && alongside_gtif_set_short(gtif, GeoTIFFTag.gtRasterType, GeoTIFFTag.rasterPixelIsArea) == 1
        }
        guard ok, GTIFWriteKeys(gtif) != 0 else {
            throw RasterIOError.writeFailed(path: path, reason: h.lastError(or: "libgeotiff cannot write the GeoKeys for \(crs)"))
        }
    }

    private static func writeTiles(_ h: TIFFHandle, bands: [PlaneBuffer], tileSize: Int, path: String) throws {
        let first = bands[0]
        let bpp = first.sampleType.byteCount
        let tileBytes = tileSize * tileSize * bpp
        let buf = UnsafeMutableRawPointer.allocate(byteCount: tileBytes, alignment: 64)
        defer { buf.deallocate() }
        for (plane, band) in bands.enumerated() {
            var ty = 0
            while ty < first.height {
                var tx = 0
                while tx < first.width {
                    let w = min(tileSize, first.width - tx), hgt = min(tileSize, first.height - ty)
                    if w < tileSize || hgt < tileSize { buf.initializeMemory(as: UInt8.self, repeating: 0, count: tileBytes) }
                    for r in 0..<hgt {
                        (buf + r * tileSize * bpp).copyMemory(from: band.rowPointer(ty + r) + tx * bpp, byteCount: w * bpp)
                    }
                    let tile = TIFFComputeTile(h.tif, UInt32(tx), UInt32(ty), 0, UInt16(plane))
                    h.clearMessages()
                    // libtiff may modify the buffer in place (predictor, byte swapping): it is ours.
                    guard TIFFWriteEncodedTile(h.tif, tile, buf, tmsize_t(tileBytes)) >= 0 else {
                        throw RasterIOError.writeFailed(path: path, reason: h.lastError(or: "libtiff could not write tile \(tile)"))
                    }
                    tx += tileSize
                }
                ty += tileSize
            }
        }
    }

    /// GDAL's text for a nodata value: integers without decimals, `nan`, `inf`, else 17 significant digits.
    static func gdalNoDataString(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%.17g", v)
    }

    /// `<GDALMetadata>` with one DESCRIPTION item per non-empty description.
    static func gdalMetadataXML(descriptions: [String]) -> String {
        var s = "<GDALMetadata>\n"
        for (i, d) in descriptions.enumerated() where !d.isEmpty {
            s += "  <Item name=\"DESCRIPTION\" sample=\"\(i)\" role=\"description\">\(xmlEscape(d))</Item>\n"
        }
        return s + "</GDALMetadata>\n"
    }

    static func xmlEscape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    /// TIFF `DateTime`: "YYYY:MM:DD HH:MM:SS", UTC.
    static func tiffDateTime(_ date: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d:%02d:%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
