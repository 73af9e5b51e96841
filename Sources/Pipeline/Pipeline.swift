import Detection
import Dispatch
import Foundation
import GeoReferencing
import Raster
import Report

/// The detection job as a library call: captures and parameters in, events out.
///
/// ```
/// let run = try Pipeline.run(before: b, after: a, parameters: DetectionParameters())
/// try GeoJSONWriter.write(run.document, to: "candidates.geojson")
/// ```
/// Pass `before: nil` for a single capture (pairs by adjacency alone, `change: "unknown"`).
public enum Pipeline {
    /// Runs the detection. Throws ``PipelineError`` for unusable inputs and rethrows read errors.
    /// - Parameters:
    ///   - beforeTime, afterTime: override the captures' own acquisition times (UTC).
    ///   - toolVersion: written into the run description.
    public static func run(before: (any CaptureSource)?, after: any CaptureSource, parameters p: DetectionParameters,
                           landMask: LandMask? = nil, beforeTime: Date? = nil, afterTime: Date? = nil,
                           toolVersion: String = "dev") throws -> DetectionRun {
        let start = DispatchTime.now()
        let scene = try SceneSetup.make(before: before, after: after, parameters: p, landMask: landMask)
        let setupDone = DispatchTime.now()
        let core = max(p.windowSize, scene.radii.halo)
        let plan = WindowPlan(width: scene.alignment.width, height: scene.alignment.height, coreSize: core,
                              halo: scene.radii.halo)
        let workers = max(1, min(p.threads == 0 ? ProcessInfo.processInfo.activeProcessorCount : p.threads,
                                 plan.tiles.count))
        let results = try processTiles(scene: scene, plan: plan, workers: workers)
        let tilesDone = DispatchTime.now()

        var afterV = results.flatMap(\.after).sorted(by: VesselObservation.precedes)
        var beforeV = results.flatMap(\.before).sorted(by: VesselObservation.precedes)
        if before != nil {
            let a0 = afterV
            ChangeClassifier.markNew(&afterV, other: beforeV, parameters: p)
            ChangeClassifier.markNew(&beforeV, other: a0, parameters: p)
        }

        let geo = GeoWriter(scene: scene, beforeTime: beforeTime ?? before?.captureTime,
                            afterTime: afterTime ?? after.captureTime)
        let parameterValues = parameterJSON(p, landMask: landMask)
        let inputs = [before?.path, after.path].compactMap { $0 }
        let sources = EventSources(before: before?.path, after: before == nil ? after.path : after.path)

        var events: [STSEvent] = []
        var vesselFeatures: [VesselRecord] = []
        for (list, role) in [(afterV, before == nil ? CaptureRole.single : .after), (beforeV, .before)] {
            guard !list.isEmpty else { continue }
            let records = try list.map { try geo.record($0, parameters: p) }
            if p.allVessels {
                for var r in records {
                    r.id = r.stableID(inputs: inputs, parameters: parameterValues)
                    vesselFeatures.append(r)
                }
            }
            for g in Grouping.groups(list, parameters: p) {
                let members = g.members.map { list[$0] }
                let change = ChangeClassifier.change(of: members)
                switch (role, change) {
                case (.after, .persistent) where !p.includePersistent: continue
                case (.before, .persistent): continue
                default: break
                }
                let score = EventScore.score(vessels: members, group: g, change: change, parameters: p)
                let recs = g.members.map { records[$0] }
                let lon = recs.map(\.lon).reduce(0, +) / Double(recs.count)
                let lat = recs.map(\.lat).reduce(0, +) / Double(recs.count)
                let px = recs.compactMap(\.pixel)
                let pixel = px.isEmpty ? nil : PixelPosition(col: px.map(\.col).reduce(0, +) / Double(px.count),
                                                              row: px.map(\.row).reduce(0, +) / Double(px.count))
                let changeKind: ChangeKind = switch change {
                case .newPair: .newPair
                case .joined: .joined
                case .persistent: .persistent
                case .unknown: .unknown
                }
                var e = STSEvent(score: score, lon: lon, lat: lat, capture: geo.side(role), time: geo.time(role),
                                 change: changeKind, gapM: g.gapMetres, merged: g.merged,
                                 headingDifferenceDeg: g.headingDifferenceDegrees, vessels: recs, pixel: pixel,
                                 sources: sources)
                e.id = e.stableID(inputs: inputs, parameters: parameterValues)
                events.append(e)
            }
        }

        var runInputs: [RunInput] = []
        if let before {
            runInputs.append(RunInput(role: "before", path: before.path, captureTime: beforeTime ?? before.captureTime,
                                      crs: before.georeference.map { crsName($0.crs) }, width: before.width,
                                      height: before.height))
        }
        runInputs.append(RunInput(role: before == nil ? "single" : "after", path: after.path,
                                  captureTime: afterTime ?? after.captureTime,
                                  crs: after.georeference.map { crsName($0.crs) }, width: after.width, height: after.height))
        var counts = ["events": events.count, "windows": plan.tiles.count]
        if before == nil {
            counts["vessels"] = afterV.count
        } else {
            counts["vessels_after"] = afterV.count
            counts["vessels_before"] = beforeV.count
        }
        let registration = before == nil ? nil
            : Registration(dxPx: (scene.shiftEstimate.dx * 100).rounded() / 100, dyPx: (scene.shiftEstimate.dy * 100).rounded() / 100)
        let run = RunInfo(toolVersion: toolVersion, inputs: runInputs, parameters: parameterValues,
                          registration: registration, counts: counts)
        let end = DispatchTime.now()
        let seconds = Double(end.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        var summary = RunSummary(gridWidth: plan.width, gridHeight: plan.height, metresPerPixel: scene.metresPerPixel,
                                 windows: plan.tiles.count, halo: plan.halo, threads: workers,
                                 shift: before == nil ? nil : scene.shiftEstimate,
                                 vesselsBefore: beforeV.count, vesselsAfter: afterV.count, candidates: events.count,
                                 seconds: seconds)
        summary.setupSeconds = Double(setupDone.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        summary.eventsSeconds = Double(end.uptimeNanoseconds - tilesDone.uptimeNanoseconds) / 1e9
        summary.stages = results.map(\.times).reduce(StageTimes(), +)
        return DetectionRun(document: FeatureCollectionDocument(events: events, vessels: vesselFeatures, run: run),
                            summary: summary, observations: afterV + beforeV, quicklook: QuicklookRenderer(scene: scene))
    }

    static func crsName(_ c: CRS) -> String { c.epsg.map { "EPSG:\($0)" } ?? c.name }

    /// The parameters that change results, as written in the run description (and hashed into ids).
    static func parameterJSON(_ p: DetectionParameters, landMask: LandMask?) -> [String: JSONValue] {
        var d: [String: JSONValue] = [
            "min_length_m": .number(p.minLength), "max_length_m": .number(p.maxLength), "max_gap_m": .number(p.maxGap),
            "max_heading_difference_deg": .number(p.maxHeadingDifference),
            "min_shore_distance_m": .number(p.minShoreDistance), "cfar_k": .number(p.cfarK),
            "cfar_k_low": .number(p.cfarKLow), "footprint_fraction": .number(p.footprintFraction), "change_k": .number(p.changeK), "ndwi_threshold": .number(p.ndwiThreshold),
            "include_persistent": .bool(p.includePersistent), "all_vessels": .bool(p.allVessels),
        ]
        if let landMask { d["land_mask"] = .string(landMask.path) }
        return d
    }

    /// Processes every window on `workers` threads, each with its own reused buffers.
    /// Results are stored by window index, so their order never depends on scheduling.
    static func processTiles(scene: SceneContext, plan: WindowPlan, workers: Int) throws -> [TileProcessor.Output] {
        let processor = TileProcessor(scene: scene, plan: plan)
        let state = TileResults(count: plan.tiles.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var ws: TileWorkspace?
            while let i = state.next() {
                let read = plan.tiles[i].read
                // Reuse the buffers while the read size stays (all interior windows); edge
                // windows of another size get their own.
                if ws?.width != read.width || ws?.height != read.height {
                    ws = TileWorkspace(width: read.width, height: read.height,
                                       contrastBands: (scene.bands.contrast != nil, scene.beforeBands?.contrast != nil))
                }
                guard let ws else { continue }
                do { state.store(i, try processor.process(tileIndex: i, workspace: ws, landMask: scene.landMask)) } catch {
                    state.fail(error)
                }
            }
        }
        if let e = state.error { throw e }
        return state.outputs
    }
}

/// Shared state of the worker threads: the next window to take, the results, the first error.
final class TileResults: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private let count: Int
    private(set) var outputs: [TileProcessor.Output]
    private(set) var error: Error?

    init(count: Int) {
        self.count = count
        outputs = Array(repeating: TileProcessor.Output(), count: count)
    }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard error == nil, cursor < count else { return nil }
        cursor += 1
        return cursor - 1
    }

    func store(_ i: Int, _ o: TileProcessor.Output) {
        lock.lock(); defer { lock.unlock() }
        outputs[i] = o
    }

    func fail(_ e: Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }
}
