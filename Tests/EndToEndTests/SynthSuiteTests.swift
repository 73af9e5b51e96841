import Foundation
import Testing
import TestSupport

/// A small, fast subset of `scripts/synth-suite.sh` (docs/evaluation.md) run with the built
/// binary: `synth` → `detect` → `eval --json --explain` on three positive and two negative
/// scenes. Checks that detect's output is a valid candidate collection, that eval scores it, and
/// quality floors set just below what the detector measured when this test was written. The floors
/// are regression guards, not the goal (the goal is issue 3's F1 ≥ 0.90 and zero candidates on
/// negative scenes, measured by the full suite). The seeds (2 000 003 + 7919·i) are a family of
/// their own, so the suite's held-out seeds stay unseen.
@Suite(.serialized) struct SynthSuiteTests {
    /// One scene of the subset and its floors.
    struct Scene: Sendable, CustomTestStringConvertible {
        var seed: Int
        var resolutionM: Double
        var crs: String
        var format: String
        var size: Int
        var negative: Bool
        /// Positive scenes: the lowest acceptable event F1.
        var minF1: Double = 0
        /// The most candidates allowed (negative scenes).
        var maxCandidates = Int.max
        var testDescription: String {
            "seed \(seed) \(resolutionM) m \(crs) \(format) \(size)²\(negative ? " negative" : "")"
        }
    }

    /// Floors measured on 2026-11-26 (detector of commit b3c989a): F1 1.000, 1.000, 0.667 on the positive
    /// scenes (the 3 m one misses a raft of three and a joined pair), 0 and 1 candidates on the negative
    /// ones (the one at 3 m pairs a hull with a cloud edge). 384² px keeps the debug binary fast.
    /// Raised after the robust CFAR censoring and the contrast band (docs/detection.md): the 3 m
    /// positive scene measured 0.857 (floor 0.6 → 0.8), the 3 m negative one 0 candidates (1 → 0);
    /// with the hull-core split and the slenderness rule (eb3ecc9) the 3 m positive one is 1.000 (→ 0.95).
    static let scenes: [Scene] = [
        Scene(seed: 2_000_003, resolutionM: 10, crs: "utm", format: "tif", size: 384, negative: false, minF1: 0.85),
        Scene(seed: 2_007_922, resolutionM: 5, crs: "EPSG:3857", format: "png", size: 384, negative: false, minF1: 0.85),
        Scene(seed: 2_015_841, resolutionM: 3, crs: "EPSG:4326", format: "tif", size: 384, negative: false, minF1: 0.95),
        Scene(seed: 2_023_760, resolutionM: 10, crs: "EPSG:4326", format: "png", size: 384, negative: true,
              maxCandidates: 0),
        Scene(seed: 2_031_679, resolutionM: 3, crs: "utm", format: "tif", size: 384, negative: true,
              maxCandidates: 0),
    ]

    static func run(_ args: [String]) throws -> ToolRun {
        try ToolRun.run(ToolRun.alongsideBinary, args, timeout: 300)
    }

    /// `before.tif`, or `before.png,before_B08.png` (every band file of the capture).
    static func captureArgument(_ dir: String, _ side: String, _ format: String) -> String {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        let extra = files.filter { $0.hasPrefix("\(side)_B") && $0.hasSuffix(".\(format)") }
        return (["\(side).\(format)"] + extra).map { "\(dir)/\($0)" }.joined(separator: ",")
    }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }

    @Test(arguments: scenes)
    func scene(_ s: Scene) throws {
        let dir = NSTemporaryDirectory() + "alongside-synth-suite-\(getpid())-\(s.seed)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var synthArgs = ["synth", dir, "--seed", "\(s.seed)", "--resolution", "\(s.resolutionM)", "--crs", s.crs,
                         "--format", s.format, "--size", "\(s.size)"]
        if s.negative { synthArgs.append("--negative") }
        let synth = try Self.run(synthArgs)
        try #require(synth.status == 0, "\(synth.stderr)")

        let out = dir + "/out.geojson"
        let detect = try Self.run(["detect", Self.captureArgument(dir, "before", s.format),
                                   Self.captureArgument(dir, "after", s.format), "-o", out])
        try #require(detect.status == 0, "\(detect.stderr)")
        #expect(detect.stderr.contains("candidates:"), "summary on stderr")

        // The output is a candidate collection as docs/output.md describes.
        let doc = try Self.json(out)
        #expect(doc["type"] as? String == "FeatureCollection")
        let features = try #require(doc["features"] as? [[String: Any]])
        var candidates = 0
        for f in features {
            let p = f["properties"] as? [String: Any] ?? [:]
            let geometry = f["geometry"] as? [String: Any] ?? [:]
            #expect(f["type"] as? String == "Feature")
            #expect(["Polygon", "MultiPolygon", "Point"].contains(geometry["type"] as? String ?? ""), "\(geometry)")
            guard p["kind"] as? String == "sts_candidate" else { continue }
            candidates += 1
            let score = p["score"] as? Double ?? -1
            #expect((0...1).contains(score), "score \(score)")
            #expect(["after", "before"].contains(p["capture"] as? String ?? ""), "\(p)")
            #expect(["new_pair", "joined"].contains(p["change"] as? String ?? ""), "\(p)")
            #expect((p["vessels"] as? [Any])?.count ?? 0 >= 2, "an event lists its vessels")
            let lon = p["lon"] as? Double ?? .nan, lat = p["lat"] as? Double ?? .nan
            #expect((-180...180).contains(lon) && (-90...90).contains(lat), "lon/lat \(lon) \(lat)")
        }

        // eval scores it (events counted as in the two files) and explains each false candidate.
        let eval = try Self.run(["eval", "--truth", dir + "/truth.geojson", out, "--json",
                                 "--explain", dir + "/scene.geojson"])
        try #require(eval.status == 0, "\(eval.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: eval.stdout) as? [String: Any])
        let events = try #require(result["events"] as? [String: Any])
        let truthEvents = try (Self.json(dir + "/truth.geojson")["features"] as? [[String: Any]] ?? [])
            .filter { ($0["properties"] as? [String: Any])?["kind"] as? String == "sts_candidate" }.count
        #expect(events["truth"] as? Int == truthEvents)
        #expect(events["candidates"] as? Int == candidates)
        let falseOn = (result["false_candidates_on"] as? [String: Any])?["events"] as? [Any] ?? []
        #expect(falseOn.count == events["false_positives"] as? Int, "every false event is explained")

        let f1 = events["f1"] as? Double ?? -1
        if s.negative {
            #expect(truthEvents == 0, "a negative scene has no event in its truth")
            #expect(candidates <= s.maxCandidates, "candidates on a negative scene lie on \(falseOn)")
        } else {
            #expect(truthEvents > 0, "a positive scene holds events")
            #expect(f1 >= s.minF1, "event F1 \(f1); false candidates lie on \(falseOn), missed \(events["missed_truth"] ?? [])")
        }
    }
}
