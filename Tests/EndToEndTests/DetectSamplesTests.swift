import Foundation
import Testing
import TestSupport

/// Runs the built `alongside` binary on the bundled samples and compares with the golden
/// outputs committed beside them (`samples/NAME/expected.geojson`, written by
/// `scripts/make-samples.sh`). Compared semantically: same features in the same order,
/// same kinds, sides and changes, coordinates within 1e-6°, numbers within 1e-6 relative.
@Suite struct DetectSamplesTests {
    static let root = SharedData.packageRoot.path

    /// Sample folders with a pair and a golden output.
    static var samples: [String] {
        let dir = root + "/samples"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.sorted().filter { FileManager.default.fileExists(atPath: "\(dir)/\($0)/expected.geojson") }
    }

    /// The capture arguments of a sample: `before.tif` or `before.png,before_B08.png`.
    static func captureArgument(_ sample: String, _ side: String) -> String {
        let dir = "samples/\(sample)/"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + dir)) ?? []).sorted()
        let main = files.filter { $0 == "\(side).tif" || $0 == "\(side).png" }
        let extra = files.filter { $0.hasPrefix("\(side)_B") && ($0.hasSuffix(".tif") || $0.hasSuffix(".png")) }
        return (main + extra).map { dir + $0 }.joined(separator: ",")
    }

    /// Runs the binary from the package root (the goldens' paths and ids are relative to it),
    /// without changing this process's directory (tests run in parallel).
    static func run(_ args: [String]) throws -> ToolRun {
        try ToolRun.run("/usr/bin/env", ["-C", root, ToolRun.alongsideBinary] + args, timeout: 300)
    }

    @Test func samplesArePresent() {
        #expect(Self.samples.count >= 3, "samples/ should hold at least three pairs with expected.geojson")
    }

    @Test(arguments: samples)
    func matchesGolden(sample: String) throws {
        let out = NSTemporaryDirectory() + "alongside-e2e-\(getpid())-\(sample).geojson"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try Self.run(["detect", Self.captureArgument(sample, "before"), Self.captureArgument(sample, "after"),
                              "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("candidates:"), "summary on stderr")
        let got = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out)))
        let want = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "\(Self.root)/samples/\(sample)/expected.geojson")))
        var diffs: [String] = []
        Self.compare(got, want, path: "$", diffs: &diffs)
        #expect(diffs.isEmpty, "\(diffs.prefix(10).joined(separator: "\n"))")
    }

    @Test func singleCaptureGivesUnknownChange() throws {
        guard let sample = Self.samples.first else { return }
        let out = NSTemporaryDirectory() + "alongside-e2e-single-\(getpid()).geojson"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try Self.run(["detect", Self.captureArgument(sample, "after"), "-o", out, "--threads", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        let features = doc?["features"] as? [[String: Any]] ?? []
        #expect(!features.isEmpty)
        for f in features {
            let p = f["properties"] as? [String: Any] ?? [:]
            #expect(p["change"] as? String == "unknown" && p["capture"] as? String == "single")
        }
    }

    @Test func badInputFailsWithOneLineAndNoOutput() throws {
        let out = NSTemporaryDirectory() + "alongside-e2e-bad-\(getpid()).geojson"
        let r = try Self.run(["detect", "no/such/before.tif", "no/such/after.tif", "-o", out])
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("no/such/before.tif"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func differentCRSSuggestsGdalwarp() throws {
        let tif = Self.samples.first { Self.captureArgument($0, "before").hasSuffix(".tif") }
        let png = Self.samples.first { Self.captureArgument($0, "before").contains(".png") }
        guard let tif, let png else { return }
        let out = NSTemporaryDirectory() + "alongside-e2e-crs-\(getpid()).geojson"
        let r = try Self.run(["detect", Self.captureArgument(png, "before"), Self.captureArgument(tif, "after"), "-o", out])
        #expect(r.status != 0)
        #expect(r.stderr.contains("gdalwarp"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// The goldens are what the binary writes (``matchesGolden(sample:)``): GDAL reads them
    /// as a layer with every property typed.
    @Test(arguments: samples)
    func outputOpensInOGR(sample: String) throws {
        guard ToolRun.available("ogrinfo") else { return }
        let o = try ToolRun.run("ogrinfo", ["-ro", "-al", "-so", "\(Self.root)/samples/\(sample)/expected.geojson"])
        #expect(o.status == 0, "\(o.stderr)")
        let text = o.stdoutString
        if !text.contains("Feature Count: 0") {
            for field in ["kind: String (", "score: Real (", "change: String (", "capture: String (", "gap_m: Real (",
                          "merged: Integer(Boolean) (", "heading_difference_deg: Real (", "lon: Real (", "lat: Real ("] {
                #expect(text.contains(field), "\(field) in \(text)")
            }
        }
    }

    /// Structural comparison with numeric tolerance.
    static func compare(_ a: Any, _ b: Any, path: String, diffs: inout [String]) {
        switch (a, b) {
        case (let x as [String: Any], let y as [String: Any]):
            for k in Set(x.keys).union(y.keys).sorted() {
                guard let xv = x[k], let yv = y[k] else { diffs.append("\(path).\(k): present in only one"); continue }
                compare(xv, yv, path: "\(path).\(k)", diffs: &diffs)
            }
        case (let x as [Any], let y as [Any]):
            guard x.count == y.count else { diffs.append("\(path): \(x.count) vs \(y.count) items"); return }
            for i in x.indices { compare(x[i], y[i], path: "\(path)[\(i)]", diffs: &diffs) }
        case (let x as String, let y as String):
            if x != y { diffs.append("\(path): \(x) vs \(y)") }
        case (let x as NSNumber, let y as NSNumber):
            let u = x.doubleValue, v = y.doubleValue
            if abs(u - v) > 1e-6 * max(1, abs(u), abs(v)) { diffs.append("\(path): \(u) vs \(v)") }
        case (is NSNull, is NSNull):
            break
        default:
            diffs.append("\(path): \(type(of: a)) vs \(type(of: b))")
        }
    }
}
