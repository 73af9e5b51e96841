import Foundation
import Testing
import TestSupport

/// The acceptance test of the I/O issue: for every TIFF and PNG under shared/data,
/// `alongside info --json --checksum` agrees with `gdalinfo -json -checksum` on size, band
/// count, band types, geotransform, nodata, EPSG, every checksum, and the WGS 84 corners
/// (to 1e-7°, on top of both rounding to 7 decimals). Files GDAL cannot open are hostile:
/// we must exit non-zero with one line `alongside: <file>: <reason>` within 10 s, never by
/// a signal. Known disagreements: ``InfoConformanceAllowList`` (docs/formats.md).
///
/// Runs the built binary (`ToolRun.alongsideBinary`, `ALONGSIDE_BIN` overrides). gdalinfo's
/// output is computed per run, never stored.
@Suite struct InfoConformanceTests {
    static let files: [String] = SharedData.files(under: "", extensions: ["tif", "tiff", "png"]).map(SharedData.relative)

    static let limit = InfoConcurrencyLimit(width: 8)

    static var environmentReady: Bool {
        guard SharedData.dataRoot != nil else { print(SharedData.absentMessage); return false }
        guard InfoProcess.which("gdalinfo") != nil else { print("gdalinfo is not installed: skipping"); return false }
        guard FileManager.default.isExecutableFile(atPath: ToolRun.alongsideBinary) else {
            print("\(ToolRun.alongsideBinary) is not built: skipping (make test builds it)"); return false
        }
        return true
    }

    @Test func dataIsPresent() {
        if Self.environmentReady { #expect(Self.files.count > 500, "shared/data looks incomplete: \(Self.files.count) rasters") }
    }

    /// gdalinfo's view and ours of every file, once per run, computed side by side (the two
    /// batches take about the same time). Ours runs as `info --each` in three processes; a file
    /// missing from it (its process died) is run alone by its test case.
    nonisolated(unsafe) static let batches: (gdal: [String: InfoGDALReference.Result], ours: [String: [String: Any]]) = {
        guard environmentReady, let root = SharedData.dataRoot else { return ([:], [:]) }
        let paths = files.map { root.appendingPathComponent($0).path }
        nonisolated(unsafe) var gdal: [String: InfoGDALReference.Result] = [:]
        nonisolated(unsafe) var ours: [String: [String: Any]] = [:]
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { gdal = InfoGDALReference.compute(paths) } else { ours = InfoBatch.compute(paths) }
        }
        return (gdal, ours)
    }()

    @Test(arguments: files)
    func agreesWithGDAL(file: String) async throws {
        guard Self.environmentReady, let root = SharedData.dataRoot else { return }
        let path = root.appendingPathComponent(file).path
        let allowed = InfoConformanceAllowList.allowed(file: file, path: path)
        let reference = Self.batches.gdal[path] ?? InfoGDALReference.single(path)

        guard reference.opens, let gdalJSON = reference.json else {
            // Hostile for GDAL: exit non-zero (or succeed) with one line, within 10 s, never a
            // signal — checked in a process of its own.
            let r = try await Self.limit.run {
                try InfoProcess.run(ToolRun.alongsideBinary, ["info", "--json", "--checksum", path], deadline: 10)
            }
            #expect(!r.timedOut, "\(file): alongside info did not finish within 10 s")
            #expect(!r.signalled, "\(file): alongside info was killed by signal \(r.status)")
            if r.status != 0 {
                let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: true)
                #expect(lines.count == 1 && lines[0].hasPrefix("alongside: "), "\(file): stderr is not one line: \(r.stderr)")
            }
            return
        }

