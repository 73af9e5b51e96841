import Foundation
import GeoReferencing
import Report
import Testing
import TestSupport
@testable import Synthesis

@Suite struct SyntheticSceneWriterTests {
    static let gdal = ToolRun.available("gdalinfo") && ToolRun.available("gdallocationinfo")

    @Test func tifFilesAreByteIdenticalForTheSameSeed() throws {
        let d1 = SynthesisFixtures.temporaryDirectory(), d2 = SynthesisFixtures.temporaryDirectory()
        defer { for d in [d1, d2] { try? FileManager.default.removeItem(atPath: d) } }
        let spec = SynthesisFixtures.spec(size: 192)
        let f1 = try SyntheticSceneWriter.write(try SceneSynthesizer.make(seed: 31, spec: spec), to: d1, format: .tif)
        let f2 = try SyntheticSceneWriter.write(try SceneSynthesizer.make(seed: 31, spec: spec), to: d2, format: .tif)
        #expect(f1.map { ($0 as NSString).lastPathComponent } == ["before.tif", "after.tif", "truth.geojson", "scene.geojson"])
        for (a, b) in zip(f1, f2) {
            #expect(FileManager.default.contentsEqual(atPath: a, andPath: b), "\(a) differs between runs")
        }
        let truth = try GeoJSONReader.read(path: d1 + "/truth.geojson")
        #expect(truth == (try SceneSynthesizer.make(seed: 31, spec: spec)).truth.roundTripped)
    }

    /// Writing from the plan (one capture at a time, as the CLI does) gives the same bytes.
    @Test func planWriterEqualsPairWriter() throws {
        let d1 = SynthesisFixtures.temporaryDirectory(), d2 = SynthesisFixtures.temporaryDirectory()
        defer { for d in [d1, d2] { try? FileManager.default.removeItem(atPath: d) } }
        let spec = SynthesisFixtures.spec(size: 128)
        let f1 = try SyntheticSceneWriter.write(try SceneSynthesizer.make(seed: 35, spec: spec), to: d1, format: .png)
        let f2 = try SyntheticSceneWriter.write(try SceneSynthesizer.plan(seed: 35, spec: spec), to: d2, format: .png)
        #expect(f1.count == f2.count)
        for (a, b) in zip(f1, f2) { #expect(FileManager.default.contentsEqual(atPath: a, andPath: b), "\(a)") }
    }

    @Test(.enabled(if: gdal, "GDAL tools are not installed"))
    func gdalReadsTheGeoTIFFs() throws {
        let dir = SynthesisFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pair = try SceneSynthesizer.make(seed: 32, spec: SynthesisFixtures.spec(size: 160, crs: .webMercator))
        try SyntheticSceneWriter.write(pair, to: dir, format: .tif)
        let info = try ToolRun.run("gdalinfo", ["-json", dir + "/after.tif"])
        #expect(info.status == 0, "\(info.stderr)")
        let json = try JSONParser.parse(info.stdoutString)
        #expect(json["size"] == .array([.int(160), .int(160)]))
        let bands = try #require(json["bands"]?.arrayValue)
        #expect(bands.compactMap { $0["description"]?.stringValue } == ["blue", "green", "red", "nir"])
        #expect(bands.allSatisfy { $0["type"]?.stringValue == "UInt16" })
        let gt = try #require(json["geoTransform"]?.arrayValue?.compactMap { $0.doubleValue })
        for (x, y) in zip(gt, pair.geoReference.transform.gdal) { #expect(abs(x - y) <= 1e-9 * max(1, abs(y))) }
        #expect(json["stac"]?["proj:epsg"] == .int(3857), "\(info.stdoutString.prefix(3000))")
        // Pixel values as GDAL reads them.
        for (col, row) in [(0, 0), (17, 99), (159, 159)] {
            let r = try ToolRun.run("gdallocationinfo", ["-valonly", dir + "/after.tif", "\(col)", "\(row)"])
            let values = r.stdoutString.split(separator: "\n").compactMap { Double($0) }
            let expected = SyntheticPair.bandNames.map { SynthesisFixtures.value(pair.after, band: $0, col: col, row: row) }
            #expect(values == expected)
        }
    }

    @Test(.enabled(if: gdal, "GDAL tools are not installed"))
    func pngLayoutRGBPlusNIR() throws {
        let dir = SynthesisFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pair = try SceneSynthesizer.make(seed: 33, spec: SynthesisFixtures.spec(size: 128, crs: .geographic))
        let files = try SyntheticSceneWriter.write(pair, to: dir, format: .png).map { ($0 as NSString).lastPathComponent }
        #expect(files == ["before.png", "before_B08.png", "after.png", "after_B08.png", "truth.geojson", "scene.geojson"])
        for f in ["before.pgw", "before.png.aux.xml", "after_B08.pgw"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + f), "\(f) missing")
        }
        let rgb = try ToolRun.run("gdallocationinfo", ["-valonly", dir + "/after.png", "40", "50"])
        let v = rgb.stdoutString.split(separator: "\n").compactMap { Double($0) }
        #expect(v == ["red", "green", "blue"].map { SynthesisFixtures.value(pair.after, band: $0, col: 40, row: 50) })
        let nir = try ToolRun.run("gdallocationinfo", ["-valonly", dir + "/after_B08.png", "40", "50"])
        #expect(Double(nir.stdoutString.trimmingCharacters(in: .whitespacesAndNewlines)) == SynthesisFixtures.value(pair.after, band: "nir", col: 40, row: 50))
        let info = try ToolRun.run("gdalinfo", [dir + "/before.png"])
        #expect(info.stdoutString.contains("ID[\"EPSG\",4326]"), "\(info.stdoutString)")
        #expect(info.stdoutString.contains("ColorInterp=Red"))
        #expect(SyntheticSceneWriter.layout(prefix: "b", format: .png, bands: ["green", "nir"]).map(\.0) == ["b_B03.png", "b_B08.png"])
    }

