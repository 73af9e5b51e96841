import CTIFF
import CTIFFShims
import Raster
import RasterIO

extension GeoTIFFDataset {
    /// Reads `window` of `band` (0-based) into `into`; see ``RasterDataset/read(band:window:into:valid:)``.
    /// Decodes only the strips or tiles the window touches, on a libtiff handle of its own.
    public func read(band: Int, window: Window, into: PlaneBuffer, valid: PlaneBuffer?) throws {
        let path = info.path
        guard band >= 0, band < layout.bands else {
            throw RasterIOError.badWindow(path: path, reason: "band \(band) of \(layout.bands)")
        }
        guard into.width == window.width, into.height == window.height, into.sampleType == layout.sampleType else {
            throw RasterIOError.badWindow(
                path: path,
                reason: "buffer \(into.width)×\(into.height) \(into.sampleType) for window \(window.width)×\(window.height) of \(layout.sampleType)")
        }
        if let valid, valid.width != window.width || valid.height != window.height || valid.sampleType != .uint8 {
            throw RasterIOError.badWindow(path: path, reason: "valid mask must be UInt8 \(window.width)×\(window.height)")
        }
        let (bytes, overflow) = window.pixelCount.multipliedReportingOverflow(by: layout.sampleType.byteCount)
        guard !overflow, bytes <= limits.maxReadBytes else {
            throw RasterIOError.tooLarge(path: path, what: "read of \(window.width)×\(window.height)", limit: "\(limits.maxReadBytes) bytes")
        }
        let noData = info.bands[band].noData
        let inside = window.clipped(width: layout.width, height: layout.height)
        if inside != window { Self.fill(into, region: Window(width: window.width, height: window.height), with: noData ?? 0) }
        if !inside.isEmpty {
            try pool.with { entry in try readInside(band: band, window: window, inside: inside, into: into, entry: entry) }
        }
        if let valid { Self.computeValid(valid, values: into, window: window, inside: inside, noData: noData) }
    }

    private func readInside(band: Int, window: Window, inside: Window, into: PlaneBuffer,
                            entry: TIFFHandlePool.Entry) throws {
        let L = layout
        let plane = L.separate ? band : 0
        let bpp = L.sampleType.byteCount
        let bx0 = inside.col / L.blockWidth, bx1 = (inside.colEnd - 1) / L.blockWidth
        let by0 = inside.row / L.blockHeight, by1 = (inside.rowEnd - 1) / L.blockHeight
        for by in by0...by1 {
            let blockTop = by * L.blockHeight
            let rowsInBlock = min(L.blockHeight, L.height - blockTop)
            let y0 = max(inside.row, blockTop), y1 = min(inside.rowEnd, blockTop + rowsInBlock)
            for bx in bx0...bx1 {
                let blockLeft = bx * L.blockWidth
                let x0 = max(inside.col, blockLeft), x1 = min(inside.colEnd, blockLeft + L.blockWidth, L.width)
                // A block sticking out of the window is likely wanted by a neighbouring window: share it.
                let sticksOut = blockTop < inside.row || blockTop + rowsInBlock > inside.rowEnd
                    || blockLeft < inside.col || min(blockLeft + L.blockWidth, L.width) > inside.colEnd
                var shared: BlockCache.Block? = nil
                let key = BlockCache.Key(plane: plane, block: by * L.blocksAcross + bx)
                let data: UnsafeMutableRawPointer?
                if sticksOut, let b = blockCache.get(key) {
                    shared = b
                    data = b.bytes
                } else {
                    let fresh = sticksOut ? BlockCache.Block(count: L.blockBytes) : nil
                    data = try decodeBlock(entry: entry, plane: plane, bx: bx, by: by, rowsInBlock: rowsInBlock,
                                           into: fresh?.bytes)
                    if let fresh, data != nil {
                        blockCache.put(key, fresh)
                        shared = fresh
                    }
                }
                defer { withExtendedLifetime(shared) {} }
                guard let data else {
                    // Sparse block (no data written): nodata, as GDAL does.
                    Self.fill(into, region: Window(col: x0 - window.col, row: y0 - window.row, width: x1 - x0, height: y1 - y0),
                              with: info.bands[band].noData ?? 0)
                    continue
                }
                for y in y0..<y1 {
                    let r = y - blockTop
                    let dst = into.rowPointer(y - window.row) + (x0 - window.col) * bpp
                    if L.mode == .rgba {
                        // libtiff's RGBA raster is bottom-up within the block.
                        let flipped = (L.tiled ? L.blockHeight : rowsInBlock) - 1 - r
                        let src = UnsafeRawPointer(data) + flipped * L.blockRowBytes
                        L.codec.decode(row: src, first: (x0 - blockLeft) * 4 + band, stride: 4, count: x1 - x0, into: dst)
                    } else {
                        let src = UnsafeRawPointer(data) + r * L.blockRowBytes
                        let s = L.samplesInBlock
                        L.codec.decode(row: src, first: (x0 - blockLeft) * s + (L.separate ? 0 : band), stride: s,
                                       count: x1 - x0, into: dst)
                    }
                }
            }
        }
    }

