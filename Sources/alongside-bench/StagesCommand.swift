import ArgumentParser
import Captures
import Foundation
import Pipeline
import Raster
import RasterIO
import Report

/// `alongside-bench stages BEFORE AFTER`: every band of both captures decoded, then
/// `Pipeline.run` on the decoded planes; its per-stage times are the pipeline's own clocks
/// (`RunSummary.setupSeconds`, `.stages`, `.eventsSeconds`), so each stage is timed exactly as
/// `detect` runs it (same functions, same windows, same bands).
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "Time decoding, the pipeline's own stages (setup, read, water, difference, CFAR, label, measure, events) and GeoJSON.",
        discussion: """
            A capture is a file or a comma-separated list of band files (as for `alongside detect`). \
            decode.ROLE: that band of both captures read whole through Captures (the real drivers); \
            ROLE is the band's role (--bands), else bandN. pipeline: Pipeline.run on the decoded planes \
            (in memory) with --threads workers; pipeline.* are its own stage clocks: setup and events are \
            wall seconds, the window stages (read = window copy + convert to Float, water, difference, \
            cfar, label, measure) are thread-seconds summed over workers (wall seconds with --threads 1, \
            the default). write: its GeoJSON. BEFORE and AFTER must be on one grid.
            """)

    @Argument(help: "The before capture (a file or band files separated by commas).") var before: String
    @Argument(help: "The after capture (same grid).") var after: String
    @Option(help: "Band roles, 1-based: nir=1,green=2 (applies to both captures).") var bands: String?
    @Option(help: "Worker threads for the pipeline (0 = one per core).") var threads: Int = 1
    @Option(name: .customLong("window-size"), help: "Window core size, pixels.") var windowSize: Int = 1024
    @Option(name: .shortAndLong, help: "Where the write stage puts its GeoJSON (default: a temporary file, removed).")
    var output: String?
    @Flag(help: "Print one JSON line instead of a table.") var json = false

    func validate() throws {
        guard threads >= 0 else { throw ValidationError("--threads must be ≥ 0") }
        guard windowSize >= 64 else { throw ValidationError("--window-size must be ≥ 64") }
    }

    func run() throws {
        do {
            let report = try measure()
            print(json ? report.jsonLine() : report.table(), terminator: json ? "\n" : "")
        } catch {
            FileHandle.standardError.write(Data("alongside-bench: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func measure() throws -> StageReport {
        let load = ResourceUsage.loadAverage()
        let mapping = try bands.map { try BandMapping(parsing: $0) }
        func paths(_ arg: String) -> [String] { arg.split(separator: ",").map(String.init) }
        let cb = try Capture.open(paths(before), bandMapping: mapping)
        let ca = try Capture.open(paths(after), bandMapping: mapping)
        guard cb.width == ca.width, cb.height == ca.height, cb.bands.count == ca.bands.count else {
            throw BenchError.differentGrids(before: before, after: after)
        }
        guard ca.geoReference != nil else { throw BenchError.noGeoreferencing(path: after) }
        var clock = StageClock()
        let full = Window(width: ca.width, height: ca.height)
        var planesB: [PlaneBuffer] = [], planesA: [PlaneBuffer] = []
        for i in ca.bands.indices {
            try clock.time("decode." + (ca.bands[i].info.role ?? "band\(i + 1)")) {
                planesB.append(try cb.read(band: i, window: full))
                planesA.append(try ca.read(band: i, window: full))
            }
        }
        func inMemory(_ c: Capture, _ planes: [PlaneBuffer]) -> PlaneCapture {
            var roles: [String: Int] = [:]
            for (i, b) in c.bands.enumerated() { if let r = b.info.role, roles[r] == nil { roles[r] = i } }
            return PlaneCapture(path: c.path, bands: planes, roles: roles, georeference: c.geoReference,
                                captureTime: c.captureTime, noData: c.bands[0].info.noData)
        }
        var p = DetectionParameters()
        p.threads = threads
        p.windowSize = windowSize
        let run = try clock.time("pipeline") {
            try Pipeline.run(before: inMemory(cb, planesB), after: inMemory(ca, planesA), parameters: p, toolVersion: "bench")
        }
        let s = run.summary, t = s.stages
        for (name, seconds) in [("setup", s.setupSeconds), ("read", t.read), ("water", t.water),
                                ("difference", t.difference), ("cfar", t.cfar), ("label", t.label),
                                ("measure", t.measure), ("events", s.eventsSeconds)] {
            clock.record("pipeline." + name, seconds: seconds)
        }
        let path = output ?? NSTemporaryDirectory() + "alongside-bench-\(getpid()).geojson"
        try clock.time("write") { try GeoJSONWriter.write(run.document, to: path) }
        if output == nil { try? FileManager.default.removeItem(atPath: path) }

        let plan = WindowPlan(width: s.gridWidth, height: s.gridHeight, coreSize: max(windowSize, s.halo), halo: s.halo)
        let info: [String: Double] = [
            "windows": Double(s.windows), "halo_px": Double(s.halo), "core_px": Double(plan.coreSize),
            "read_overhead": Double(plan.tiles.reduce(0) { $0 + $1.read.pixelCount }) / Double(s.pixels),
            "shift_dx": s.shift?.dx ?? .nan, "shift_dy": s.shift?.dy ?? .nan,
            "pipeline_threads": Double(s.threads), "pipeline_windows": Double(s.windows),
            "vessels_after": Double(s.vesselsAfter), "vessels_before": Double(s.vesselsBefore),
            "candidates": Double(s.candidates), "metres_per_pixel": s.metresPerPixel,
            "bands": Double(ca.bands.count), "green": ca.bandIndex(role: "green") != nil ? 1 : 0,
        ].filter { $0.value.isFinite }
        return StageReport(mode: "stages", size: [ca.height, ca.width], npx: ca.width * ca.height, order: clock.order,
                           times: clock.wall, cpu: clock.cpu, rssMB: clock.rssMB,
                           peakRSSMB: ResourceUsage.peakRSSMegabytes(), loadAverage: load, info: info)
    }
}
