import CPNGShims
import RasterIO

/// What a PNG's chunks before the image data say (read by libpng's `png_read_info`).
public struct PNGHeader: Sendable, Hashable {
    public var width: Int
    public var height: Int
    /// Bits per sample in the file: 1, 2, 4, 8 or 16.
    public var bitDepth: Int
    public var colorType: PNGColorType
    /// Adam7 interlaced.
    public var interlaced: Bool
    /// Samples per pixel as decoded (palette: 1).
    public var channels: Int
    /// Bytes of one decoded row: sub-byte samples take one byte each, 16-bit two.
    public var rowBytes: Int
    /// PLTE entries with their tRNS alpha (255 where tRNS gives none), for palette images.
    public var palette: [PaletteEntry]?
    /// The tRNS colour of a gray (one value) or RGB (three values) image, in sample units.
    public var transparentColor: [Int]?
    /// Warnings libpng issued while reading the header (never printed).
    public var warnings: Int

    init(_ h: alongside_png_header, path: String) throws {
        guard let ct = PNGColorType(rawValue: Int(h.color_type)) else {
            throw RasterIOError.corrupt(path: path, reason: "PNG colour type \(h.color_type)")
        }
        width = Int(h.width)
        height = Int(h.height)
        bitDepth = Int(h.bit_depth)
        colorType = ct
        interlaced = h.interlaced != 0
        channels = Int(h.channels)
        rowBytes = Int(h.rowbytes)
        warnings = Int(h.warnings)
        if ct == .palette {
            var entries: [PaletteEntry] = []
            withUnsafeBytes(of: h.palette_rgb) { rgb in
                withUnsafeBytes(of: h.trans_alpha) { alpha in
                    for i in 0..<Int(h.num_palette) {
                        let a = i < Int(h.num_trans) ? alpha[i] : 255
                        entries.append(PaletteEntry(r: rgb[3 * i], g: rgb[3 * i + 1], b: rgb[3 * i + 2], a: a))
                    }
                }
            }
            palette = entries
        }
        if h.has_trans_color != 0 {
            transparentColor = ct == .gray ? [Int(h.trans_gray)]
                : [Int(h.trans_red), Int(h.trans_green), Int(h.trans_blue)]
        }
    }

    /// Bytes one sample takes once decoded (1 or 2).
    public var bytesPerSample: Int { bitDepth == 16 ? 2 : 1 }

    /// Bytes of the filtered, still-compressed image data once inflated, not counting the
    /// per-row filter bytes: a lower bound on what the IDAT stream must inflate to.
    public var minimumInflatedBytes: Int {
        let bitsPerPixel = bitDepth * (colorType == .palette ? 1 : colorType.bandCount)
        let (rowBits, o1) = width.multipliedReportingOverflow(by: bitsPerPixel)
        let (total, o2) = ((rowBits + 7) / 8).multipliedReportingOverflow(by: height)
        return o1 || o2 ? Int.max : total
    }
}
