import Foundation
import TestSupport

/// What `gdalinfo -json -checksum` says about a raster: the reference the driver is compared with.
struct GDALInfo {
    struct Band {
        var type: String
        var checksum: Int?
        var noData: Double?
        var description: String?
        var colorInterpretation: String?
        var block: [Int]
        var metadata: [String: [String: String]]
        /// Colour table entries, [r, g, b, a] each.
        var colorTable: [[Int]]?
    }

    var width: Int
    var height: Int
    var bands: [Band]
    var geoTransform: [Double]?
    /// EPSG code of the top-level CRS, when GDAL identifies one.
    var epsg: Int?
    var hasCRS: Bool
    var metadata: [String: [String: String]]

    static var available: Bool { ToolRun.available("gdalinfo") }

    /// Runs gdalinfo; nil when GDAL cannot open the file (or takes longer than `timeout` seconds).
    static func load(_ path: String, checksum: Bool = true, timeout: Double = 20) -> GDALInfo? {
        // `timeout -s KILL`: GDAL ignores SIGTERM while grinding through some hostile files.
        var args = ["-s", "KILL", String(Int(timeout)), "gdalinfo", "-json"]
        if checksum { args.append("-checksum") }
        args.append(path)
        guard let stdout = cachedRun(args: args, path: path, timeout: timeout),
              let obj = try? JSONSerialization.jsonObject(with: stdout) as? [String: Any],
              let size = obj["size"] as? [Int], size.count == 2 else { return nil }
        var bands: [Band] = []
        for b in obj["bands"] as? [[String: Any]] ?? [] {
            bands.append(Band(type: b["type"] as? String ?? "?",
                              checksum: b["checksum"] as? Int,
                              noData: noDataValue(b["noDataValue"]),
                              description: b["description"] as? String,
                              colorInterpretation: b["colorInterpretation"] as? String,
                              block: b["block"] as? [Int] ?? [],
                              metadata: metadata(b["metadata"]),
                              colorTable: (b["colorTable"] as? [String: Any])?["entries"] as? [[Int]]))
        }
        var epsg: Int? = nil
        var hasCRS = false
        if let cs = obj["coordinateSystem"] as? [String: Any], let wkt = cs["wkt"] as? String, !wkt.isEmpty {
            hasCRS = true
            epsg = topLevelEPSG(wkt)
        }
        let gt = (obj["geoTransform"] as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue }
        return GDALInfo(width: size[0], height: size[1], bands: bands, geoTransform: gt?.count == 6 ? gt : nil,
                        epsg: epsg, hasCRS: hasCRS, metadata: metadata(obj["metadata"]))
    }

    /// gdalinfo's output, cached under .build/gdalinfo-cache keyed by the file's path, size and
    /// modification time (GDAL is the slow half of the conformance tests). nil when gdalinfo fails.
    private static func cachedRun(args: [String], path: String, timeout: Double) -> Data? {
        let attrs = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attrs?[.size] as? NSNumber)?.intValue ?? -1
        let mtime = (attrs?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        var hasher = FNV1a()
        hasher.add((args + ["\(size)", "\(mtime)"]).joined(separator: "\u{0}"))
        let dir = SharedData.packageRoot.appendingPathComponent(".build/gdalinfo-cache")
        let file = dir.appendingPathComponent(String(hasher.value, radix: 16) + ".json")
        // Only the read-only shared data is cached; files tests generate are fresh each run.
        let cacheable = SharedData.dataRoot.map { path.hasPrefix($0.path) } ?? false
        if cacheable, let data = try? Data(contentsOf: file) { return data.isEmpty ? nil : data }
        guard let run = try? ToolRun.run("timeout", args, timeout: timeout + 5) else { return nil }
        let out = run.status == 0 ? run.stdout : Data()
        guard cacheable else { return out.isEmpty ? nil : out }
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? out.write(to: file, options: .atomic)
        return out.isEmpty ? nil : out
    }

    /// 64-bit FNV-1a, for cache keys.
    struct FNV1a {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        mutating func add(_ s: String) {
            for b in s.utf8 { value = (value ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
    }

    private static func noDataValue(_ v: Any?) -> Double? {
        if let n = v as? NSNumber { return n.doubleValue }
        if let s = v as? String {
            switch s.lowercased() {
            case "nan": return .nan
            case "infinity", "inf": return .infinity
            case "-infinity", "-inf": return -.infinity
            default: return Double(s)
            }
        }
        return nil
    }

    private static func metadata(_ v: Any?) -> [String: [String: String]] {
        guard let d = v as? [String: Any] else { return [:] }
        var out: [String: [String: String]] = [:]
        for (domain, items) in d {
            if let items = items as? [String: String] { out[domain] = items }
        }
        return out
    }

    /// The `ID["EPSG",n]` closing the WKT (the top-level CRS's identifier), if any.
    static func topLevelEPSG(_ wkt: String) -> Int? {
        let trimmed = wkt.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasSuffix("]]"), let r = trimmed.range(of: "ID[\"EPSG\",", options: .backwards) else { return nil }
        let tail = trimmed[r.upperBound...].dropLast(2)
        return Int(tail)
    }
}
