import Foundation
import Testing
import TestSupport
@testable import Report

/// GDAL/OGR is the reference reader: it must open the file and infer the contract's types.
@Suite struct OGRCompatibilityTests {
    @Test(.enabled(if: ToolRun.available("ogrinfo"), "ogrinfo is not installed"))
    func ogrinfoInfersTypedFields() throws {
        let dir = ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.geojson"
        try GeoJSONWriter.write(ReportFixtures.sampleDocument(), to: path)
        let run = try ToolRun.run("ogrinfo", ["-ro", "-al", "-so", path])
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdoutString
        #expect(out.contains("Feature Count: 4"))
        var types: [String: String] = [:]
        for line in out.split(separator: "\n") {
            // "gap_m: Real (0.0)" / "merged: Integer(Boolean) (0.0)"
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let t = parts[1].trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
            types[String(parts[0])] = t
        }
        let expected: [String: String] = [
            "kind": "String", "score": "Real", "lon": "Real", "lat": "Real", "capture": "String", "time": "DateTime",
            "change": "String", "gap_m": "Real", "merged": "Integer(Boolean)", "heading_difference_deg": "Real",
            "length_m": "Real", "width_m": "Real", "heading_deg": "Real", "area_m2": "Real", "contrast": "Real",
            "new": "Integer(Boolean)",
        ]
        for (name, type) in expected {
            #expect(types[name] == type, "field \(name): \(types[name] ?? "missing") in\n\(out)")
        }
        #expect(out.contains("Extent: (-70.501600, -33.250600) - (103.950800, 1.350300)"), "\(out)")
    }

    @Test(.enabled(if: ToolRun.available("ogrinfo"), "ogrinfo is not installed"))
    func ogrinfoReadsSequences() throws {
        let dir = ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.geojsons"
        try GeoJSONSeqWriter.write(ReportFixtures.sampleDocument(), to: path)
        let run = try ToolRun.run("ogrinfo", ["-ro", "-al", "-so", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdoutString.contains("Feature Count: 4"))
        #expect(run.stdoutString.contains("GeoJSONSeq"))
    }
}
