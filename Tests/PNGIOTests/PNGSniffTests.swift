import Foundation
import PNGIO
import RasterIO
import Testing

@Suite struct PNGSniffTests {
    static let cases: [(bytes: [UInt8], what: String)] = [
        ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] + Array("JFIF".utf8), "JPEG image"),
        (Array("GIF89a".utf8) + [1, 0, 1, 0], "GIF image"),
        ([0x49, 0x49, 0x2A, 0, 8, 0, 0, 0], "TIFF image"),
        ([0x4D, 0x4D, 0, 0x2A, 0, 0, 0, 8], "TIFF image"),
        ([0x49, 0x49, 0x2B, 0, 8, 0, 0, 0], "BigTIFF image"),
        (Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8 ".utf8), "WebP image"),
        (Array("BM".utf8) + [UInt8](repeating: 0, count: 20), "BMP image"),
        (Array("%PDF-1.7\n".utf8), "PDF document"),
        ([0x50, 0x4B, 3, 4, 20, 0], "ZIP archive"),
        (Array("\n  <!DOCTYPE html><html><body>404</body></html>".utf8), "HTML page (an error page saved instead of the image?)"),
        (Array("<?xml version=\"1.0\"?><svg></svg>".utf8), "SVG image"),
        (Array("{\"type\": \"Feature\"}".utf8), "JSON text"),
        (Array("just some notes\n".utf8), "text file"),
        ([], "empty file"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0A, 0x1A, 0x0A, 0], "PNG with a damaged signature (line endings converted by a text-mode transfer?)"),
    ]

    @Test("sniff names what the bytes are", arguments: 0..<cases.count)
    func sniff(_ i: Int) {
        let (bytes, what) = Self.cases[i]
        #expect(PNGDataset.sniff(bytes) == what)
        #expect(!PNGDataset.identify(bytes))
    }

    @Test("identify accepts only the PNG signature")
    func identify() {
        #expect(PNGDataset.identify(PNGDataset.signature + [0, 0, 0, 13]))
        #expect(PNGDataset.sniff(PNGDataset.signature) == "PNG image")
        #expect(!PNGDataset.identify(Array(PNGDataset.signature.prefix(7))))
        #expect(PNGDataset.sniff([0x00, 0x01, 0x02, 0x80, 0xFE]) == nil)
    }

    @Test("a JPEG named .png is refused with what it really is")
    func jpegNamedPNG() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("photo.png")
        try Data(Self.cases[0].bytes + [UInt8](repeating: 0, count: 100)).write(to: URL(fileURLWithPath: path))
        #expect(throws: RasterIOError.unsupportedFormat(path: path, detected: "JPEG image named .png")) {
            try PNGDataset.open(path: path)
        }
        let msg = RasterIOError.unsupportedFormat(path: path, detected: "JPEG image named .png").description
        #expect(msg == "\(path): not a supported raster (JPEG image named .png)")
        let empty = dir.path("empty.png")
        FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: RasterIOError.unsupportedFormat(path: empty, detected: "empty file")) { try PNGDataset.open(path: empty) }
        #expect(throws: RasterIOError.unreadable(path: dir.url.path, reason: "is a directory")) { try PNGDataset.open(path: dir.url.path) }
    }
}