    /// Decodes block (`bx`, `by`) of `plane` into `destination` (`blockBytes` long) or, when nil,
    /// into the entry's scratch buffer (or finds it already there); nil for a block the file
    /// never wrote.
    private func decodeBlock(entry: TIFFHandlePool.Entry, plane: Int, bx: Int, by: Int,
                             rowsInBlock: Int, into destination: UnsafeMutableRawPointer?) throws -> UnsafeMutableRawPointer? {
        let L = layout
        let index = by * L.blocksAcross + bx
        let strile = plane * L.blocksAcross * L.blocksDown + index
        let scratch: UnsafeMutableRawPointer
        if let destination { scratch = destination } else {
            scratch = entry.scratch(bytes: L.blockBytes)
            if let c = entry.cached, c.plane == plane, c.block == index { return scratch }
            entry.cached = nil
        }
        let h = entry.handle
        let tif = h.tif
        let path = info.path
        var err: Int32 = 0
        h.clearMessages()
        let byteCount = TIFFGetStrileByteCountWithErr(tif, UInt32(strile), &err)
        let offset = TIFFGetStrileOffsetWithErr(tif, UInt32(strile), &err)
        guard err == 0 else {
            throw RasterIOError.corrupt(path: path, reason: h.lastError(or: "cannot read the offset of block \(strile)"))
        }
        if L.mode == .direct, byteCount == 0 || offset == 0 { return nil }
        // Decompression bombs: a large block from a tiny compressed one.
        if L.blockBytes > 16 << 20, byteCount > 0, UInt64(L.blockBytes) / byteCount > UInt64(limits.maxCompressionRatio) {
            throw RasterIOError.tooLarge(path: path, what: "block \(strile): \(L.blockBytes) bytes from \(byteCount) compressed",
                                         limit: "compression ratio \(limits.maxCompressionRatio)")
        }
        h.clearMessages()
        switch L.mode {
        case .direct:
            // Ask only for the rows inside the image (as GDAL does): some encoders stop there.
            let expected = min(L.blockBytes, rowsInBlock * L.blockRowBytes)
            let n = L.tiled ? TIFFReadEncodedTile(tif, UInt32(strile), scratch, tmsize_t(expected))
                            : TIFFReadEncodedStrip(tif, UInt32(strile), scratch, tmsize_t(expected))
            guard n >= 0 else {
                throw RasterIOError.corrupt(path: path, reason: h.lastError(or: "cannot decode \(L.tiled ? "tile" : "strip") \(strile)"))
            }
            if Int(n) < expected { (scratch + Int(n)).initializeMemory(as: UInt8.self, repeating: 0, count: expected - Int(n)) }
        case .rgba:
            let raster = scratch.assumingMemoryBound(to: UInt32.self)
            let ok = L.tiled ? TIFFReadRGBATile(tif, UInt32(bx * L.blockWidth), UInt32(by * L.blockHeight), raster)
                             : TIFFReadRGBAStrip(tif, UInt32(by * L.blockHeight), raster)
            guard ok == 1 else {
                throw RasterIOError.corrupt(path: path, reason: h.lastError(or: "cannot decode \(L.tiled ? "tile" : "strip") \(strile) as RGBA"))
            }
        }
        if destination == nil { entry.cached = (plane, index) }
        return scratch
    }

    /// Sets every sample of `region` (in `plane` coordinates) to `value`, converted to the plane's type.
    static func fill(_ plane: PlaneBuffer, region: Window, with value: Double) {
        guard !region.isEmpty else { return }
        func run<T: RasterSample>(_: T.Type, _ v: T) {
            let view = plane.view(as: T.self).window(region)
            for y in 0..<region.height { view.row(y).update(repeating: v) }
        }
        switch plane.sampleType {
        case .uint8: run(UInt8.self, UInt8(clampingDouble: value))
        case .int8: run(Int8.self, Int8(clampingDouble: value))
        case .uint16: run(UInt16.self, UInt16(clampingDouble: value))
        case .int16: run(Int16.self, Int16(clampingDouble: value))
        case .uint32: run(UInt32.self, UInt32(clampingDouble: value))
        case .int32: run(Int32.self, Int32(clampingDouble: value))
        case .float32: run(Float.self, Float(value))
        case .float64: run(Double.self, value)
        }
    }

    /// valid = 1 inside the raster where the value is not nodata (NaN nodata matches NaN).
    static func computeValid(_ valid: PlaneBuffer, values: PlaneBuffer, window: Window, inside: Window, noData: Double?) {
        valid.fill(UInt8(0))
        guard !inside.isEmpty else { return }
        let local = inside.offset(dx: -window.col, dy: -window.row)
        let vm = valid.view(as: UInt8.self)
        func run<T: RasterSample>(_: T.Type) {
            let v = values.view(as: T.self)
            for y in local.row..<local.rowEnd {
                let src = v.row(y), dst = vm.row(y)
                guard let nd = noData else {
                    for x in local.col..<local.colEnd { dst[x] = 1 }
                    continue
                }
                if nd.isNaN {
                    for x in local.col..<local.colEnd { dst[x] = src[x].doubleValue.isNaN ? 0 : 1 }
                } else {
                    for x in local.col..<local.colEnd { dst[x] = src[x].doubleValue == nd ? 0 : 1 }
                }
            }
        }
        switch values.sampleType {
        case .uint8: run(UInt8.self)
        case .int8: run(Int8.self)
        case .uint16: run(UInt16.self)
        case .int16: run(Int16.self)
        case .uint32: run(UInt32.self)
        case .int32: run(Int32.self)
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        }
    }
}

extension BinaryInteger where Self: FixedWidthInteger {
    /// Nearest representable integer; NaN becomes 0.
    init(clampingDouble v: Double) {
        if v.isNaN { self = 0 } else if v <= Double(Self.min) { self = Self.min } else if v >= Double(Self.max) {
            self = Self.max
        } else { self = Self(v.rounded()) }
    }
}
