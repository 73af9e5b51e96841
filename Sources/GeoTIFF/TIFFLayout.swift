import CTIFF
import CTIFFShims
import Raster
import RasterIO

/// How the pixels of one TIFF directory are stored: what the reader needs to find and
/// decode the blocks a window touches. Sizes in pixels unless named bytes.
struct TIFFLayout: Sendable {
    enum Mode: Sendable {
        /// `TIFFReadEncodedTile/Strip` gives the samples themselves.
        case direct
        /// Decoded through libtiff's RGBA interface (old-style JPEG, subsampled YCbCr without
        /// JPEG, CIE L*a*b*…): four 8-bit bands R, G, B, A.
        case rgba
    }

    var directory: Int
    var width: Int
    var height: Int
    /// Samples per pixel in the file (bands, unless ``mode`` is `.rgba`).
    var samplesPerPixel: Int
    var bands: Int
    var bitsPerSample: Int
    var sampleFormat: Int
    var compression: Int
    var photometric: Int
    var separate: Bool
    var tiled: Bool
    var blockWidth: Int
    var blockHeight: Int
    var blocksAcross: Int
    var blocksDown: Int
    /// Bytes one decoded block occupies (the last strip may decode fewer).
    var blockBytes: Int
    /// Bytes from one block row to the next in a decoded block.
    var blockRowBytes: Int
    var mode: Mode
    /// JPEG-compressed YCbCr: libtiff converts to RGB (`TIFFTAG_JPEGCOLORMODE`).
    var jpegToRGB: Bool
    var sampleType: SampleType
    var codec: SampleCodec

    /// Samples interleaved in one decoded block row (1 for separate planes).
    var samplesInBlock: Int { separate ? 1 : samplesPerPixel }

