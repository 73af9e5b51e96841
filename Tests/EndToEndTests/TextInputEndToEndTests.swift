import Foundation
import Raster
import Testing
import TestSupport

/// The text inputs end to end, on the built binary: hand-made hostile files and seeded
/// mutants of valid ones (truth GeoJSON for `eval`, a `--land-mask` GeoJSON, a STAC item as a
/// capture, `--before-time`). Each run must end by itself (no signal, within the deadline);
/// a refusal exits non-zero with one stderr line naming the file (or option), and leaves
/// nothing at `-o` nor beside it. A mutant that is still valid may complete (exit 0).
@Suite(.serialized) struct TextInputEndToEndTests {
    static var fx: BadInputFixtures { BadInputFixtures.shared }
    static let deadline = 60.0

    /// A scratch folder of this suite inside the fixtures' folder.
    static func scratch(_ name: String) -> String {
        let dir = fx.path("text-e2e")
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/" + name
    }

    static func write(_ path: String, _ bytes: [UInt8]) {
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    /// Runs `alongside args`; checks it ended by itself, and, when it failed, that stderr is one
    /// line with `prefix` naming `file`. Returns the exit status.
    @discardableResult
    static func run(_ args: [String], file: String, prefix: String = "alongside: ",
                    mustFail: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int32 {
        let r = try ToolRun.run(ToolRun.alongsideBinary, args, timeout: deadline)
        let what = "alongside \(args.joined(separator: " ").prefix(300))"
        #expect(!r.timedOut, "\(what): did not end within \(deadline) s", sourceLocation: sourceLocation)
        #expect(!r.signalled, "\(what): killed by signal \(r.status)", sourceLocation: sourceLocation)
        if mustFail { #expect(r.status != 0, "\(what): exit 0 on bad input", sourceLocation: sourceLocation) }
        if r.status != 0 && !r.signalled {
            #expect(r.status == 1, "\(what): exit \(r.status): \(r.stderr.prefix(500))", sourceLocation: sourceLocation)
            let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: true)
            #expect(lines.count == 1, "\(what): stderr should be one line:\n\(r.stderr.prefix(2000))", sourceLocation: sourceLocation)
            #expect(r.stderr.hasPrefix(prefix + file), "\(what): stderr should start with \(prefix)\(file): \(r.stderr.prefix(500))",
                    sourceLocation: sourceLocation)
        }
        return r.status
    }

    /// `detect … -o OUT` in an empty folder: on failure the folder must stay empty.
    static func detect(_ args: [String], file: String, mustFail: Bool,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = scratch("out")
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let status = try run(["detect"] + args + ["-o", folder + "/c.geojson"], file: file, mustFail: mustFail,
                             sourceLocation: sourceLocation)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder)
        if status != 0 {
            #expect(left.isEmpty, "\(file): a failed run left \(left) beside -o", sourceLocation: sourceLocation)
        } else {
            #expect(left == ["c.geojson"], "\(file): a completed run left \(left)", sourceLocation: sourceLocation)
        }
    }

