import Detection
import Foundation
import GeoReferencing
import Raster
import Testing

@testable import Pipeline

@Suite struct SpectralWakeRuleTests {
    typealias Shape = SpectralBlobScene.Shape

    /// A hull whose foam is brighter than the hull itself, in green and in NIR (the wake's head
    /// peaks above the hull even in NIR): the bright head is foam, so only the spectrum tells
    /// where the hull is. The rule measures the hull (centre on it, its length, its axis).
    @Test(arguments: [(10.0, 0.0, 100.0), (10.0, 37.0, 64.0), (10.0, -70.0, 150.0), (5.0, 110.0, 80.0), (3.0, 20.0, 60.0)])
    func hullInBrighterFoamIsMeasuredOnTheHull(gsd: Double, heading: Double, length: Double) {
        let t = heading * .pi / 180
        let wake = 4 * length
        let ahead = wake / 2
        let cx = ahead * cos(t), cy = ahead * sin(t)
        let size = Int(((length + wake) * 1.4 / gsd).rounded(.up))
        // A grey hull (NIR above green over the sea) and foam whose head reads ≈ 100 σ in green
        // and ≈ 55 σ in NIR, above the hull's 30 σ: the blob's NIR peak lies in the foam.
        let s = SpectralBlobScene(SpectralBlobScene.hullWithFoam(x: cx, y: cy, length: length, beam: length / 7, angle: heading,
                                                                 nir: 30, green: 20, wakeLength: wake, foamGreen: 150),
                                  gsd: gsd, size: size)
        let hull = s.pixel(x: cx, y: cy)
        #expect(s.box.length * gsd > 2.5 * length)
        #expect(hypot(s.box.centerX - hull.col, s.box.centerY - hull.row) * gsd > 0.7 * length)
        if let top = s.pixels.max(by: { $0.nir < $1.nir }) {
            let d = hypot(Double(top.col) + 0.5 - hull.col, Double(top.row) + 0.5 - hull.row) * gsd
            #expect(d > length / 2, "the NIR peak is in the foam, \(d) m from the hull's centre")
        }
        guard let h = s.hull() else {
            Issue.record("hull in foam not found (blob \(s.box.length * gsd) m)")
            return
        }
        let off = hypot(h.centerX - hull.col, h.centerY - hull.row) * gsd
        #expect(off < max(15, 0.2 * length), "centre \(off) m off the hull")
        #expect(abs(h.length * gsd - length) < max(25, 0.3 * length), "length \(h.length * gsd) m for \(length) m")
        #expect(OrientedBox.axisDifferenceDegrees(h.angle, t) < 15)
    }

    /// A dark hull (below the sea in green, a little above it in NIR) ahead of bright foam.
    @Test func darkHullInFoam() {
        let s = SpectralBlobScene(SpectralBlobScene.hullWithFoam(x: 150, y: 0, length: 90, beam: 14, angle: 0, nir: 12, green: -15,
                                                                 wakeLength: 350, foamGreen: 60),
                                  gsd: 10, size: 72)
        guard let h = s.hull() else {
            Issue.record("dark hull in foam not found")
            return
        }
        let hull = s.pixel(x: 150, y: 0)
        #expect(hypot(h.centerX - hull.col, h.centerY - hull.row) * 10 < 18)
    }

    /// A calm slick behind the hull (a turbulent wake that damps the capillary waves, darker
    /// than the sea in both bands under sun glint): the dark trail is not a hull either.
    @Test(arguments: [10.0, 5.0])
    func hullAheadOfADarkSlick(gsd: Double) {
        var shapes = [Shape(x: 120, y: 0, length: 80, beam: 13, angle: 0, nir: 40, green: 30)]
        for k in 0..<5 {
            shapes.append(Shape(x: 120 - 40 - 50 * (Double(k) + 0.5), y: 0, length: 50, beam: 20 + 5 * Double(k), angle: 0,
                                nir: -8, green: -10))
        }
        let s = SpectralBlobScene(shapes, gsd: gsd, size: Int(560 / gsd))
        #expect(s.box.length * gsd > 200)
        guard let h = s.hull() else {
            Issue.record("hull ahead of a slick not found (blob \(s.box.length * gsd) m)")
            return
        }
        let hull = s.pixel(x: 120, y: 0)
        #expect(hypot(h.centerX - hull.col, h.centerY - hull.row) * gsd < 15)
        #expect(abs(h.length * gsd - 80) < 25)
    }

