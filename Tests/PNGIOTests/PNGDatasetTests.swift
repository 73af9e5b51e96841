import Dispatch
import Foundation
import PNGIO
import Raster
import RasterIO
import Testing
import TestSupport

@Suite struct PNGDatasetTests {
    @Test("PNGWriter → PNGDataset round trip", arguments: PNGWriterTests.cases)
    func roundTrip(_ c: PNGWriterTests.Case) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("rt.png")
        let planes = seededPlanes(count: c.bands, width: 41, height: 17, type: c.type, seed: 99 + UInt64(c.bands))
        try PNGWriter.write(path: path, bands: planes)
        let ds = try PNGDataset.open(path: path)
        #expect(ds.info.driver == "PNG")
        #expect(ds.info.bands.count == c.bands)
        #expect(ds.info.bands.allSatisfy { $0.sampleType == c.type && $0.bitsPerSample == c.type.byteCount * 8 })
        #expect(ds.info.geoTransform == nil && ds.info.crs == nil && ds.info.georeferencingSource == nil)
        #expect(ds.info.captureTime == nil)
        for b in 0..<c.bands {
            let back = try ds.readAll(band: b)
            #expect(gdalChecksum(back) == gdalChecksum(planes[b]))
            #expect(samples(back) == samples(planes[b]))
        }
    }

    @Test("windows partly outside get nodata and an invalid mask there")
    func windowsOutside() throws {
        // 8-bit gray, 5×3, tRNS gray = 7: nodata 7.
        var png = PNGBytes()
        png.ihdr(width: 5, height: 3, bitDepth: 8, colorType: 0)
        png.chunk("tRNS", [0, 7])
        let rows: [[UInt8]] = [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12, 13, 7, 15]]
        png.idat(rows: rows)
        png.iend()
        let ds = try PNGDataset.open(bytes: png.bytes, name: "gray.png")
        #expect(ds.info.bands[0].noData == 7)
        #expect(ds.info.bands[0].colorInterpretation == .gray)

        let window = Window(col: -2, row: 1, width: 5, height: 4)
        let out = PlaneBuffer(width: 5, height: 4, sampleType: .uint8)
        let valid = PlaneBuffer(width: 5, height: 4, sampleType: .uint8)
        try ds.read(band: 0, window: window, into: out, valid: valid)
        for y in 0..<4 {
            for x in 0..<5 {
                let (c, r) = (window.col + x, window.row + y)
                let inside = c >= 0 && c < 5 && r >= 0 && r < 3
                let expected = inside ? Double(rows[r][c]) : 7
                #expect(out.value(x: x, y: y) == expected, "(\(c), \(r))")
                #expect(valid.value(x: x, y: y) == (inside && expected != 7 ? 1 : 0), "mask at (\(c), \(r))")
            }
        }
        // Entirely outside: all nodata, all invalid.
        try ds.read(band: 0, window: Window(col: 10, row: 10, width: 5, height: 4), into: out, valid: valid)
        #expect(samples(out).allSatisfy { $0 == 7 } && samples(valid).allSatisfy { $0 == 0 })
    }

    @Test("sub-byte gray keeps values 0…2ⁿ−1, palette gives indices, colour table and the transparent index as nodata",
          arguments: [1, 2, 4])
    func subByteAndPalette(bits: Int) throws {
        let width = 9
        let maxValue = (1 << bits) - 1
        let values = (0..<width).map { $0 % (maxValue + 1) }
        func pack(_ v: [Int]) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: (v.count * bits + 7) / 8)
            for (i, x) in v.enumerated() {
                let bit = i * bits
                out[bit / 8] |= UInt8(x << (8 - bits - bit % 8))
            }
            return out
        }
        var gray = PNGBytes()
        gray.ihdr(width: UInt32(width), height: 1, bitDepth: UInt8(bits), colorType: 0)
        gray.idat(rows: [pack(values)])
        gray.iend()
        let g = try PNGDataset.open(bytes: gray.bytes, name: "g.png")
        #expect(g.info.bands[0].bitsPerSample == bits && g.info.bands[0].sampleType == .uint8)
        #expect(samples(try g.readAll(band: 0)) == values)

        var pal = PNGBytes()
        pal.ihdr(width: UInt32(width), height: 1, bitDepth: UInt8(bits), colorType: 3)
        let entries = maxValue + 1
        pal.chunk("PLTE", (0..<entries).flatMap { [UInt8($0 * 10), UInt8($0 * 20 % 256), 200] })
        pal.chunk("tRNS", [255, 0])  // entry 1 is the only transparent one
        pal.idat(rows: [pack(values)])
        pal.iend()
        let p = try PNGDataset.open(bytes: pal.bytes, name: "p.png")
        let band = p.info.bands[0]
        #expect(band.colorInterpretation == .palette)
        #expect(band.palette?.count == entries)
        #expect(band.palette?[1] == PaletteEntry(r: 10, g: 20, b: 200, a: 0))
        #expect(band.palette?[0].a == 255 && band.palette?.dropFirst(2).allSatisfy { $0.a == 255 } == true)
        #expect(band.noData == 1)
        let out = PlaneBuffer(width: width, height: 1, sampleType: .uint8)
        let valid = PlaneBuffer(width: width, height: 1, sampleType: .uint8)
        try p.read(band: 0, window: Window(width: width, height: 1), into: out, valid: valid)
        #expect(samples(out) == values)
        #expect(samples(valid) == values.map { $0 == 1 ? 0 : 1 })
    }

    @Test("RGB tRNS: per-band nodata, and a pixel is invalid only where all three match (GDAL's mask)")
    func rgbTransparency() throws {
        var png = PNGBytes()
        png.ihdr(width: 3, height: 1, bitDepth: 16, colorType: 2)
        png.chunk("tRNS", [0, 1, 0, 2, 0, 3])
        // pixels (1,2,3) transparent, (1,2,4) and (9,9,9) not.
        let px: [[UInt16]] = [[1, 2, 3], [1, 2, 4], [9, 9, 9]]
        png.idat(rows: [px.flatMap { $0.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }])
        png.iend()
        let ds = try PNGDataset.open(bytes: png.bytes, name: "rgb.png")
        #expect(ds.info.bands.map(\.noData) == [1, 2, 3])
        #expect(ds.info.metadata["NODATA_VALUES"] == "1 2 3")
        #expect(ds.info.bands.allSatisfy { $0.sampleType == .uint16 })
        for b in 0..<3 {
            let out = PlaneBuffer(width: 3, height: 1, sampleType: .uint16)
            let valid = PlaneBuffer(width: 3, height: 1, sampleType: .uint8)
            try ds.read(band: b, window: Window(width: 3, height: 1), into: out, valid: valid)
            #expect(samples(out) == px.map { Int($0[b]) })
            #expect(samples(valid) == [0, 1, 1], "band \(b + 1)")
        }
    }

    @Test("alpha 0 marks colour bands invalid; the alpha band itself is valid")
    func alphaMask() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("ga.png")
        let gray = PlaneBuffer(width: 4, height: 1, sampleType: .uint8)
        let alpha = PlaneBuffer(width: 4, height: 1, sampleType: .uint8)
        for x in 0..<4 {
            gray.rowPointer(0).storeBytes(of: UInt8(x + 1), toByteOffset: x, as: UInt8.self)
            alpha.rowPointer(0).storeBytes(of: UInt8(x % 2 == 0 ? 0 : 255), toByteOffset: x, as: UInt8.self)
        }
        try PNGWriter.write(path: path, bands: [gray, alpha])
        let ds = try PNGDataset.open(path: path)
        #expect(ds.info.bands.map(\.colorInterpretation) == [.gray, .alpha])
        let valid = PlaneBuffer(width: 4, height: 1, sampleType: .uint8)
        let out = PlaneBuffer(width: 4, height: 1, sampleType: .uint8)
        try ds.read(band: 0, window: Window(width: 4, height: 1), into: out, valid: valid)
        #expect(samples(valid) == [0, 1, 0, 1])
        try ds.read(band: 1, window: Window(width: 4, height: 1), into: out, valid: valid)
        #expect(samples(valid) == [1, 1, 1, 1])
    }

    @Test("concurrent reads of one dataset decode once and agree")
    func concurrentReads() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("c.png")
        let planes = seededPlanes(count: 3, width: 300, height: 200, type: .uint8, seed: 5)
        try PNGWriter.write(path: path, bands: planes)
        let ds = try PNGDataset.open(path: path)
        let windows = (0..<32).map { i in Window(col: (i * 37) % 300 - 20, row: (i * 53) % 200 - 20, width: 64, height: 48) }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: windows.count) { i in
            let w = windows[i], band = i % 3
            do {
                let got = try ds.read(band: band, window: w)
                for y in 0..<w.height {
                    for x in 0..<w.width {
                        let (c, r) = (w.col + x, w.row + y)
                        let expected = (c >= 0 && c < 300 && r >= 0 && r < 200) ? planes[band].value(x: c, y: r) : 0
                        if got.value(x: x, y: y) != expected { failures.add("window \(i) at (\(c), \(r))"); return }
                    }
                }
            } catch { failures.add("window \(i): \(error)") }
        }
        #expect(failures.list.isEmpty, "\(failures.list.prefix(3))")
        #expect(try ds.decodedPlanes()[0] === ds.decodedPlanes()[0])
    }

    @Test("bad requests are refused with the file named")
    func badRequests() throws {
        var png = PNGBytes()
        png.ihdr(width: 2, height: 2, bitDepth: 8, colorType: 0)
        png.idat(rows: [[1, 2], [3, 4]])
        png.iend()
        let ds = try PNGDataset.open(bytes: png.bytes, name: "small.png")
        #expect(throws: RasterIOError.self) {
            try ds.read(band: 1, window: Window(width: 2, height: 2), into: PlaneBuffer(width: 2, height: 2, sampleType: .uint8), valid: nil)
        }
        #expect(throws: RasterIOError.self) {
            try ds.read(band: 0, window: Window(width: 2, height: 2), into: PlaneBuffer(width: 2, height: 2, sampleType: .uint16), valid: nil)
        }
        #expect(throws: RasterIOError.notFound(path: "/no/such/file.png")) { try PNGDataset.open(path: "/no/such/file.png") }
    }

    @Test("a header promising far more pixels than the image data can inflate to is refused before allocating")
    func decompressionBomb() throws {
        var png = PNGBytes()
        png.ihdr(width: 60_000, height: 60_000, bitDepth: 8, colorType: 6)
        png.chunk("IDAT", PNGBytes.zlibStored([UInt8](repeating: 0, count: 1000)))
        png.iend()
        do {
            _ = try PNGDataset.open(bytes: png.bytes, name: "bomb.png")
            Issue.record("a 60000² RGBA header with 1 kB of image data was accepted")
        } catch let e as RasterIOError {
            guard case .corrupt = e else { Issue.record("expected corrupt, got \(e)"); return }
            #expect(e.description.hasPrefix("bomb.png: ") && e.description.contains("cannot inflate"))
        }
    }

    @Test("ancillary chunks are bounded: many text chunks keep at most 64, an oversized one is skipped")
    func ancillaryBounds() throws {
        var png = PNGBytes()
        png.ihdr(width: 1, height: 1, bitDepth: 8, colorType: 0)
        for i in 0..<200 { png.chunk("tEXt", Array("key\(i)".utf8) + [0] + Array("value \(i)".utf8)) }
        // 3 MB of text inflating from a zTXt: above the 2 MB bound, dropped with a warning.
        png.chunk("zTXt", Array("big".utf8) + [0, 0] + PNGBytes.zlibStored([UInt8](repeating: 65, count: 3 << 20)))
        png.idat(rows: [[42]])
        png.iend()
        let ds = try PNGDataset.open(bytes: png.bytes, name: "text.png")
        #expect(ds.info.metadata.count <= 64)
        #expect(ds.info.metadata["key0"] == "value 0")
        #expect(ds.info.metadata["big"] == nil)
        #expect(ds.header.warnings > 0)
        #expect(try ds.readAll(band: 0).value(x: 0, y: 0) == 42)
    }

    @Test("RasterLimits are checked against the header")
    func limits() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("l.png")
        try PNGWriter.write(path: path, bands: seededPlanes(count: 3, width: 120, height: 80, type: .uint8, seed: 1))
        var small = RasterLimits()
        small.maxDimension = 100
        #expect(throws: RasterIOError.self) { try PNGDataset.open(path: path, limits: small) }
        var fewBytes = RasterLimits()
        fewBytes.maxReadBytes = 120 * 80 * 3 - 1
        do {
            _ = try PNGDataset.open(path: path, limits: fewBytes)
            Issue.record("decoded size above maxReadBytes accepted")
        } catch let e as RasterIOError {
            guard case .tooLarge = e else { Issue.record("expected tooLarge, got \(e)"); return }
        }
        #expect(try PNGDataset.open(path: path).info.width == 120)
    }

    @Test("a file cut inside the image data opens but its read fails with libpng's reason, once and for all")
    func truncatedImageData() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("t.png")
        try PNGWriter.write(path: path, bands: seededPlanes(count: 1, width: 64, height: 64, type: .uint8, seed: 2),
                            compressionLevel: 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = Array(data.prefix(data.count / 2))
        let ds = try PNGDataset.open(bytes: cut, name: "cut.png")
        for _ in 0..<2 {
            do {
                _ = try ds.readAll(band: 0)
                Issue.record("reading a truncated PNG succeeded")
            } catch let e as RasterIOError {
                #expect(e.description.hasPrefix("cut.png: corrupt or truncated: "))
            }
        }
    }
}

/// Every sample of a plane, row by row, as Int.
func samples(_ p: PlaneBuffer) -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(p.width * p.height)
    for y in 0..<p.height { for x in 0..<p.width { out.append(Int(p.value(x: x, y: y))) } }
    return out
}
