import ArgumentParser
import Captures
import Foundation
import GeoReferencing
import GeoTIFF
import PNGIO
import Pipeline
import RasterIO
import Report

/// `alongside detect`: candidate ship-to-ship transfers from one or two captures.
struct DetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Find vessels lying alongside each other: BEFORE AFTER (change) or SCENE (single capture).",
        discussion: """
            A capture is a GeoTIFF, a georeferenced PNG, a STAC item, or a comma-separated list of \
            single-band files on one grid. Two captures must share CRS and pixel size (extents may \
            differ; the overlap is used). Lengths are ground metres. Writes RFC 7946 GeoJSON \
            atomically and prints a summary on stderr. See docs/detection.md.
            """)

    @Argument(help: "BEFORE AFTER, or one SCENE.") var captures: [String]
    @Option(name: .shortAndLong, help: "Output GeoJSON file.") var output: String
    @Option(name: .customLong("min-length"), help: "Shortest hull, metres.") var minLength: Double = 25
    @Option(name: .customLong("max-length"), help: "Longest hull, metres.") var maxLength: Double = 400
    @Option(name: .customLong("max-gap"), help: "Largest edge-to-edge gap between hulls of a group, metres.")
    var maxGap: Double = 60
    @Option(name: .customLong("max-heading-difference"), help: "Largest angle between hull axes of a group, degrees.")
    var maxHeadingDifference: Double = 25
    @Option(name: .customLong("land-mask"), help: "Land: GeoJSON polygons (EPSG:4326) or a georeferenced raster on any grid (non-zero = land).") var landMask: String?
    @Option(name: .customLong("min-shore-distance"), help: "Drop vessels closer than this to land, metres.")
    var minShoreDistance: Double = 0
    @Option(help: "Band roles, 1-based: green=2,nir=4 (applies to every capture).") var bands: String?
    @Option(name: .customLong("before-time"), help: "UTC time of BEFORE (ISO 8601), overriding the file.")
    var beforeTime: String?
    @Option(name: .customLong("after-time"), help: "UTC time of AFTER (or SCENE), overriding the file.")
    var afterTime: String?
    @Option(help: "CRS to assume for the captures (EPSG:xxxx, WKT or PROJ string).") var crs: String?
    @Option(name: .customLong("cfar-k"), help: "Local-contrast threshold, in local sea standard deviations.")
    var cfarK: Double = 5
    @Option(name: .customLong("footprint-fraction"), help: "Measure footprints above this fraction of a blob's peak contrast (0 = whole blob).")
    var footprintFraction: Double = 0
    @Flag(name: .customLong("all-vessels"), help: "Also write every vessel-sized object as a vessel feature.")
    var allVessels = false
    @Flag(name: .customLong("include-persistent"), help: "Also report groups present in both captures.")
    var includePersistent = false
    @Option(help: "Write a quicklook chip (before | after | change PNG) per candidate into this folder, named <id>.png.")
    var quicklook: String?
    @Option(help: "Worker threads (0 = one per core).") var threads: Int = 0
    @Option(name: .customLong("window-size"), help: "Window core size, pixels.") var windowSize: Int = 1024

    func validate() throws {
        guard (1...2).contains(captures.count) else {
            throw ValidationError("expected BEFORE AFTER or one SCENE, got \(captures.count) captures")
        }
        // Bad option values are usage errors (exit 64), caught before any file is opened.
        do { try parameters.validate() } catch let e as PipelineError { throw ValidationError(e.description) }
        if let clash = Self.outputClash(output: output, inputs: inputPaths) {
            throw ValidationError("-o \(output) is the input \(clash): refusing to overwrite an input")
        }
    }

    /// Every file named on the command line as input (band lists split).
    var inputPaths: [String] {
        captures.flatMap { $0.split(separator: ",").map(String.init) } + (landMask.map { [$0] } ?? [])
    }

    /// The input that `output` would overwrite (same file after resolving links and `..`), if any.
    static func outputClash(output: String, inputs: [String]) -> String? {
        func resolved(_ path: String) -> String? {
            guard let r = realpath(path, nil) else { return nil }
            defer { free(r) }
            return String(cString: r)
        }
        guard let out = resolved(output) else { return nil }
        return inputs.first { resolved($0) == out }
    }

    var parameters: DetectionParameters {
        var p = DetectionParameters()
        p.minLength = minLength
        p.maxLength = maxLength
        p.maxGap = maxGap
        p.maxHeadingDifference = maxHeadingDifference
        p.minShoreDistance = minShoreDistance
        p.cfarK = cfarK
        if cfarK > 0 { p.cfarKLow = min(p.cfarKLow, cfarK) }
        p.footprintFraction = footprintFraction
        p.allVessels = allVessels
        p.includePersistent = includePersistent
        p.threads = threads
        p.windowSize = windowSize
        return p
    }

    func run() async throws {
        let p = parameters
        do {
            let bt = try beforeTime.map { try Self.time($0, option: "before-time") }
            let at = try afterTime.map { try Self.time($0, option: "after-time") }
            let override: CRS?
            do { override = try crs.map { try CRS(definition: $0) } } catch let e as GeoError {
                throw PipelineError.input("--crs: \(e.description)")
            }
            let mapping = try bands.map { try BandMapping(parsing: $0) }
            func open(_ arg: String) throws -> Capture {
                let paths = arg.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
                let capture = try Self.openCapture(paths.isEmpty ? [arg] : paths, crsOverride: override, bandMapping: mapping)
                try capture.checkDecodedSize()
                return capture
            }
            let before = captures.count == 2 ? try open(captures[0]) : nil
            let after = try open(captures[captures.count - 1])
            let land = try landMask.map { try LandMask.load(path: $0) }
            if captures.count == 1, bt != nil { throw PipelineError.input("--before-time needs two captures") }
            let run = try Pipeline.run(before: before, after: after, parameters: p, landMask: land, beforeTime: bt,
                                       afterTime: at, toolVersion: AlongsideVersion.string)
            // Chips first: the GeoJSON appears only when everything it refers to is written.
            if let quicklook { try Self.writeQuicklooks(run, folder: quicklook) }
            try GeoJSONWriter.write(run.document, to: output)
            FileHandle.standardError.write(Data(Self.summary(run, before: before, after: after, output: output).utf8))
        } catch let e as PipelineError {
            InfoCommand.fail(e.description)
        } catch let e as RasterIOError {
            InfoCommand.fail(e.description)
        } catch let e as CaptureError {
            InfoCommand.fail(e.description)
        } catch let e as ReportError {
            InfoCommand.fail(e.description)
        } catch let e as GeoError {
            InfoCommand.fail(e.description)
        } catch {
            InfoCommand.fail("\(error)")
        }
    }

    /// One PNG per event, `<folder>/<id>.png`, each written atomically; the folder is created.
    static func writeQuicklooks(_ run: DetectionRun, folder: String) throws {
        // mkdir -p by hand, to say which component is in the way and why.
        var prefix = folder.hasPrefix("/") ? "/" : ""
        for part in folder.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: prefix, isDirectory: &isDir) {
                guard isDir.boolValue else {
                    throw PipelineError.input("\(folder): --quicklook: cannot create the folder: \(prefix) is not a folder")
                }
                continue
            }
            guard mkdir(prefix, 0o755) == 0 || errno == EEXIST else {
                throw PipelineError.input("\(folder): --quicklook: cannot create \(prefix): \(String(cString: strerror(errno)))")
            }
        }
        for event in run.document.events {
            let planes = try run.quicklook.render(event)
            try PNGWriter.write(path: (folder as NSString).appendingPathComponent("\(event.id).png"), bands: planes)
        }
    }

    /// GeoTIFF first, then the drivers `RasterOpener` registers.
    static let drivers: [RasterDriver] = [
        RasterDriver(name: "GTiff", handlesCRSOverride: false, identify: { GeoTIFFDataset.identify($0) },
                     open: { path, limits, _ in try GeoTIFFDataset.open(path: path, limits: limits) }),
    ] + RasterOpener.drivers.filter { $0.name != "GTiff" }

    /// `Capture.open` with GeoTIFF among the drivers (STAC items go through `Capture.open`).
    static func openCapture(_ paths: [String], crsOverride: CRS?, bandMapping: BandMapping?) throws -> Capture {
        if paths.count == 1, try RasterOpener.isSTACItem(path: paths[0]) {
            return try Capture.open(paths, crsOverride: crsOverride, bandMapping: bandMapping)
        }
        let opened = try paths.map { ($0, try RasterOpener.open(path: $0, crsOverride: crsOverride, drivers: drivers)) }
        return try Capture(path: paths[0], kind: paths.count == 1 ? .raster : .bandFiles, datasets: opened,
                           crsOverride: crsOverride, bandMapping: bandMapping)
    }

    /// Peak resident set size of this process (Linux `VmHWM`), e.g. "312 MB".
    static func peakMemory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return "unknown" }
        return "\(kb / 1024) MB"
    }

    static func time(_ text: String, option: String) throws -> Date {
        guard let d = ISOTime.parse(text) else {
            throw PipelineError.input("--\(option) \(text): not an ISO 8601 time (e.g. 2024-05-01T10:30:00Z)")
        }
        return d
    }

    static func summary(_ run: DetectionRun, before: Capture?, after: Capture, output: String) -> String {
        func describe(_ c: Capture, _ role: String) -> String {
            let crs = c.geoReference.map { $0.crs.epsg.map { "EPSG:\($0)" } ?? $0.crs.name } ?? "no CRS"
            let t = c.captureTime.map { ISOTime.format($0) } ?? "time unknown"
            return "  \(role) \(c.path): \(c.width)×\(c.height), \(c.bands.count) band(s), \(crs), \(t)\n"
        }
        let s = run.summary
        var out = "alongside detect\n"
        if let before { out += describe(before, "before") }
        out += describe(after, before == nil ? "scene " : "after ")
        out += String(format: "  grid %d×%d px at %.2f m, %d window(s), halo %d px, %d thread(s)\n", s.gridWidth,
                      s.gridHeight, s.metresPerPixel, s.windows, s.halo, s.threads)
        if let sh = s.shift {
            out += String(format: "  residual shift dx %+.2f dy %+.2f px (whole pixels compensated)\n", sh.dx, sh.dy)
            out += "  vessels: before \(s.vesselsBefore), after \(s.vesselsAfter)\n"
        } else {
            out += "  vessels: \(s.vesselsAfter)\n"
        }
        var kinds: [String: Int] = [:]
        for e in run.document.events { kinds["\(e.capture.rawValue) \(e.change.rawValue)", default: 0] += 1 }
        let detail = kinds.keys.sorted().map { "\($0) \(kinds[$0]!)" }.joined(separator: ", ")
        out += "  candidates: \(s.candidates)\(detail.isEmpty ? "" : " (\(detail))")\n"
        let st = s.stages
        out += String(format: "  stages (thread s): setup %.2f, read %.2f, water %.2f, difference %.2f, cfar %.2f, label %.2f, measure %.2f, events %.2f\n",
                      s.setupSeconds, st.read, st.water, st.difference, st.cfar, st.label, st.measure, s.eventsSeconds)
        out += String(format: "  time %.2f s, peak memory %@ → %@\n", s.seconds, peakMemory(), output)
        return out
    }
}