    static func read(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    // MARK: eval

    static let hostileJSON: [(String, String)] = [
        ("deep.geojson", String(repeating: "[", count: 100_000)),
        ("deep-objects.geojson", String(repeating: "{\"a\":", count: 100_000)),
        ("nan.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,0]}}]}"#),
        ("huge.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"lon":1e300,"lat":0}}]}"#),
        ("surrogate.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"kind":"\ud800\u0041"}}]}"#),
        ("newline-escape.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\"\\\n\"]}"),
    ]

    @Test func evalRefusesHostileTruthAndCandidates() throws {
        try #require(Self.fx.problem == nil)
        let truth = Self.fx.path("tif/truth.geojson")
        for (name, text) in Self.hostileJSON {
            let p = Self.scratch(name)
            Self.write(p, Array(text.utf8))
            try Self.run(["eval", "--truth", p, truth], file: p, prefix: "alongside eval: ", mustFail: true)
            try Self.run(["eval", "--truth", truth, p], file: p, prefix: "alongside eval: ", mustFail: true)
        }
    }

    @Test func evalOnMutatedTruth() throws {
        try #require(Self.fx.problem == nil)
        let truth = Self.fx.path("tif/truth.geojson")
        let valid = Self.read(truth)
        var g = SplitMix64(seed: 61)
        var failed = 0
        for k in 0..<16 {
            let p = Self.scratch("mutant-\(k).geojson")
            Self.write(p, TextMutator.mutate(valid, using: &g))
            if try Self.run(["eval", "--truth", p, truth], file: p, prefix: "alongside eval: ", mustFail: false) != 0 { failed += 1 }
        }
        #expect(failed > 0)
    }

    /// Regression: thousands of coincident points chain into one matching group whose
    /// assignment is O(n³) (20 000 would take days): refused with one line naming the files.
    @Test func evalRefusesAnOversizedMatchingGroup() throws {
        try #require(Self.fx.problem == nil)
        let feature = #"{"type":"Feature","geometry":{"type":"Point","coordinates":[5,53]},"properties":{"lon":5,"lat":53}}"#
        let p = Self.scratch("coincident.geojson")
        Self.write(p, Array((#"{"type":"FeatureCollection","features":["# + Array(repeating: feature, count: 700).joined(separator: ",")
                             + "]}").utf8))
        try Self.run(["eval", "--truth", p, p], file: p, prefix: "alongside eval: ", mustFail: true)
        let r = try ToolRun.run(ToolRun.alongsideBinary, ["eval", "--truth", p, p], timeout: Self.deadline)
        #expect(r.stderr.contains("over 1000 features"), "\(r.stderr)")
        // Within the limit the same points are scored.
        let q = Self.scratch("coincident-small.geojson")
        Self.write(q, Array((#"{"type":"FeatureCollection","features":["# + Array(repeating: feature, count: 40).joined(separator: ",")
                             + "]}").utf8))
        let ok = try ToolRun.run(ToolRun.alongsideBinary, ["eval", "--truth", q, q], timeout: Self.deadline)
        #expect(ok.status == 0 && ok.stdoutString.contains("matched 40"), "\(ok.stderr)")
    }

    // MARK: detect --land-mask

    static let hostileMasks: [(String, String)] = [
        ("mask-deep.geojson", "{\"type\":\"Polygon\",\"coordinates\":" + String(repeating: "[", count: 100_000)),
        ("mask-off-globe.geojson", #"{"type":"Polygon","coordinates":[[[1e300,0],[0,1],[1,1],[1e300,0]]]}"#),
        ("mask-flat.geojson", #"{"type":"Polygon","coordinates":[[-71.77,-32.96],[-71.76,-32.96],[-71.76,-32.95]]}"#),
        ("mask-nan.geojson", #"{"type":"Polygon","coordinates":[[[NaN,0],[0,1],[1,1]]]}"#),
        ("mask-circle.geojson", #"{"type":"Circle","coordinates":[-71.77,-32.96]}"#),
    ]

    @Test func detectRefusesHostileLandMasks() throws {
        try #require(Self.fx.problem == nil)
        let (b, a) = (Self.fx.path("tif/before.tif"), Self.fx.path("tif/after.tif"))
        for (name, text) in Self.hostileMasks {
            let p = Self.scratch(name)
            Self.write(p, Array(text.utf8))
            try Self.detect([b, a, "--land-mask", p], file: p, mustFail: true)
        }
    }

    @Test func detectOnMutatedLandMasks() throws {
        try #require(Self.fx.problem == nil)
        let (b, a) = (Self.fx.path("tif/before.tif"), Self.fx.path("tif/after.tif"))
        // Land over the west quarter of the synthetic scene (lon −71.7792…−71.7609, lat −32.9678…−32.9523).
        let valid = Array(#"""
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
             "coordinates": [[[-71.7800, -32.9690], [-71.7750, -32.9690], [-71.7750, -32.9510], [-71.7800, -32.9510], [-71.7800, -32.9690]]]}}]}
            """#.utf8)
        var g = SplitMix64(seed: 62)
        for k in 0..<6 {
            let p = Self.scratch("mask-mutant-\(k).geojson")
            Self.write(p, TextMutator.mutate(valid, using: &g))
            try Self.detect([b, a, "--land-mask", p], file: p, mustFail: false)
        }
    }

    // MARK: STAC items as captures

    static func item(datetime: String = "2025-08-01T15:17:05Z", href: String, extra: String = "") -> String {
        #"{"type": "Feature", "stac_version": "1.0.0", "id": "b", "properties": {"datetime": "\#(datetime)"\#(extra)}, "#
            + #""assets": {"img": {"href": "\#(href)", "type": "image/tiff; application=geotiff"}}}"#
    }

    @Test func detectRefusesHostileSTACItems() throws {
        try #require(Self.fx.problem == nil)
        let before = Self.fx.path("tif/before.tif"), after = Self.fx.path("tif/after.tif")
        let items: [(String, String)] = [
            ("feb30.stac.json", Self.item(datetime: "2025-02-30T15:17:05Z", href: before)),
            ("deep.stac.json", #"{"type": "Feature", "stac_version": "1.0.0", "assets": "# + String(repeating: "[", count: 100_000)),
            ("remote.stac.json", Self.item(href: "s3://bucket/before.tif")),
            ("empty-href.stac.json", Self.item(href: "")),
            ("bad-epsg.stac.json", Self.item(href: before, extra: #", "proj:epsg": 1e300"#)),
            ("no-href.stac.json", #"{"type": "Feature", "stac_version": "1.0.0", "assets": {"img": {"type": "image/tiff"}}}"#),
        ]
        for (name, text) in items {
            let p = Self.scratch(name)
            Self.write(p, Array(text.utf8))
            try Self.detect([p, after], file: p, mustFail: true)
        }        // Regression: Foundation's ISO8601DateFormatter died with SIGFPE on this datetime (valid
        // RFC 3339: any number of fraction digits); the run now completes.
        let p = Self.scratch("long-fraction.stac.json")
        Self.write(p, Array(Self.item(datetime: "2025-08-01T15:17:05." + String(repeating: "0", count: 5000) + "Z", href: before).utf8))
        try Self.detect([p, after], file: p, mustFail: false)
    }

    @Test func detectOnMutatedSTACItems() throws {
        try #require(Self.fx.problem == nil)
        let after = Self.fx.path("tif/after.tif")
        let valid = Array(Self.item(href: "../tif/before.tif").utf8)
        var g = SplitMix64(seed: 63)
        for k in 0..<6 {
            let p = Self.scratch("item-mutant-\(k).stac.json")
            Self.write(p, TextMutator.mutate(valid, using: &g))
            // A mutant may also name a missing asset: then the message names that file instead.
            let r = try ToolRun.run(ToolRun.alongsideBinary, ["detect", p, after, "-o", Self.scratch("item-out.geojson")],
                                    timeout: Self.deadline)
            #expect(!r.timedOut && !r.signalled, "mutant \(k): \(r.stderr.prefix(300))")
            if r.status != 0 {
                #expect(r.status == 1 && r.stderr.hasPrefix("alongside: ") && r.stderr.split(separator: "\n").count == 1,
                        "mutant \(k): \(r.stderr.prefix(500))")
                #expect(r.stderr.contains(p) || r.stderr.contains(Self.fx.dir), "mutant \(k): \(r.stderr.prefix(500))")
                #expect(!FileManager.default.fileExists(atPath: Self.scratch("item-out.geojson")))
            }
            try? FileManager.default.removeItem(atPath: Self.scratch("item-out.geojson"))
        }
    }

    // MARK: --before-time

    @Test(arguments: ["2025-02-30T00:00:00Z", "2025-08-01T15:17:05+99:00", "2025-08-01T15:17:05." + String(repeating: "9", count: 3000) + "Q", "NaN"])
    func detectRefusesImpossibleBeforeTime(time: String) throws {
        try #require(Self.fx.problem == nil)
        let (b, a) = (Self.fx.path("tif/before.tif"), Self.fx.path("tif/after.tif"))
        try Self.detect([b, a, "--before-time", time], file: "--before-time", mustFail: true)
    }
}
