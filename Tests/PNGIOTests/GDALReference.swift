import Foundation
import TestSupport

/// What GDAL's command-line tools say about a file: the reference the PNG driver is checked against.
struct GDALReference {
    struct Band {
        var type: String
        var checksum: Int?
        var noData: Double?
        var colorInterpretation: String?
        var paletteCount: Int?
    }

    var width: Int
    var height: Int
    var bands: [Band]
    var geoTransform: [Double]?
    var wkt: String?
    var files: [String]

    static var available: Bool { ToolRun.available("gdalinfo") }

    /// GDAL's version as (major, minor, patch), from `gdalinfo --version` ("GDAL 3.6.2, released …").
    static let version: (Int, Int, Int)? = {
        guard let run = try? ToolRun.run("gdalinfo", ["--version"]), run.status == 0 else { return nil }
        let text = run.stdoutString
        guard let start = text.range(of: "GDAL ") else { return nil }
        let numbers = text[start.upperBound...].prefix { $0.isNumber || $0 == "." }.split(separator: ".").compactMap { Int($0) }
        guard numbers.count >= 2 else { return nil }
        return (numbers[0], numbers[1], numbers.count > 2 ? numbers[2] : 0)
    }()

    /// GDAL before 3.10.1 does not byte-swap 16-bit interlaced PNG samples on little-endian
    /// machines (fixed by OSGeo/gdal#11553).
    static var swaps16BitInterlaced: Bool {
        guard let v = version else { return false }
        return v < (3, 10, 1)
    }

    /// `gdalinfo -json -checksum path`, or nil when GDAL cannot open the file.
    static func info(_ path: String, checksum: Bool = true) throws -> GDALReference? {
        var args = ["-json", "-nomd"]
        if checksum { args.append("-checksum") }
        let run = try ToolRun.run("gdalinfo", args + [path], timeout: 60)
        guard run.status == 0,
              let obj = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any],
              let size = obj["size"] as? [Int], size.count == 2 else { return nil }
        var bands: [Band] = []
        for b in obj["bands"] as? [[String: Any]] ?? [] {
            var band = Band(type: b["type"] as? String ?? "?")
            band.checksum = b["checksum"] as? Int
            if let nd = b["noDataValue"] as? Double { band.noData = nd } else if let nd = b["noDataValue"] as? Int { band.noData = Double(nd) }
            band.colorInterpretation = b["colorInterpretation"] as? String
            if let ct = b["colorTable"] as? [String: Any] { band.paletteCount = ct["count"] as? Int }
            bands.append(band)
        }
        let gt = obj["geoTransform"] as? [Double]
        let wkt = (obj["coordinateSystem"] as? [String: Any])?["wkt"] as? String
        return GDALReference(width: size[0], height: size[1], bands: bands, geoTransform: gt, wkt: wkt,
                             files: obj["files"] as? [String] ?? [])
    }

    /// The samples of every band as GDAL decodes them (`gdal_translate -of ENVI`, band-sequential,
    /// host byte order), widened to Int. Nil when GDAL cannot read the pixels.
    static func pixels(_ path: String, in dir: URL) throws -> [[Int]]? {
        guard let ref = try info(path, checksum: false) else { return nil }
        let out = dir.appendingPathComponent("ref-\(UUID().uuidString).bin").path
        let run = try ToolRun.run("gdal_translate", ["-q", "-of", "ENVI", "-co", "INTERLEAVE=BSQ", path, out], timeout: 60)
        defer {
            for suffix in ["", ".hdr", ".aux.xml"] { try? FileManager.default.removeItem(atPath: out + suffix) }
            try? FileManager.default.removeItem(atPath: (out as NSString).deletingPathExtension + ".hdr")
        }
        guard run.status == 0, let data = FileManager.default.contents(atPath: out) else { return nil }
        let n = ref.width * ref.height
        var result: [[Int]] = []
        var offset = 0
        for b in ref.bands {
            let bytes = b.type == "UInt16" ? 2 : 1
            guard offset + n * bytes <= data.count else { return nil }
            var band = [Int](repeating: 0, count: n)
            data.withUnsafeBytes { raw in
                for i in 0..<n {
                    band[i] = bytes == 1 ? Int(raw[offset + i])
                        : Int(raw.loadUnaligned(fromByteOffset: offset + 2 * i, as: UInt16.self))
                }
            }
            offset += n * bytes
            result.append(band)
        }
        return result
    }
}