    /// What is not a hull with foam keeps its blob whole: a hull alone (any pixel size or
    /// heading), a tanker with a bright superstructure, two hulls end to end, a raft of two hulls
    /// side by side, a hull trailing a spectrally flat streak (sun glint), and a raft of a bright
    /// and a black hull under glint (the black one darker than the sea, like a slick).
    @Test(arguments: [(10.0, 0.0), (10.0, 45.0), (5.0, 70.0), (3.0, 20.0), (1.0, -30.0)])
    func noFoamNoTrim(gsd: Double, heading: Double) {
        let t = heading * .pi / 180
        let size = Int(260 / gsd)
        let single = SpectralBlobScene([Shape(x: 0, y: 0, length: 150, beam: 24, angle: heading, nir: 40, green: 30)],
                                       gsd: gsd, size: size)
        #expect(single.hull() == nil)
        let tanker = SpectralBlobScene([Shape(x: 0, y: 0, length: 180, beam: 30, angle: heading, nir: 25, green: 20),
                                        Shape(x: -75 * cos(t), y: -75 * sin(t), length: 30, beam: 30, angle: heading, nir: 60, green: 50)],
                                       gsd: gsd, size: size)
        #expect(tanker.hull() == nil)
        let inLine = SpectralBlobScene([Shape(x: 45 * cos(t), y: 45 * sin(t), length: 80, beam: 14, angle: heading, nir: 40, green: 30),
                                        Shape(x: -45 * cos(t), y: -45 * sin(t), length: 80, beam: 14, angle: heading, nir: 40, green: 30)],
                                       gsd: gsd, size: size)
        #expect(inLine.hull() == nil)
        let raft = SpectralBlobScene([Shape(x: -11 * sin(t), y: 11 * cos(t), length: 160, beam: 24, angle: heading, nir: 40, green: 30),
                                      Shape(x: 10 * sin(t), y: -10 * cos(t), length: 60, beam: 12, angle: heading, nir: 15, green: 12)],
                                     gsd: gsd, size: size)
        #expect(raft.hull() == nil)
        var glint = [Shape(x: 60 * cos(t), y: 60 * sin(t), length: 60, beam: 10, angle: heading, nir: 40, green: 30)]
        for k in 0..<4 {
            let back = 30 + 25 * (Double(k) + 0.5)
            glint.append(Shape(x: (60 - back) * cos(t), y: (60 - back) * sin(t), length: 25, beam: 12, angle: heading,
                               nir: 14 - 3 * Double(k), green: 14 - 3 * Double(k)))
        }
        #expect(SpectralBlobScene(glint, gsd: gsd, size: size).hull() == nil)
        // Under sun glint a black hull is darker than the glittering sea in both bands, like a
        // slick: a short bright hull beside a long black one is a raft, not a hull and its slick.
        let glintRaft = SpectralBlobScene([Shape(x: -12 * sin(t), y: 12 * cos(t), length: 70, beam: 13, angle: heading, nir: 40, green: 30),
                                           Shape(x: 10 * sin(t), y: -10 * cos(t), length: 190, beam: 28, angle: heading, nir: -9, green: -11)],
                                          gsd: gsd, size: size)
        #expect(glintRaft.hull() == nil)
        #expect(glintRaft.pixels.isEmpty || SpectralWakeRule.hull(pixels: glintRaft.pixels, blob: glintRaft.box, split: true, sigma: (1, 1),
                                                                  blurPx: 1, metresPerPixel: (gsd, gsd), parameters: DetectionParameters()) == nil)
    }

    /// Foam with a hull too faint for the foam-free signal (its NIR barely above the foam's
    /// share): nothing is trimmed.
    @Test func faintHullInFoamIsLeftWhole() {
        let s = SpectralBlobScene(SpectralBlobScene.hullWithFoam(x: 150, y: 0, length: 60, beam: 10, angle: 0, nir: 4, green: 5,
                                                                 wakeLength: 300, foamGreen: 60),
                                  gsd: 10, size: 72)
        #expect(!s.pixels.isEmpty)
        #expect(s.hull() == nil)
    }

    /// A 90 m vessel under way (centre in pixels, length and beam in metres).
    static let foamHull = (col: 170.0, row: 128.0, length: 90.0, beam: 14.0)

    /// The capture of the end-to-end tests: green and NIR (reflectance × 10 000), 256² at 10 m,
    /// the vessel of `foamHull` with foam brighter than the hull in both bands behind it.
    static func foamCapture() throws -> PlaneCapture {
        let w = 256, hgt = 256, gsd = 10.0
        let hull = foamHull
        // Sea: green 0.05, NIR 0.015; hull: a grey deck, 0.12 in both; foam adds green up to
        // 0.20 and 0.54 of it in NIR (whitecap spectrum, as synth draws).
        let sea = (green: 500.0, nir: 150.0)
        var green = [Double](repeating: 0, count: w * hgt), nir = green
        let sigma = 0.55 * 2.squareRoot()
        func cover(_ u: Double, _ half: Double) -> Double { 0.5 * (erf((half - u) / sigma) + erf((half + u) / sigma)) }
        for r in 0..<hgt {
            for c in 0..<w {
                let along = Double(c) + 0.5 - hull.col, across = Double(r) + 0.5 - hull.row
                let k = cover(along, hull.length / gsd / 2) * cover(across, hull.beam / gsd / 2)
                let i = r * w + c
                green[i] = sea.green + k * (1200 - sea.green)
                nir[i] = sea.nir + k * (1200 - sea.nir)
                // Foam behind the stern (−x), 450 m long, widening and fading.
                let s = -(along + hull.length / gsd / 2)
                if s > -1 && s < 45 {
                    let half = hull.beam / gsd / 2 * (1 + 1.5 * max(0, s) / 45)
                    let f = 2000 * exp(-max(0, s) / 18) * cover(across, half) * cover(s - 22.5, 22.5)
                    green[i] += f
                    nir[i] += 0.54 * f
                }
            }
        }
        var rng = SplitMix64(seed: 17)
        func plane(_ v: [Double]) -> PlaneBuffer {
            let out = PlaneBuffer(width: w, height: hgt, sampleType: .uint16)
            let view = out.view(as: UInt16.self)
            for r in 0..<hgt {
                for c in 0..<w { view[c, r] = UInt16(max(1, min(65535, (v[r * w + c] + 12 * rng.nextGaussian()).rounded()))) }
            }
            return out
        }
        return PlaneCapture(path: "foam", bands: [plane(green), plane(nir)], roles: ["green": 0, "nir": 1],
                            georeference: try TestScene.georeference())
    }

    /// End to end: the pipeline reports the vessel on its hull, not on the blob of hull and foam
    /// (without the rule the 540 m blob is longer than `maxLength` and nothing is reported).
    @Test func pipelineReportsTheHullOfAVesselInFoam() throws {
        let capture = try Self.foamCapture()
        let hull = Self.foamHull, gsd = 10.0
        var p = DetectionParameters()
        p.allVessels = true
        let run = try Pipeline.run(before: nil, after: capture, parameters: p)
        let near = run.observations.min { hypot($0.box.centerX - hull.col, $0.box.centerY - hull.row)
            < hypot($1.box.centerX - hull.col, $1.box.centerY - hull.row) }
        guard let v = near else {
            Issue.record("no vessel detected")
            return
        }
        let off = hypot(v.box.centerX - hull.col, v.box.centerY - hull.row) * gsd
        #expect(off < 15, "vessel centre \(off) m from the hull's (\(v.box))")
        #expect(abs(v.box.length * gsd - hull.length) < 30, "length \(v.box.length * gsd) m")
    }

    /// The spectral rule reads only window-independent planes (the CFAR's sea means): the same
    /// vessels for any thread count and window size.
    @Test(arguments: [(1, 64), (2, 100)])
    func sameResultForAnyThreadsAndWindows(threads: Int, window: Int) throws {
        let capture = try Self.foamCapture()
        var p = DetectionParameters()
        p.allVessels = true
        var reference = p
        reference.windowSize = 4096
        reference.threads = 1
        let want = try Pipeline.run(before: nil, after: capture, parameters: reference).document
        p.threads = threads
        p.windowSize = window
        let got = try Pipeline.run(before: nil, after: capture, parameters: p)
        #expect(got.summary.windows > 1)
        #expect(got.document.vessels == want.vessels)
        #expect(!want.vessels.isEmpty)
    }
}
