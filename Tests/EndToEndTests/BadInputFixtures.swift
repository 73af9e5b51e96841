import Foundation
import TestSupport

/// Files for the bad-input end-to-end tests, made once per test process in a temporary
/// folder: valid synthetic captures (`alongside synth`, fixed seeds, 256 px) and, from them
/// and from code, corrupt, truncated, mislabelled, huge-header and mismatched inputs.
struct BadInputFixtures: Sendable {
    /// The temporary folder holding everything.
    let dir: String
    /// Why the fixtures could not be made (the synth run failed), or nil.
    let problem: String?

    /// One shared instance (lazily made, thread-safe).
    static let shared = BadInputFixtures()

    private init() {
        // Folders left by earlier test processes (no teardown hook) are removed once their process is gone.
        let tmp = NSTemporaryDirectory()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? [] where name.hasPrefix("alongside-badinput-") {
            if let pid = Int32(name.dropFirst("alongside-badinput-".count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(atPath: tmp + name)
            }
        }
        let dir = tmp + "alongside-badinput-\(getpid())"
        self.dir = dir
        try? FileManager.default.removeItem(atPath: dir)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var problem: String? = nil
        // Valid captures: a GeoTIFF pair, a PNG pair, and captures that differ from the first pair
        // in CRS, resolution, location, and size.
        let runs: [(String, [String])] = [
            ("tif", []),
            ("png", ["--format", "png"]),
            ("merc", ["--crs", "EPSG:3857"]),
            ("res20", ["--resolution", "20"]),
            ("far", ["--location=-70,-20"]),
            ("png128", ["--format", "png", "--size", "128"]),
        ]
        for (name, extra) in runs {
            let args = ["synth", "\(dir)/\(name)", "--seed", "11", "--clean"]
                + (extra.contains("--size") ? extra : extra + ["--size", "256"])
            guard let r = try? InfoProcess.run(ToolRun.alongsideBinary, Array(args), deadline: 120), r.status == 0,
                  !r.signalled else {
                problem = "alongside synth \(args.joined(separator: " ")) failed"
                break
            }
        }
        self.problem = problem
        if problem == nil { makeCraftedFiles() }
    }

    func path(_ name: String) -> String { "\(dir)/\(name)" }

    private func write(_ name: String, _ bytes: [UInt8]) {
        FileManager.default.createFile(atPath: path(name), contents: Data(bytes))
    }

    private func bytes(_ name: String) -> [UInt8] {
        [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: path(name)))) ?? Data())
    }

    /// Cut lengths for a file of `size` bytes: header, first IFD/chunk, and interior cuts.
    static func cuts(size: Int) -> [Int] {
        [8, 40, 300, size / 3, size * 2 / 3, size - 20].filter { $0 > 0 && $0 < size }
    }

    /// Cut lengths for a little-endian TIFF: header, interior (the writer puts the IFD after the
    /// pixels, so these lose it), and two cuts inside the IFD's entries. Not a cut in the tags'
    /// out-of-line values: libtiff (and GDAL) then ignore the damaged tag and read the image.
    static func tiffCuts(_ tif: [UInt8]) -> [Int] {
        guard tif.count > 16, tif[0] == 0x49 else { return [8, 40] }
        let ifd = Int(tif[4]) | Int(tif[5]) << 8 | Int(tif[6]) << 16 | Int(tif[7]) << 24
        let entries = ifd + 2 < tif.count ? Int(tif[ifd]) | Int(tif[ifd + 1]) << 8 : 0
        return ([8, 40, 300, tif.count / 3, ifd + 6, ifd + 2 + entries * 12 - 3]).filter { $0 > 0 && $0 < tif.count }
    }

    private func makeCraftedFiles() {
        let fm = FileManager.default
        write("empty.tif", [])
        write("empty.png", [])
        // Truncated copies of valid files (the PNG keeps its sidecars under the truncated name).
        let tif = bytes("tif/before.tif")
        for n in Self.tiffCuts(tif) { write("trunc-\(n).tif", Array(tif.prefix(n))) }
        let png = bytes("png/before.png")
        let sidecars = ((try? fm.contentsOfDirectory(atPath: path("png"))) ?? [])
            .filter { $0.hasPrefix("before.png.") || $0 == "before.pgw" || $0 == "before.wld" }
        for n in Self.cuts(size: png.count) {
            write("trunc-\(n).png", Array(png.prefix(n)))
            for s in sidecars {
                let suffix = s.dropFirst("before".count)
                try? fm.copyItem(atPath: path("png/\(s)"), toPath: path("trunc-\(n)\(suffix)"))
            }
        }
        // Other formats under raster names.
        write("jpeg.tif", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9])
        write("gif.png", Array("GIF89a".utf8) + [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x3B])
        write("text.tif", Array("this is not a raster\n".utf8))
        write("text.png", Array("{\"type\": \"FeatureCollection\"}\n".utf8))
        // Huge dimensions in tiny headers, georeferenced so that nothing but the size is wrong.
        write("huge.tif", Self.hugeTIFF())
        write("huge.png", Self.hugePNG())
        // 60 000² px (inside the size limits) in 3 750 sparse strips: a 30 KB file.
        write("sparse.tif", Self.hugeTIFF(side: 60_000, sparseRowsPerStrip: 16))
        write("huge.pgw", Array("10\n0\n0\n-10\n500005\n4500005\n".utf8))
        // A PNG without any georeferencing (no sidecar).
        try? fm.copyItem(atPath: path("png/before.png"), toPath: path("nogeo.png"))
        // STAC items: bad JSON, and a raster asset whose file is missing.
        write("badjson.stac.json", Array("{\"type\": \"Feature\", \"stac_version\": \"1.0.0\", \"assets\": {".utf8))
        write("missing-asset.stac.json", Array("""
            {"type": "Feature", "stac_version": "1.0.0", "id": "x", "geometry": null, "properties": {"datetime": "2024-05-01T10:00:00Z"},
             "assets": {"B04": {"href": "no-such-band.tif", "type": "image/tiff; application=geotiff", "eo:bands": [{"name": "B04", "common_name": "red"}]}}}
            """.utf8))
        // A read-only obstacle: a regular file used as the -o folder.
        write("not-a-folder", Array("x\n".utf8))
        write("truncated.geojson", Array("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feat".utf8))
    }

    /// A little-endian baseline TIFF header claiming `side` × `side` 8-bit pixels, with
    /// ModelPixelScale and ModelTiepoint (so only the size is wrong). With `sparseRowsPerStrip`,
    /// the image is cut into strips of that many rows, every one of byte count 0 (sparse: valid
    /// TIFF, decoded as zeros); otherwise one strip claims 2³²−1 bytes. 200-odd bytes plus 8 per strip.
    static func hugeTIFF(side: Int = 1_000_000, sparseRowsPerStrip: Int? = nil) -> [UInt8] {
        var entries: [(UInt16, UInt16, UInt32, [UInt8])] = []  // tag, type, count, value bytes
        func long(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
        func short(_ v: UInt16) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) + [0, 0] }
        func doubles(_ vs: [Double]) -> [UInt8] { vs.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) } }
        let rows = sparseRowsPerStrip ?? side
        let strips = (side + rows - 1) / rows
        entries.append((256, 4, 1, long(UInt32(side))))
        entries.append((257, 4, 1, long(UInt32(side))))
        entries.append((258, 3, 1, short(8)))
        entries.append((259, 3, 1, short(1)))
        entries.append((262, 3, 1, short(1)))
        entries.append((273, 4, UInt32(strips), strips == 1 ? long(8) : (0..<strips).flatMap { _ in long(8) }))
        entries.append((277, 3, 1, short(1)))
        entries.append((278, 4, 1, long(UInt32(rows))))
        entries.append((279, 4, UInt32(strips), strips == 1 ? long(0xFFFF_FFFF) : (0..<strips).flatMap { _ in long(0) }))
        entries.append((33550, 12, 3, doubles([10, 10, 0])))
        entries.append((33922, 12, 6, doubles([0, 0, 0, 500_000, 4_500_000, 0])))
        var out: [UInt8] = [0x49, 0x49, 42, 0] + long(8)
        let ifdSize = 2 + entries.count * 12 + 4
        var extra: [UInt8] = []
        out += withUnsafeBytes(of: UInt16(entries.count).littleEndian, Array.init)
        for (tag, type, count, value) in entries {
            out += withUnsafeBytes(of: tag.littleEndian, Array.init)
            out += withUnsafeBytes(of: type.littleEndian, Array.init)
            out += long(count)
            if value.count <= 4 {
                out += value + [UInt8](repeating: 0, count: 4 - value.count)
            } else {
                out += long(UInt32(8 + ifdSize + extra.count))
                extra += value
            }
        }
        out += long(0)
        return out + extra
    }

    /// A PNG whose IHDR claims 2³¹−1 × 1 grey pixels, with valid CRCs and an empty IDAT.
    static func hugePNG() -> [UInt8] {
        func be(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian, Array.init) }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be(UInt32(data.count)) + body + be(crc32(body))
        }
        let ihdr = be(0x7FFF_FFFF) + be(1) + [8, 0, 0, 0, 0]
        // zlib stream of a stored empty block.
        let idat: [UInt8] = [0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", [])
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }
}
