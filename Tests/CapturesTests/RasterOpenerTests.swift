import Foundation
import Testing
import RasterIO
@testable import Captures

@Suite struct RasterOpenerTests {
    static func temp(_ bytes: [UInt8], name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("opener-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let p = dir.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    @Test func missingAndFolder() {
        #expect(throws: RasterIOError.notFound(path: "/no/such.tif")) { try RasterOpener.open(path: "/no/such.tif") }
        #expect(throws: RasterIOError.unreadable(path: NSTemporaryDirectory(), reason: "is a directory")) {
            try RasterOpener.open(path: NSTemporaryDirectory())
        }
    }

    @Test(arguments: [
        ([UInt8](), "x.tif", "empty file"),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46], "photo.png", "JPEG image"),
        (Array("<!DOCTYPE html><html><body>404</body></html>".utf8), "scene.tif", "HTML page"),
        (Array(#"{"type": "Feature", "stac_version": "1.0.0", "assets": {}}"#.utf8), "item.tif", "STAC item"),
        ([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08], "noise.tif", "unrecognised content starting 00 01 02"),
    ])
    func refusesSayingWhatItIs(bytes: [UInt8], name: String, what: String) throws {
        let p = try Self.temp(bytes, name: name)
        do {
            _ = try RasterOpener.open(path: p)
            Issue.record("opened \(name)")
        } catch let e as RasterIOError {
            guard case .unsupportedFormat(let path, let detected) = e else { Issue.record("\(e)"); return }
            #expect(path == p)
            #expect(detected.contains(what), "\(detected)")
        }
    }

    @Test func stacItemsAreRecognised() throws {
        let p = try Self.temp(Array(#" {"type": "Feature", "stac_version": "1.0.0", "assets": {}}"#.utf8), name: "item.json")
        #expect(try RasterOpener.isSTACItem(path: p))
        let q = try Self.temp([0x49, 0x49, 0x2A, 0x00], name: "a.tif")
        #expect(try !RasterOpener.isSTACItem(path: q))
        #expect(try RasterOpener.driverName(path: q) == "GTiff")
    }

    @Test func stacItemWithMissingAssetNamesIt() throws {
        let p = try Self.temp(Array(#"{"type": "Feature", "stac_version": "1.0.0", "assets": {"b": {"href": "gone.tif"}}}"#.utf8),
                              name: "item.json")
        let missing = (p as NSString).deletingLastPathComponent + "/gone.tif"
        #expect(throws: RasterIOError.notFound(path: missing)) { try Capture.open([p]) }
    }
}
