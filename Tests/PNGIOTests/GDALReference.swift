import Foundation
import TestSupport

/// What GDAL's command-line tools say about a file: the reference the PNG driver is checked against.
struct GDALReference {
    struct Band: Equatable {
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

    /// A row of `gdal-png-reference.tsv` (see scripts/png-gdal-reference.sh): nil when GDAL
    /// could not open the file.
    static func parse(row fields: [Substring]) -> GDALReference? {
        guard fields.count >= 5, fields[1] == "ok", let w = Int(fields[2]), let h = Int(fields[3]) else { return nil }
        let bands = fields[4].split(separator: ";").map { spec -> Band in
            let f = spec.split(separator: ":", omittingEmptySubsequences: false)
            var b = Band(type: String(f[0]))
            b.checksum = f.count > 1 ? Int(f[1]) : nil
            b.noData = f.count > 2 ? Double(f[2]) : nil
            b.colorInterpretation = f.count > 3 && !f[3].isEmpty ? String(f[3]) : nil
            b.paletteCount = f.count > 4 ? Int(f[4]) : nil
            return b
        }
        return GDALReference(width: w, height: h, bands: bands, geoTransform: nil, wkt: nil, files: [])
    }

    /// The checked-in table: GDAL's version line and one entry per file (nil value = GDAL fails).
    static let table: (version: String, rows: [String: GDALReference?]) = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("gdal-png-reference.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return ("", [:]) }
        var version = ""
        var rows: [String: GDALReference?] = [:]
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# ") { version = String(line.dropFirst(2)); continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            rows[String(fields[0])] = .some(parse(row: fields))
        }
        return (version, rows)
    }()

    /// (major, minor, patch) from "GDAL 3.6.2, released …".
    static func parseVersion(_ text: String) -> (Int, Int, Int)? {
        guard let start = text.range(of: "GDAL ") else { return nil }
        let numbers = text[start.upperBound...].prefix { $0.isNumber || $0 == "." }.split(separator: ".").compactMap { Int($0) }
        guard numbers.count >= 2 else { return nil }
        return (numbers[0], numbers[1], numbers.count > 2 ? numbers[2] : 0)
    }

    /// The installed GDAL's `gdalinfo --version` line.
    static let liveVersion: String? = {
        guard let run = try? ToolRun.run("gdalinfo", ["--version"]), run.status == 0 else { return nil }
        return run.stdoutString.trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    /// GDAL before 3.10.1 does not byte-swap 16-bit interlaced PNG samples on little-endian
    /// machines (fixed by OSGeo/gdal#11553).
    static func swaps16BitInterlaced(version: String) -> Bool {
        guard let v = parseVersion(version) else { return false }
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
