import Foundation
import Testing
import TestSupport
@testable import Report

@Suite struct GeoJSONReaderTests {
    @Test func roundTripIsAFixpoint() throws {
        let doc = ReportFixtures.sampleDocument()
        let text = GeoJSONWriter.encode(doc)
        let back = try GeoJSONReader.decode(Array(text.utf8), name: "mem")
        #expect(GeoJSONWriter.encode(back) == text)
        #expect(back.events.count == 2 && back.vessels.count == 2)
        let e = back.events[0]
        #expect(e.id == doc.events[0].id)
        #expect(e.capture == .after && e.change == .newPair && e.merged && e.gapM == 3.5)
        #expect(e.time == ReportFixtures.after)
        #expect(e.vessels.count == 2 && e.vessels[0].footprint.count == 4)
        #expect(e.vessels[0].capture == .after && e.vessels[0].isNew == true)
        #expect(e.sources == EventSources(before: "before.tif", after: "after.tif"))
        #expect(back.events[1].pixel == nil && back.events[1].sources.after == nil)
        #expect(back.events[1].vessels.map(\.isNew) == [nil, false, nil])
        #expect(back.vessels[0].contrast == nil && back.vessels[0].id == doc.vessels[0].id)
        #expect(back.vessels[1].time == ReportFixtures.before)
        #expect(back.run == doc.run)
    }

    @Test func sequenceRoundTrip() throws {
        let doc = ReportFixtures.sampleDocument()
        let data = GeoJSONSeqWriter.encode(doc)
        let records = data.split(separator: GeoJSONSeqWriter.recordSeparator)
        #expect(records.count == 4)
        #expect(data.first == 0x1E)
        for r in records { #expect(r.last == 0x0A && r.dropLast().allSatisfy { $0 != 0x0A }) }
        let back = try GeoJSONReader.decode(Array(data), name: "mem.geojsons")
        var expected = doc
        expected.run = nil
        #expect(GeoJSONWriter.encode(back) == GeoJSONWriter.encode(expected))
    }

    @Test func writtenFileReadsBack() throws {
        let dir = ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try GeoJSONWriter.write(ReportFixtures.sampleDocument(), to: dir + "/a.geojson")
        try GeoJSONSeqWriter.write(ReportFixtures.sampleDocument(), to: dir + "/a.geojsons")
        #expect(try GeoJSONReader.read(path: dir + "/a.geojson").events.count == 2)
        #expect(try GeoJSONReader.read(path: dir + "/a.geojsons").vessels.count == 2)
    }

    /// A hand-made truth file: points without `kind`, sizes or capture.
    @Test func handMadeTruthPoints() throws {
        let text = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [5.25, 53.5]}, "properties": null},
              {"type": "Feature", "id": 7, "geometry": {"type": "Point", "coordinates": [5.5, 53.0]},
               "properties": {"capture": "before", "name": "x"}},
              {"type": "Feature", "geometry": null, "properties": {"kind": "landmark", "lon": 1, "lat": 2}}
            ]}
            """
        let doc = try GeoJSONReader.decode(Array(text.utf8), name: "truth.geojson")
        #expect(doc.events.count == 2)
        #expect(doc.events[0].lon == 5.25 && doc.events[0].lat == 53.5 && doc.events[0].capture == .after)
        #expect(doc.events[1].capture == .before && doc.events[1].id == "7")
    }

    @Test(arguments: [
        ("{\"type\": \"FeatureCollection\", \"features\": [", "truth.geojson: invalid JSON at line 1, column 44: unexpected end of input"),
        ("{\"type\": \"Feature\"}\n{", "truth.geojson: invalid JSON at line 2, column 1: unexpected data after the JSON value"),
        ("[1, 2]", "truth.geojson: not a GeoJSON FeatureCollection (a JSON array without \"type\")"),
        ("{\"type\": \"Point\", \"coordinates\": [0, 0]}", "truth.geojson: not a GeoJSON FeatureCollection (type \"Point\")"),
        ("{\"type\": \"FeatureCollection\"}", "truth.geojson: not a GeoJSON FeatureCollection (no \"features\" array)"),
        ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"kind\": \"vessel\", \"length_m\": \"long\"}}]}",
         "truth.geojson: feature 0: \"length_m\" is a string, expected a number"),
        ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"lon\": 1, \"lat\": 2, \"capture\": \"later\"}}]}",
         "truth.geojson: feature 0: \"capture\" is \"later\", expected after, before or single"),
        ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {}}]}",
         "truth.geojson: feature 0: no lon/lat and no geometry to take the centre from"),
        ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [200, 0]}}]}",
         "truth.geojson: feature 0: position [200.0, 0.0] is outside longitude −180…180 / latitude −90…90"),
    ])
    func errorsNameFileAndReason(text: String, message: String) {
        do {
            _ = try GeoJSONReader.decode(Array(text.utf8), name: "truth.geojson")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func missingFileIsNamed() {
        #expect(throws: ReportError.notFound(path: "/nonexistent/t.geojson")) {
            try GeoJSONReader.read(path: "/nonexistent/t.geojson")
        }
    }

    @Test(arguments: [
        ("\"a\\u00e9\\ud83d\\ude00\\n\"", JSONValue.string("aé😀\n")), ("-0.5e2", .number(-50)), ("12", .int(12)),
        ("[true, false, null]", .array([.bool(true), .bool(false), .null])),
        ("{\"b\": 1, \"a\": 2}", .object([JSONMember("b", 1), JSONMember("a", 2)])),
    ])
    func parserValues(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test(arguments: ["01", "1.", "[1,]", "{\"a\" 1}", "\"\u{01}\"", "tru", "\"\\x\"", "-", "1e", "[", "{\"a\":1,}"])
    func parserRejects(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test func parserLimitsNesting() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
    }

    @Test(arguments: [
        ("2024-05-02T10:31:12Z", 1_714_645_872.0), ("2024-05-02 10:31:12", 1_714_645_872.0),
        ("2024-05-02T12:31:12+02:00", 1_714_645_872.0), ("1969-12-31T23:59:59.5Z", -0.5), ("2000-02-29T00:00:00Z", 951_782_400.0),
    ])
    func isoTimes(text: String, seconds: Double) throws {
        let d = try #require(ISOTime.parse(text))
        #expect(d.timeIntervalSince1970 == seconds)
    }

    @Test func isoTimeFormatRoundTrips() {
        for s in ["2024-05-02T10:31:12Z", "1969-12-31T23:59:59.500Z", "2000-02-29T00:00:00Z", "2100-12-31T23:59:59.001Z"] {
            #expect(ISOTime.format(ISOTime.parse(s)!) == s)
        }
        #expect(ISOTime.parse("2024-13-01T00:00:00Z") == nil)
        #expect(ISOTime.parse("yesterday") == nil)
    }
}