    /// scene.geojson labels every drawn object; eval's explain finds them.
    @Test func sceneAnnotationsLabelEveryObject() throws {
        let dir = SynthesisFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pair = try SceneSynthesizer.make(seed: 34, spec: SynthesisFixtures.spec(size: 256))
        try SyntheticSceneWriter.write(pair, to: dir, format: .tif)
        let labels = try GeoJSONReader.readLabels(path: dir + "/scene.geojson")
        let hullCount = pair.layout.hulls.count
        #expect(labels.count == hullCount + pair.layout.clouds.count + (pair.layout.land == nil ? 0 : 1))
        #expect(labels.allSatisfy { $0.rings.count == 1 })
        // A truth vessel lies on its own labelled hull; a platform on a platform label.
        let v = try #require(pair.truth.vessels.first)
        let on = Evaluation.explain(points: [v.centre], labels: labels, toleranceM: 1)[0]
        #expect(on?.contains("/vessel [") == true, "\(on ?? "nil")")
        if let land = pair.layout.land {
            let inside = land.outline().map { $0 }
            // A point well inside the land: halfway between the image edge and the coast at mid-edge.
            let mid = inside[inside.count / 2]
            let edgePoint = land.edge % 2 == 0 ? (land.edge == 0 ? 0.0 : Double(pair.spec.width), mid.y)
                                                : (mid.x, land.edge == 1 ? 0.0 : Double(pair.spec.height))
            let p = ((mid.x + edgePoint.0) / 2, (mid.y + edgePoint.1) / 2)
            let ll = try pair.geoReference.lonLat(col: p.0, row: p.1)
            let label = Evaluation.explain(points: [LonLat(lon: ll.lon, lat: ll.lat)], labels: labels.filter { $0.label == "land" },
                                           toleranceM: 0)[0]
            #expect(label == "land")
        }
    }

