import ArgumentParser
import Captures
import Foundation
import GeoReferencing
import RasterIO
import Report

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
    @Option(help: "Capture time to use whatever the files say (ISO 8601, UTC when no zone).") var time: String?
    @Flag(help: """
        Describe each file on its own instead of as one capture (with --json: one compact JSON \
        object per line; a file that cannot be read gives {"description": …, "error": …} and a \
        line on stderr, and the exit status is 1).
        """)
    var each = false

    func run() async throws {
        let override: CRS?, mapping: BandMapping?, when: Date?
        do {
            override = try crs.map { try CRS(definition: $0) }
            mapping = try bands.map { try BandMapping(parsing: $0) }
            when = try time.map { t in
                guard let d = CaptureTime.parseISO8601(t) else { throw Message(text: "--time \(t): not an ISO 8601 date-time") }
                return d
            }
        } catch let e as Message {
            Self.fail(e.text)
        } catch let e as GeoError {
            Self.fail("--crs: \(e.description)")
        } catch {
            Self.fail("\(error)")
        }
        guard each else {
            switch Self.describe(paths, crs: override, bands: mapping, time: when, checksum: checksum, json: json) {
            case .success(let text): FileHandle.standardOutput.write(Data(text.utf8))
            case .failure(let message): Self.fail(message.text)
            }
            return
        }
        var failed = false
        for path in paths {
            switch Self.describe([path], crs: override, bands: mapping, time: when, checksum: checksum, json: json, compact: true) {
            case .success(let text):
                FileHandle.standardOutput.write(Data(text.utf8))
            case .failure(let message):
                failed = true
                FileHandle.standardError.write(Data("alongside: \(message.text)\n".utf8))
                if json {
                    let line = JSONValue.members([("description", .string(path)), ("error", .string(message.text))])
                    FileHandle.standardOutput.write(Data((line.serialized(compact: true) + "\n").utf8))
                }
            }
        }
        if failed { throw ExitCode.failure }
    }

    struct Message: Error { var text: String }

    /// The report on `paths` as one capture, or the one-line reason it cannot be made.
    static func describe(_ paths: [String], crs: CRS?, bands: BandMapping?, time: Date?, checksum: Bool, json: Bool,
                         compact: Bool = false) -> Result<String, Message> {
        let subject = paths.first ?? "info"
        do {
            let capture = try Capture.open(paths, crsOverride: crs, bandMapping: bands, time: time)
            let report = try CaptureReport.make(capture, checksum: checksum)
            return .success(json ? report.json().serialized(compact: compact) + "\n" : report.text() + (compact ? "\n" : ""))
        } catch let e as RasterIOError {
            return .failure(Message(text: oneLine(e.description)))
        } catch let e as CaptureError {
            return .failure(Message(text: oneLine(e.description)))
        } catch {
            return .failure(Message(text: oneLine("\(subject): \(error)")))
        }
    }

    static func oneLine(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ") }

    /// One line on stderr, exit status 1.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("alongside: \(oneLine(message))\n".utf8))
        Foundation.exit(1)
    }
}