    /// Reads the layout of the current directory of `h`, checking `limits` before anything
    /// is sized from the header.
    static func read(_ h: TIFFHandle, directory: Int, limits: RasterLimits) throws(RasterIOError) -> TIFFLayout {
        let path = h.path
        guard let w = h.u32(TIFFTAG_IMAGEWIDTH), let ht = h.u32(TIFFTAG_IMAGELENGTH), w > 0, ht > 0 else {
            throw .corrupt(path: path, reason: "missing or zero ImageWidth/ImageLength")
        }
        let width = Int(w), height = Int(ht)
        guard width <= limits.maxDimension, height <= limits.maxDimension else {
            throw .tooLarge(path: path, what: "size \(width)×\(height)", limit: "\(limits.maxDimension) pixels per side")
        }
        guard width * height <= limits.maxPixels else {
            throw .tooLarge(path: path, what: "size \(width)×\(height)", limit: "\(limits.maxPixels) pixels")
        }
        let spp = Int(h.u16Defaulted(TIFFTAG_SAMPLESPERPIXEL) ?? 1)
        guard spp >= 1 else { throw .corrupt(path: path, reason: "SamplesPerPixel is 0") }
        guard spp <= limits.maxBands else {
            throw .tooLarge(path: path, what: "\(spp) samples per pixel", limit: "\(limits.maxBands) bands")
        }
        let bits = Int(h.u16Defaulted(TIFFTAG_BITSPERSAMPLE) ?? 1)
        let format = Int(h.u16Defaulted(TIFFTAG_SAMPLEFORMAT) ?? 1)
        let compression = Int(h.u16Defaulted(TIFFTAG_COMPRESSION) ?? 1)
        let photometric = Int(h.u16(TIFFTAG_PHOTOMETRIC) ?? UInt16(PHOTOMETRIC_MINISBLACK))
        let separate = Int(h.u16Defaulted(TIFFTAG_PLANARCONFIG) ?? 1) == Int(PLANARCONFIG_SEPARATE)
        let tiled = TIFFIsTiled(h.tif) != 0

        guard TIFFIsCODECConfigured(UInt16(compression)) != 0 else {
            throw .unsupported(path: path, feature: "compression \(GeoTIFFCompressionName.name(compression) ?? String(compression)) (not built into libtiff)")
        }
        // Which decoding path.
        var mode = Mode.direct
        var jpegToRGB = false
        if compression == Int(COMPRESSION_OJPEG) {
            mode = .rgba
        } else if photometric == Int(PHOTOMETRIC_YCBCR) {
            if compression == Int(COMPRESSION_JPEG), !separate, spp == 3, bits == 8 {
                jpegToRGB = true
            } else {
                var sh: UInt16 = 1, sv: UInt16 = 1
                _ = alongside_tiff_get_u16_pair_defaulted(h.tif, UInt32(TIFFTAG_YCBCRSUBSAMPLING), &sh, &sv)
                if sh != 1 || sv != 1 || compression != Int(COMPRESSION_JPEG) { mode = .rgba }
            }
        } else if photometric == Int(PHOTOMETRIC_SEPARATED), bits == 8, spp >= 3 {
            // As GDAL: 8-bit CMYK is converted to RGBA.
            mode = .rgba
        } else if photometric == Int(PHOTOMETRIC_CIELAB) {
            mode = .rgba
        }
        if jpegToRGB {
            h.clearMessages()
            guard h.set(TIFFTAG_JPEGCOLORMODE, int: Int(JPEGCOLORMODE_RGB)) else {
                throw .corrupt(path: path, reason: h.lastError(or: "cannot set JPEG colour mode"))
            }
        }

        // Sample type and codec. 24-bit samples are assembled most significant byte first,
        // as GDAL does on little-endian hosts (libtiff leaves them in stream order).
        var sampleType: SampleType
        var codec: SampleCodec
        if mode == .rgba {
            sampleType = .uint8
            codec = .bytes(1)
        } else {
            switch (format, bits) {
            case (3, 16): (sampleType, codec) = (.float32, .float16)
            case (3, 24): (sampleType, codec) = (.float32, .float24(bigEndian: false))
            case (3, 32): (sampleType, codec) = (.float32, .bytes(4))
            case (3, 64): (sampleType, codec) = (.float64, .bytes(8))
            case (5, _), (6, _): throw .unsupported(path: path, feature: "complex samples (SampleFormat \(format))")
            case (3, _): throw .unsupported(path: path, feature: "\(bits)-bit floating-point samples")
            case (2, 8): (sampleType, codec) = (.int8, .bytes(1))
            case (2, 16): (sampleType, codec) = (.int16, .bytes(2))
            case (2, 32): (sampleType, codec) = (.int32, .bytes(4))
            case (2, 64): (sampleType, codec) = (.float64, .int64)
            case (_, 64): (sampleType, codec) = (.float64, .uint64)
            case (_, 8): (sampleType, codec) = (.uint8, .bytes(1))
            case (_, 16): (sampleType, codec) = (.uint16, .bytes(2))
            case (_, 24): (sampleType, codec) = (.uint32, .uint24(bigEndian: true))
            case (_, 32): (sampleType, codec) = (.uint32, .bytes(4))
            case (_, 1...31):
                sampleType = SampleType.forBits(bits, signed: false, float: false) ?? .uint32
                codec = .bits(bits)
            default: throw .unsupported(path: path, feature: "\(bits) bits per sample")
            }
        }

        // Blocks.
        var bw: Int, bh: Int, across: Int, down: Int, blockBytes: Int, rowBytes: Int
        let samplesInBlock = separate ? 1 : spp
        if tiled {
            guard let tw = h.u32(TIFFTAG_TILEWIDTH), let tl = h.u32(TIFFTAG_TILELENGTH), tw > 0, tl > 0 else {
                throw .corrupt(path: path, reason: "tiled image without TileWidth/TileLength")
            }
            bw = Int(tw)
            bh = Int(tl)
        } else {
            let rps = Int(h.u32Defaulted(TIFFTAG_ROWSPERSTRIP) ?? UInt32.max)
            bw = width
            bh = max(1, min(rps, height))
        }
        guard bw <= limits.maxDimension * 16, bh <= limits.maxDimension * 16 else {
            throw .tooLarge(path: path, what: "block size \(bw)×\(bh)", limit: "\(limits.maxDimension * 16) pixels per side")
        }
        across = (width + bw - 1) / bw
        down = (height + bh - 1) / bh
        let (blocks, o1) = (across * down).multipliedReportingOverflow(by: separate ? spp : 1)
        guard !o1, blocks <= limits.maxBlocks else {
            throw .tooLarge(path: path, what: "\(across)×\(down) blocks", limit: "\(limits.maxBlocks) blocks")
        }
        if mode == .rgba {
            rowBytes = bw * 4
        } else {
            rowBytes = (bw * samplesInBlock * bits + 7) / 8
        }
        let (bb, o2) = rowBytes.multipliedReportingOverflow(by: bh)
        guard !o2, bb <= limits.maxBlockBytes else {
            throw .tooLarge(path: path, what: "block of \(bw)×\(bh) pixels (\(o2 ? "overflow" : "\(bb) bytes"))",
                            limit: "\(limits.maxBlockBytes) bytes")
        }
        blockBytes = bb
        // libtiff's own idea of the block size must match ours (it differs for JPEG-YCbCr raw data).
        if mode == .direct {
            let lib = tiled ? Int(TIFFTileSize64(h.tif)) : Int(TIFFVStripSize64(h.tif, UInt32(bh)))
            if lib > blockBytes {
                guard lib <= limits.maxBlockBytes else {
                    throw .tooLarge(path: path, what: "block of \(lib) bytes", limit: "\(limits.maxBlockBytes) bytes")
                }
                blockBytes = lib
            }
        }
        // RGBA-decoded images: GDAL exposes R, G, B and adds A only for CMYK or an extra sample.
        let bands = mode == .rgba
            ? (photometric == Int(PHOTOMETRIC_SEPARATED) || photometric == Int(PHOTOMETRIC_CIELAB) || spp >= 4 ? 4 : 3) : spp
        return TIFFLayout(directory: directory, width: width, height: height, samplesPerPixel: spp, bands: bands,
                          bitsPerSample: mode == .rgba ? 8 : bits, sampleFormat: format, compression: compression,
                          photometric: photometric, separate: separate, tiled: tiled, blockWidth: bw, blockHeight: bh,
                          blocksAcross: across, blocksDown: down, blockBytes: blockBytes, blockRowBytes: rowBytes,
                          mode: mode, jpegToRGB: jpegToRGB, sampleType: sampleType, codec: codec)
    }
}