    @Test func badBandListIsRefused() throws {
        let pair = try SceneSynthesizer.make(seed: 1, spec: SynthesisFixtures.spec(size: 64, content: .clean))
        #expect(throws: SynthesisError.self) { try SyntheticSceneWriter.write(pair, to: "/tmp", format: .tif, bands: ["swir"]) }
        #expect(throws: SynthesisError.self) { try SyntheticSceneWriter.write(pair, to: "/tmp", format: .tif, bands: ["red", "red"]) }
    }

    /// The CLI writes the same bytes for the same seed, prints a summary, and `eval` of the
    /// truth against itself is perfect. Needs the built binary (`make test` builds it first;
    /// worktrees set `ALONGSIDE_BIN`).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ToolRun.alongsideBinary), "alongside binary not built"))
    func cliIsDeterministic() throws {
        let d1 = SynthesisFixtures.temporaryDirectory(), d2 = SynthesisFixtures.temporaryDirectory()
        defer { for d in [d1, d2] { try? FileManager.default.removeItem(atPath: d) } }
        for d in [d1, d2] {
            let r = try ToolRun.run(ToolRun.alongsideBinary, ["synth", d, "--seed", "1234", "--size", "128", "--resolution", "5"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdoutString.contains("truth:"))
        }
        for f in ["before.tif", "after.tif", "truth.geojson", "scene.geojson"] {
            #expect(FileManager.default.contentsEqual(atPath: d1 + "/" + f, andPath: d2 + "/" + f), "\(f) differs")
        }
        let e = try ToolRun.run(ToolRun.alongsideBinary, ["eval", "--truth", d1 + "/truth.geojson", d2 + "/truth.geojson", "--json"])
        #expect(e.status == 0, "\(e.stderr)")
        let json = try JSONParser.parse(e.stdoutString)
        #expect(json["events"]?["f1"]?.doubleValue == 1)
        let truth1 = try GeoJSONReader.read(path: d1 + "/truth.geojson")
        let side = try ToolRun.run(ToolRun.alongsideBinary, ["eval", "--truth", d1 + "/truth.geojson", "--truth-capture", "after",
                                                             "--any-capture", d2 + "/truth.geojson", "--json"])
        let sj = try JSONParser.parse(side.stdoutString)
        #expect(sj["events"]?["truth"]?.intValue == truth1.events.filter { $0.capture == .after }.count)
        #expect(sj["events"]?["recall"]?.doubleValue == 1)
        let bad = try ToolRun.run(ToolRun.alongsideBinary, ["synth", d1, "--seed", "1", "--crs", "EPSG:nope"])
        #expect(bad.status != 0 && bad.stderr.contains("--crs"))
        let d3 = SynthesisFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: d3) }
        let rect = try ToolRun.run(ToolRun.alongsideBinary, ["synth", d3, "--seed", "5", "--size", "160x96", "--without", "clouds,land",
                                                             "--location", "10.5,54.25", "--crs", "EPSG:3857"])
        #expect(rect.status == 0, "\(rect.stderr)")
        let truth = try GeoJSONReader.read(path: d3 + "/truth.geojson")
        #expect(truth.run?.inputs.first.map { ($0.width, $0.height, $0.crs) } ?? (0, 0, nil) == (160, 96, "EPSG:3857"))
        let content = truth.run?.parameters["content"]?.arrayValue?.compactMap { $0.stringValue } ?? []
        #expect(!content.contains("clouds") && !content.contains("land") && content.contains("new_pairs"))
        for v in truth.vessels { #expect(abs(v.lon - 10.5) < 0.05 && abs(v.lat - 54.25) < 0.05) }
        let unknown = try ToolRun.run(ToolRun.alongsideBinary, ["synth", d3, "--seed", "5", "--without", "sharks"])
        #expect(unknown.status != 0 && unknown.stderr.contains("sharks"))
    }
}

extension FeatureCollectionDocument {
    /// What a reader gets back after writing: numbers at the written precision, rings closed
    /// and counter-clockwise without the closing point.
    var roundTripped: FeatureCollectionDocument {
        (try? GeoJSONReader.decode(Array(GeoJSONWriter.encode(self).utf8), name: "mem")) ?? self
    }
}
