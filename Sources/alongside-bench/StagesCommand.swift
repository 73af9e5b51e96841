import ArgumentParser
import Captures
import Detection
import Foundation
import Pipeline
import Raster
import RasterIO
import Report

/// `alongside-bench stages BEFORE AFTER`: the pipeline's stages, timed one by one on the real pixels.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "Time decode, normalization, convert, difference, CFAR, labeling, the whole pipeline, pairing and GeoJSON.",
        discussion: """
            decode: both captures' detection bands read whole through Captures (the real drivers). \
            normalization, convert, difference, cfar, label: Detection kernels on the decoded pixels, \
            window by window like the pipeline, on ONE thread. pipeline: Pipeline.run on the decoded \
            planes (in memory, --threads workers). pairs: change classification and grouping of its \
            vessels. write: its GeoJSON. BEFORE and AFTER must be on one grid.
            """)

    @Argument(help: "The before capture.") var before: String
    @Argument(help: "The after capture (same grid).") var after: String
    @Option(help: "Worker threads for the pipeline stage (0 = one per core).") var threads: Int = 0
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
        var clock = StageClock()
        let (cb, ca, pb, pa) = try clock.time("decode") { () throws -> (Capture, Capture, PlaneBuffer, PlaneBuffer) in
            let cb = try Capture.open([before]), ca = try Capture.open([after])
            guard cb.width == ca.width, cb.height == ca.height else {
                throw BenchError.differentGrids(before: before, after: after)
            }
            let full = Window(width: ca.width, height: ca.height)
            return (cb, ca, try cb.read(band: Self.detectionBand(cb), window: full),
                    try ca.read(band: Self.detectionBand(ca), window: full))
        }
        guard let geo = ca.geoReference else { throw BenchError.noGeoreferencing(path: after) }
        let gsd = try geo.metresPerPixel(col: Double(ca.width) / 2, row: Double(ca.height) / 2)
        var p = DetectionParameters()
        p.threads = threads
        p.windowSize = windowSize
        let radii = Self.radii(p, metresPerPixel: gsd)
        let noData = ca.bands[Self.detectionBand(ca)].info.noData

        let kernels = WindowedStages(before: pb, after: pa, noData: noData, coreSize: max(windowSize, radii.halo),
                                     halo: radii.halo, guardRadius: radii.guardR, outerRadius: radii.outerR,
                                     cfarK: Float(p.cfarK), cfarKLow: Float(p.cfarKLow), pixelArea: gsd * gsd)
        let counts = kernels.run(&clock)

        let memB = PlaneCapture(path: before, bands: [pb], georeference: cb.geoReference, captureTime: cb.captureTime,
                                noData: noData)
        let memA = PlaneCapture(path: after, bands: [pa], georeference: ca.geoReference, captureTime: ca.captureTime,
                                noData: noData)
        let run = try clock.time("pipeline") { try Pipeline.run(before: memB, after: memA, parameters: p, toolVersion: "bench") }
        let groups = clock.time("pairs") { () -> Int in
            var a = run.observations.filter { $0.capture == .after }, b = run.observations.filter { $0.capture == .before }
            let a0 = a
            ChangeClassifier.markNew(&a, other: b, parameters: p)
            ChangeClassifier.markNew(&b, other: a0, parameters: p)
            return Grouping.groups(a, parameters: p).count + Grouping.groups(b, parameters: p).count
        }
        let path = output ?? NSTemporaryDirectory() + "alongside-bench-\(getpid()).geojson"
        try clock.time("write") { try GeoJSONWriter.write(run.document, to: path) }
        if output == nil { try? FileManager.default.removeItem(atPath: path) }

        let s = run.summary
        let info: [String: Double] = [
            "windows": Double(counts.windows), "halo_px": Double(radii.halo), "core_px": Double(max(windowSize, radii.halo)),
            "read_overhead": Double(counts.pixelsRead) / Double(pa.width * pa.height),
            "seed_blobs_after": Double(counts.blobsAfter), "seed_blobs_before": Double(counts.blobsBefore),
            "components_after": Double(counts.componentsAfter), "components_before": Double(counts.componentsBefore),
            "shift_dx": counts.shift?.dx ?? .nan, "shift_dy": counts.shift?.dy ?? .nan,
            "offset_dn": Double(counts.mapping.offset),
            "pipeline_threads": Double(s.threads), "pipeline_windows": Double(s.windows),
            "vessels_after": Double(s.vesselsAfter), "vessels_before": Double(s.vesselsBefore),
            "candidates": Double(s.candidates), "groups": Double(groups), "metres_per_pixel": gsd,
        ].filter { $0.value.isFinite }
        return StageReport(mode: "stages", size: [pa.height, pa.width], npx: pa.width * pa.height, order: clock.order,
                           times: clock.wall, cpu: clock.cpu, rssMB: clock.rssMB,
                           peakRSSMB: ResourceUsage.peakRSSMegabytes(), loadAverage: load, info: info)
    }

    /// The band vessels are detected in: NIR, else red, else the first (as the pipeline chooses).
    static func detectionBand(_ c: Capture) -> Int {
        c.bandIndex(role: "nir") ?? c.bandIndex(role: "red") ?? 0
    }

    /// The pipeline's CFAR radii and window halo in pixels (the formulas of docs/detection.md,
    /// restated because Pipeline keeps them internal), for a capture without land or shore distance.
    static func radii(_ p: DetectionParameters, metresPerPixel gsd: Double) -> (guardR: Int, outerR: Int, halo: Int) {
        let maxL = p.maxLength / gsd
        let guardR = max(2, Int((0.25 * maxL).rounded(.up)) + 1)
        let outerR = guardR + max(4, guardR / 2)
        let blobR = Int((0.6 * maxL).rounded(.up)) + 1
        let halo = max(Int(((p.maxLength + p.maxGap) / gsd).rounded(.up)),
                       blobR + outerR + Int((1.2 * maxL).rounded(.up)) + 2)
        return (guardR, outerR, halo)
    }
}
