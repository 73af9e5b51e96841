import Foundation
import Testing
import TestSupport

/// `alongside info` as a user meets it: the built binary, real files, bad input.
@Suite struct InfoCommandTests {
    static let s2 = "sen2ships/sen2ships/marseille/2023-08-22-00:00_2023-08-22-23:59_Sentinel-2_L2A_"

    static func ready() -> URL? {
        guard let root = SharedData.dataRoot else { print(SharedData.absentMessage); return nil }
        guard FileManager.default.isExecutableFile(atPath: ToolRun.alongsideBinary) else {
            print("\(ToolRun.alongsideBinary) is not built: skipping"); return nil
        }
        return root
    }

    static func info(_ args: [String]) throws -> InfoProcess {
        try InfoProcess.run(ToolRun.alongsideBinary, ["info"] + args, deadline: 60)
    }

    static func expectOneLineFailure(_ r: InfoProcess, contains: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status != 0 && !r.signalled, sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("alongside: ") && r.stderr.contains(contains), "stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func missingFileAndFolder() throws {
        guard Self.ready() != nil else { return }
        Self.expectOneLineFailure(try Self.info(["/no/such/file.tif"]), contains: "/no/such/file.tif: no such file")
        Self.expectOneLineFailure(try Self.info([NSTemporaryDirectory()]), contains: "is a directory")
    }

    @Test func refusesOtherFormatsSayingWhatTheyAre() throws {
        guard let root = Self.ready() else { return }
        let jpg = root.appendingPathComponent("rasterio-tests-data/tests/data/389225main_sw_1965_1024.jpg").path
        Self.expectOneLineFailure(try Self.info([jpg]), contains: "JPEG")
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("info-empty-\(UUID().uuidString).tif")
        try Data().write(to: tmp)
        defer { try? FileManager.default.removeItem(at: tmp) }
        Self.expectOneLineFailure(try Self.info([tmp.path]), contains: "empty file")
    }

    @Test func badOptions() throws {
        guard let root = Self.ready() else { return }
        let f = root.appendingPathComponent(Self.s2 + "B03_(Raw).tiff").path
        Self.expectOneLineFailure(try Self.info(["--crs", "EPSG:99999", f]), contains: "--crs")
        Self.expectOneLineFailure(try Self.info(["--bands", "green=x", f]), contains: "--bands")
        Self.expectOneLineFailure(try Self.info(["--bands", "nir=3", f]), contains: "nir=3")
    }

    @Test func sentinel2BandFilesText() throws {
        guard let root = Self.ready() else { return }
        let files = ["B02", "B03", "B04", "B08"].map { root.appendingPathComponent(Self.s2 + "\($0)_(Raw).tiff").path }
        let r = try Self.info(files)
        #expect(r.status == 0, "\(r.stderr)")
        let text = String(decoding: r.stdout, as: UTF8.self)
        #expect(text.hasPrefix("Driver: Bands/"))
        #expect(text.contains("CRS: EPSG:3857 (WGS 84 / Pseudo-Mercator)"))
        #expect(text.contains("Capture time: 2023-08-22T00:00:00Z (file name)"))
        #expect(text.contains("Role = nir (file name)"))
        // Marseille is at 43.3° N: a 10 m Web Mercator pixel is about 7.3 ground metres.
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Ground metres per pixel") })
        let x = Double(line.split(separator: "=")[1].split(separator: "x")[0].trimmingCharacters(in: .whitespaces)) ?? 0
        #expect(abs(x - 10 * cos(43.3 * .pi / 180)) < 0.1, "\(line)")
    }

    @Test func bandFilesOnDifferentGridsAreRefused() throws {
        guard let root = Self.ready() else { return }
        let a = root.appendingPathComponent(Self.s2 + "B03_(Raw).tiff").path
        let b = root.appendingPathComponent("rasterio-tests-data/tests/data/RGB.byte.tif").path
        Self.expectOneLineFailure(try Self.info([a, b]), contains: "not on the grid of")
    }

    @Test func stacItemWithRelativeHrefs() throws {
        guard let root = Self.ready() else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("info-stac-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for band in ["B03", "B08"] {
            try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("\(band).tif"),
                                                       withDestinationURL: root.appendingPathComponent(Self.s2 + "\(band)_(Raw).tiff"))
        }
        let item = """
        {"type": "Feature", "stac_version": "1.0.0", "id": "marseille",
         "properties": {"datetime": "2023-08-22T10:30:31Z"},
         "assets": {"g": {"href": "B03.tif", "type": "image/tiff; application=geotiff", "eo:bands": [{"common_name": "green"}]},
                    "n": {"href": "./B08.tif", "type": "image/tiff; application=geotiff", "eo:bands": [{"common_name": "nir"}]}}}
        """
        let itemPath = dir.appendingPathComponent("item.json").path
        try item.write(toFile: itemPath, atomically: true, encoding: .utf8)
        let r = try Self.info(["--json", itemPath])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect(j["driverShortName"] as? String == "STAC")
        #expect(j["captureTime"] as? String == "2023-08-22T10:30:31Z")
        #expect(j["captureTimeSource"] as? String == "STAC properties.datetime")
        let bands = try #require(j["bands"] as? [[String: Any]])
        #expect(bands.compactMap { $0["role"] as? String } == ["green", "nir"])
        #expect((j["files"] as? [String])?.first == itemPath)
    }
}

/// `--crs` and `--time` overrides through the binary.
@Suite struct InfoOverrideTests {
    @Test func crsAndTimeOverrides() throws {
        guard let root = InfoCommandTests.ready() else { return }
        let f = root.appendingPathComponent("rasterio-tests-data/tests/data/RGB.byte.tif").path
        let r = try InfoCommandTests.info(["--json", "--crs", "EPSG:32619", "--time", "2024-01-02T03:04:05+01:00", f])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect((j["stac"] as? [String: Any])?["proj:epsg"] as? Int == 32619)
        #expect((j["georeferencingSource"] as? String)?.hasSuffix("--crs") == true)
        #expect(j["captureTime"] as? String == "2024-01-02T02:04:05Z")
        #expect(j["captureTimeSource"] as? String == "given")
        InfoCommandTests.expectOneLineFailure(try InfoCommandTests.info(["--time", "soon", f]), contains: "--time soon")
    }
}
