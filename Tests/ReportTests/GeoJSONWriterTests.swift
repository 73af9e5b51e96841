import Foundation
import Testing
import TestSupport
@testable import Report

@Suite struct GeoJSONWriterTests {
    static let goldenPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/sample.geojson").path

    /// Rewrite with `ALONGSIDE_UPDATE_GOLDEN=1 swift test --filter GeoJSONWriterTests`, then review the diff.
    @Test func matchesGoldenFile() throws {
        let text = GeoJSONWriter.encode(ReportFixtures.sampleDocument())
        if ProcessInfo.processInfo.environment["ALONGSIDE_UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: Self.goldenPath, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: Self.goldenPath, encoding: .utf8)
        #expect(text == golden)
    }

    @Test func encodingIsDeterministic() {
        let a = GeoJSONWriter.encode(ReportFixtures.sampleDocument())
        let b = GeoJSONWriter.encode(ReportFixtures.sampleDocument())
        #expect(a == b)
    }

    @Test func emptyCollectionHasNoBBox() throws {
        let text = GeoJSONWriter.encode(FeatureCollectionDocument())
        #expect(text == "{\n  \"type\": \"FeatureCollection\",\n  \"features\": []\n}\n")
        let root = try JSONParser.parse(text)
        #expect(root["bbox"] == nil)
    }

    /// RFC 7946 structure: positions in range with 7 decimals, rings closed and
    /// counter-clockwise, every feature's bbox equal to its coordinates' extent and the
    /// collection bbox the union.
    @Test func rfc7946Structure() throws {
        let text = GeoJSONWriter.encode(ReportFixtures.sampleDocument())
        let root = try JSONParser.parse(text)
        #expect(root["type"]?.stringValue == "FeatureCollection")
        let features = try #require(root["features"]?.arrayValue)
        #expect(features.count == 4)
        var union: [Double]? = nil
        for f in features {
            let geometry = try #require(f["geometry"])
            let type = try #require(geometry["type"]?.stringValue)
            let coords = try #require(geometry["coordinates"])
            let polygons: [JSONValue]
            switch type {
            case "MultiPolygon": polygons = try #require(coords.arrayValue)
            case "Polygon": polygons = [coords]
            default: Issue.record("unexpected geometry \(type)"); continue
            }
            #expect(f["properties"]?["kind"]?.stringValue == (type == "MultiPolygon" ? "sts_candidate" : "vessel"))
            var pts: [LonLat] = []
            for poly in polygons {
                let ring = try #require(poly.arrayValue?.first?.arrayValue)
                let ll = ring.map { LonLat(lon: $0.arrayValue![0].doubleValue!, lat: $0.arrayValue![1].doubleValue!) }
                #expect(ll.count >= 4)
                #expect(ll.first == ll.last, "ring not closed")
                #expect(RingGeometry.signedDoubleArea(ll) > 0, "ring is clockwise")
                for p in ll {
                    #expect((-180...180).contains(p.lon) && (-90...90).contains(p.lat))
                }
                pts += ll
            }
            let bbox = try #require(f["bbox"]?.arrayValue?.compactMap { $0.doubleValue })
            #expect(bbox == RingGeometry.bbox(pts))
            union = RingGeometry.union(union, bbox)
        }
        #expect(root["bbox"]?.arrayValue?.compactMap { $0.doubleValue } == union)
        // Every coordinate is written with exactly 7 decimals.
        let coordText = text.split(separator: "\n").filter { $0.contains("\"coordinates\"") || $0.contains("\"bbox\"") }
        let numbers = coordText.flatMap { $0.split(whereSeparator: { "[], :\"".contains($0) }) }
            .filter { $0.first.map { $0 == "-" || $0.isNumber } ?? false }
        #expect(!numbers.isEmpty)
        for n in numbers { #expect(n.split(separator: ".").last?.count == 7, "\(n)") }
    }

    @Test(arguments: [false, true])
    func windingIsFixedToCounterClockwise(clockwise: Bool) throws {
        var v = ReportFixtures.vessel(10, 50, clockwise: clockwise)
        v.footprint = v.footprint + [v.footprint[0]]  // closed input is fine too
        let f = GeoJSONWriter.feature(v)
        let ring = try #require(f["geometry"]?["coordinates"]?.arrayValue?.first?.arrayValue)
        let ll = ring.map { LonLat(lon: $0.arrayValue![0].doubleValue!, lat: $0.arrayValue![1].doubleValue!) }
        #expect(ll.count == 5)
        #expect(ll.first == ll.last)
        #expect(RingGeometry.signedDoubleArea(ll) > 0)
    }

    @Test func featureWithoutFootprintGetsPointGeometry() throws {
        var v = ReportFixtures.vessel(10, 50)
        v.footprint = [LonLat(10, 50), LonLat(10, 50)]
        let f = GeoJSONWriter.feature(v)
        #expect(f["geometry"]?["type"]?.stringValue == "Point")
        #expect(f["bbox"]?.arrayValue?.compactMap { $0.doubleValue } == [10, 50, 10, 50])
    }

    @Test(arguments: [
        (0.0, 7, "0.0000000"), (-0.00000001, 7, "0.0000000"), (1.23456785, 7, "1.2345679"), (-70.5, 7, "-70.5000000"),
        (182.5, 2, "182.50"), (0.05, 1, "0.1"), (3, 0, "3.0"), (-0.000049, 4, "0.0000"), (12345.678, 1, "12345.7"),
    ])
    func fixedFormatting(value: Double, decimals: Int, expected: String) {
        #expect(JSONPrinter.formatFixed(value, decimals: decimals) == expected)
    }

    @Test func nonFiniteNumbersBecomeNull() {
        var v = ReportFixtures.vessel(10, 50)
        v.contrast = .nan
        v.lengthM = .infinity
        let text = JSONPrinter.compact(GeoJSONWriter.feature(v))
        #expect(text.contains("\"contrast\": null"))
        #expect(text.contains("\"length_m\": null"))
        #expect(!text.lowercased().contains("nan") && !text.contains("inf"))
    }

    @Test func atomicWriteLeavesNoTemporaryFiles() throws {
        let dir = ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.geojson"
        try GeoJSONWriter.write(ReportFixtures.sampleDocument(), to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.geojson"])
        #expect(throws: ReportError.self) {
            try GeoJSONWriter.write(ReportFixtures.sampleDocument(), to: dir + "/missing/out.geojson")
        }
    }

    @Test func stableIDsDependOnInputsParametersAndContent() {
        let e = ReportFixtures.sampleDocument().events[0]
        let a = e.stableID(inputs: ["a.tif", "b.tif"], parameters: ["max_gap_m": 60.0])
        #expect(a == e.stableID(inputs: ["a.tif", "b.tif"], parameters: ["max_gap_m": 60.0]))
        #expect(a.hasPrefix("sts-") && a.count == 20)
        #expect(a != e.stableID(inputs: ["a.tif", "c.tif"], parameters: ["max_gap_m": 60.0]))
        #expect(a != e.stableID(inputs: ["a.tif", "b.tif"], parameters: ["max_gap_m": 50.0]))
        var reordered = e
        reordered.vessels.reverse()
        #expect(a == reordered.stableID(inputs: ["a.tif", "b.tif"], parameters: ["max_gap_m": 60.0]))
        var moved = e
        moved.vessels[0].lon += 1e-5
        #expect(a != moved.stableID(inputs: ["a.tif", "b.tif"], parameters: ["max_gap_m": 60.0]))
    }
}