        var mine = Self.batches.ours[path]
        if mine == nil {  // its batch died: run it alone to see how
            let r = try await Self.limit.run {
                try InfoProcess.run(ToolRun.alongsideBinary, ["info", "--json", "--checksum", path], deadline: 60)
            }
            #expect(!r.signalled, "\(file): alongside info was killed by signal \(r.status)")
            if r.status == 0 {
                mine = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
            } else {
                mine = ["description": path, "error": r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)]
            }
        }
        let o = try #require(mine, "\(file): no report from alongside info")
        let gdalReadErrors = reference.readErrors
        if let error = o["error"] as? String {
            if !allowed.contains("open") && !gdalReadErrors {
                Issue.record("\(file): GDAL opens it, alongside refuses: \(error)")
            }
            return
        }
        let g = try #require(try JSONSerialization.jsonObject(with: gdalJSON) as? [String: Any], "\(file): gdalinfo JSON")

        var differences: [String: String] = [:]
        func differ(_ fact: String, _ detail: String) { differences[fact, default: ""] += detail + "; " }

        if (g["size"] as? [Int]) != (o["size"] as? [Int]) { differ("size", "\(g["size"] ?? "-") vs \(o["size"] ?? "-")") }
        let gb = g["bands"] as? [[String: Any]] ?? [], ob = o["bands"] as? [[String: Any]] ?? []
        if gb.count != ob.count { differ("bands", "\(gb.count) vs \(ob.count)") }
        for (i, (x, y)) in zip(gb, ob).enumerated() {
            if (x["type"] as? String) != (y["type"] as? String) { differ("type", "band \(i + 1): \(x["type"] ?? "-") vs \(y["type"] ?? "-")") }
            if !Self.sameNoData(x["noDataValue"], y["noDataValue"]) {
                differ("nodata", "band \(i + 1): \(x["noDataValue"] ?? "none") vs \(y["noDataValue"] ?? "none")")
            }
            if !gdalReadErrors, let cx = x["checksum"] as? Int, (y["checksum"] as? Int) != cx {
                differ("checksum", "band \(i + 1): \(cx) vs \(y["checksum"] ?? "-")")
            }
        }
        let gg = g["geoTransform"] as? [Double], og = o["geoTransform"] as? [Double]
        if let gg {
            if let og, og.count == 6 {
                for k in 0..<6 where abs(gg[k] - og[k]) > 1e-9 * max(1, abs(gg[k])) {
                    differ("geotransform", "\(gg) vs \(og)"); break
                }
            } else {
                differ("geotransform", "\(gg) vs none")
            }
        } else if let og, og != [0, 1, 0, 0, 0, 1] {
            differ("geotransform", "none vs \(og)")
        }
        let ge = (g["stac"] as? [String: Any])?["proj:epsg"] as? Int
        let oe = (o["stac"] as? [String: Any])?["proj:epsg"] as? Int
        if ge != oe { differ("epsg", "\(ge.map(String.init) ?? "none") vs \(oe.map(String.init) ?? "none")") }
        let gc = Self.ring(g), oc = Self.ring(o)
        if let gc {
            if let oc, oc.count == gc.count {
                for (p, q) in zip(gc, oc) where abs(p[0] - q[0]) > 1.5e-7 || abs(p[1] - q[1]) > 1.5e-7 {
                    differ("corners", "\(p) vs \(q)"); break
                }
            } else {
                differ("corners", "GDAL has a WGS 84 extent, we have none")
            }
        }

        for (fact, detail) in differences.sorted(by: { $0.key < $1.key }) where !allowed.contains(fact) {
            Issue.record("\(file): \(fact) differs (gdalinfo vs alongside): \(detail)")
        }
        for fact in allowed.sorted() where fact != "open" && differences[fact] == nil {
            Issue.record("\(file): allow-listed fact \(fact) no longer differs: remove it from InfoConformanceAllowList")
        }
    }

    static func sameNoData(_ a: Any?, _ b: Any?) -> Bool {
        func value(_ v: Any?) -> Double? {
            if let d = v as? Double { return d }
            if let n = v as? NSNumber { return n.doubleValue }
            if let s = v as? String { return s == "NaN" ? .nan : Double(s) }
            return nil
        }
        let x = value(a), y = value(b)
        switch (x, y) {
        case (nil, nil): return true
        case (let p?, let q?): return p == q || (p.isNaN && q.isNaN)
        default: return false
        }
    }

    static func ring(_ json: [String: Any]) -> [[Double]]? {
        // GDAL writes an empty ring when corners fall outside the projection's domain.
        guard let ring = ((json["wgs84Extent"] as? [String: Any])?["coordinates"] as? [[[Double]]])?.first, !ring.isEmpty
        else { return nil }
        return ring
    }
}
