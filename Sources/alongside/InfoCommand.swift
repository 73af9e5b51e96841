import ArgumentParser
import Captures
import Foundation
import GeoReferencing
import RasterIO

/// `alongside info`: what a raster, band-file list or STAC item is, like `gdalinfo`.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a raster or capture, like gdalinfo.",
        discussion: """
            Prints driver, files, size, CRS, geotransform, corners (map and WGS 84), ground metres \
            per pixel at the centre, capture time and, per band, type, block, description, role, \
            nodata, colour interpretation and (with --checksum) GDAL's checksum. --json uses \
            gdalinfo -json key names for the facts both tools report. See docs/info.md.
            """)

    @Argument(help: "A GeoTIFF, PNG, STAC item JSON, or several single-band files on one grid.")
    var paths: [String]
    @Flag(help: "Print gdalinfo -json compatible JSON.") var json = false
    @Flag(help: "Print per-band checksums computed as gdalinfo -checksum does.") var checksum = false
    @Option(help: "CRS to use whatever the files say (EPSG:xxxx, WKT or PROJ string).") var crs: String?
    @Option(help: "Band roles, 1-based: green=2,nir=4.") var bands: String?

    func run() async throws {
        let subject = paths.first ?? "info"
        do {
            let override = try crs.map { try CRS(definition: $0) }
            let mapping = try bands.map { try BandMapping(parsing: $0) }
            let capture = try Capture.open(paths, crsOverride: override, bandMapping: mapping)
            let report = try CaptureReport.make(capture, checksum: checksum)
            let text = json ? report.json().serialized() + "\n" : report.text()
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch let e as RasterIOError {
            Self.fail(e.description)
        } catch let e as CaptureError {
            Self.fail(e.description)
        } catch let e as GeoError {
            if case .invalidCRS = e { Self.fail("--crs: \(e.description)") }
            Self.fail("\(subject): \(e.description)")
        } catch {
            Self.fail("\(subject): \(error)")
        }
    }

    /// One line on stderr, exit status 1.
    static func fail(_ message: String) -> Never {
        let oneLine = message.replacingOccurrences(of: "\n", with: " ")
        FileHandle.standardError.write(Data("alongside: \(oneLine)\n".utf8))
        Foundation.exit(1)
    }
}
