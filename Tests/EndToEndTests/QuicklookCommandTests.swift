import Foundation
import Testing
import TestSupport

/// `detect --quicklook DIR`: one PNG per candidate, named by its id, readable by GDAL; a folder
/// that cannot be made fails the run before any GeoJSON is written.
@Suite struct QuicklookCommandTests {
    static let sample = "samples/utm-tif"

    @Test func writesOneChipPerCandidate() throws {
        let dir = NSTemporaryDirectory() + "alongside-ql-\(getpid())/"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "out.geojson"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let r = try DetectSamplesTests.run(["detect", "\(Self.sample)/before.tif", "\(Self.sample)/after.tif", "-o", out,
                                            "--quicklook", dir + "chips"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        let ids = (doc["features"] as! [[String: Any]]).compactMap { $0["id"] as? String }.sorted()
        #expect(!ids.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "chips").sorted()
        #expect(files == ids.map { "\($0).png" })
        if ToolRun.available("gdalinfo"), let first = files.first {
            let info = try ToolRun.run("gdalinfo", ["-json", dir + "chips/" + first])
            #expect(info.status == 0, "\(info.stderr)")
            let j = try JSONSerialization.jsonObject(with: info.stdout) as! [String: Any]
            let bands = j["bands"] as! [[String: Any]]
            #expect(bands.count == 3 && bands.allSatisfy { $0["type"] as? String == "Byte" })
            let size = (j["size"] as! [NSNumber]).map(\.intValue)
            #expect(size[0] > 2 * size[1], "three panels side by side: \(size)")
        }
    }

    @Test func unwritableFolderFailsWithoutOutput() throws {
        let dir = NSTemporaryDirectory() + "alongside-qlbad-\(getpid())/"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: dir + "file"))
        let out = dir + "out.geojson"
        let r = try DetectSamplesTests.run(["detect", "\(Self.sample)/before.tif", "\(Self.sample)/after.tif", "-o", out,
                                            "--quicklook", dir + "file/chips"])
        #expect(r.status != 0)
        #expect(r.stderr.contains(dir + "file/chips") && r.stderr.contains("--quicklook"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "no GeoJSON after a failed run")
    }
}
