import Detection
import Foundation
import GeoReferencing
import Raster
import Report

/// Quicklook chips: one RGB image per candidate, panels side by side — **before | after |
/// change** for a pair of captures, the capture alone for a single one — so an analyst can
/// judge a candidate without opening the scene.
///
/// - Every panel shows the same square of the reference grid centred on the event, wide
///   enough for all its hulls (1.6 × the farthest hull end from the centre, at least 48 px),
///   magnified by a whole factor (nearest neighbour) to at least ``minPanelSide`` pixels.
/// - Before and after: true colour (red, green, blue) when the capture has those roles,
///   else the detection band in grey. Each band is stretched linearly between its 2nd and
///   99.5th percentile over the after panel's valid pixels, with a square-root curve (the
///   before panel uses the same stretch, so an illumination change stays visible). Invalid
///   pixels are black.
/// - Change: after − mapped before in the detection band (the run's radiometric mapping and
///   residual shift), in units of the difference noise σ: red where something appeared, cyan
///   where something left, full colour at ±8 σ, black where nothing changed.
/// - Each hull's footprint is outlined on before and after: yellow for a hull new in its
///   capture, magenta for a static one, white when unknown (single capture).
public struct QuicklookRenderer: Sendable {
    let scene: SceneContext

    /// Smallest panel side after magnification, pixels.
    public static let minPanelSide = 256
    /// Largest panel side before magnification, reference-grid pixels.
    public static let maxPanelSide = 768
    /// Gap between panels, pixels (dark grey).
    public static let gap = 4

    init(scene: SceneContext) { self.scene = scene }

    /// The chip for `event`: three `uint8` planes (red, green, blue) ready for a PNG writer.
    public func render(_ event: STSEvent) throws -> [PlaneBuffer] {
        guard let geo = scene.after.georeference else {
            throw PipelineError.noGeoreferencing(path: scene.after.path)
        }
        let t = try geo.transformer()
        func reference(_ lon: Double, _ lat: Double) throws -> SIMD2<Double> {
            let p = try geo.pixel(lon: lon, lat: lat, using: t)
            return SIMD2(p.col - Double(scene.alignment.afterCol), p.row - Double(scene.alignment.afterRow))
        }
        // The square: centred on the event, reaching 1.6 × the farthest hull end.
        let centre = try reference(event.lon, event.lat)
        var reach = 0.0
        for v in event.vessels {
            let d = GeoReference.groundDistance(lon1: event.lon, lat1: event.lat, lon2: v.lon, lat2: v.lat)
            reach = max(reach, d + v.lengthM / 2)
        }
        let gsd = max(scene.metresPerPixel, 1e-9)
        let half = min(Self.maxPanelSide / 2, max(24, Int((1.6 * reach / gsd).rounded(.up))))
        let window = Window(col: Int(centre.x.rounded(.down)) - half, row: Int(centre.y.rounded(.down)) - half,
                            width: 2 * half, height: 2 * half)
        let side = 2 * half
        let zoom = max(1, (Self.minPanelSide + side - 1) / side)

        // Panels in reference-grid pixels, each an RGB triple of Float in 0…255 (NaN: invalid).
        let afterWindow = scene.alignment.afterWindow(window)
        let displayAfter = Self.displayBands(scene.after, detection: scene.bands.detection)
        let after = try displayAfter.map { try SceneSetup.readFloat(scene.after, band: $0, window: afterWindow).values }
        let stretch = after.map { Self.percentiles($0.view(as: Float.self)) }
        var panels: [[PlaneBuffer]] = []
        if let before = scene.before, let bb = scene.beforeBands {
            let beforeWindow = scene.alignment.beforeWindow(window, shift: scene.shift)
            let displayBefore = Self.displayBands(before, detection: bb.detection)
            let shown = displayBefore.count == displayAfter.count ? displayBefore : [bb.detection]
            let beforePlanes = try shown.map { try SceneSetup.readFloat(before, band: $0, window: beforeWindow).values }
            let beforeStretch = shown.count == displayAfter.count ? stretch : beforePlanes.map { Self.percentiles($0.view(as: Float.self)) }
            panels.append(zip(beforePlanes, beforeStretch).map { Self.stretched($0, $1) })
            panels.append(zip(after, stretch).map { Self.stretched($0, $1) })
            let a = displayAfter.count == 1 ? after[0] : try SceneSetup.readFloat(scene.after, band: scene.bands.detection,
                                                                                 window: afterWindow).values
            let b = try SceneSetup.readFloat(before, band: bb.detection, window: beforeWindow).values
            panels.append(Self.change(after: a, before: b, mapping: scene.mapping, sigma: max(scene.sigmaDifference, 1e-6)))
        } else {
            panels.append(zip(after, stretch).map { Self.stretched($0, $1) })
        }
        panels = panels.map { $0.count == 1 ? [$0[0], $0[0], $0[0]] : $0 }

        // Compose: panels magnified side by side, footprints outlined on before and after.
        let panelSide = side * zoom
        let width = panels.count * panelSide + (panels.count - 1) * Self.gap
        let out = (0..<3).map { _ in PlaneBuffer(width: width, height: panelSide, sampleType: .uint8) }
        for c in 0..<3 {
            let dst = out[c].view(as: UInt8.self)
            for y in 0..<panelSide { for x in 0..<width { dst.row(y)[x] = 48 } }
            for (k, panel) in panels.enumerated() {
                let src = panel[c].view(as: Float.self), x0 = k * (panelSide + Self.gap)
                for y in 0..<panelSide {
                    let s = src.row(y / zoom), d = dst.row(y)
                    for x in 0..<panelSide {
                        let v = s[x / zoom]
                        d[x0 + x] = v.isNaN ? 0 : UInt8(max(0, min(255, v.rounded())))
                    }
                }
            }
        }
        let outlined = scene.before == nil ? 1 : 2
        for v in event.vessels {
            let colour: (UInt8, UInt8, UInt8) = switch v.isNew {
            case true?: (255, 230, 0)
            case false?: (255, 0, 255)
            case nil: (255, 255, 255)
            }
            let ring = try v.footprint.map { p -> SIMD2<Double> in
                let q = try reference(p.lon, p.lat)
                return (q - SIMD2(Double(window.col), Double(window.row))) * Double(zoom)
            }
            for k in 0..<outlined {
                Self.outline(ring, offset: Double(k * (panelSide + Self.gap)), clip: panelSide, colour: colour, into: out)
            }
        }
        return out
    }

    /// Red, green, blue when the capture has all three roles, else the detection band.
    static func displayBands(_ c: any CaptureSource, detection: Int) -> [Int] {
        if let r = c.band(role: "red"), let g = c.band(role: "green"), let b = c.band(role: "blue") { return [r, g, b] }
        return [detection]
    }

    /// 2nd and 99.5th percentiles of the finite samples (0…1 when there are none or they are equal).
    static func percentiles(_ v: PlaneView<Float>) -> (low: Float, high: Float) {
        var values: [Float] = []
        values.reserveCapacity(v.width * v.height)
        for y in 0..<v.height { for x in 0..<v.width where v.row(y)[x].isFinite { values.append(v.row(y)[x]) } }
        guard !values.isEmpty else { return (0, 1) }
        values.sort()
        let low = values[Int(0.02 * Double(values.count - 1))], high = values[Int(0.995 * Double(values.count - 1))]
        return high > low ? (low, high) : (low, low + 1)
    }

    /// `plane` mapped so `range` spans 0…255 with a square-root (gamma 0.5) curve, which lifts
    /// the dark sea next to bright hulls (NaN stays NaN).
    static func stretched(_ plane: PlaneBuffer, _ range: (low: Float, high: Float)) -> PlaneBuffer {
        let out = PlaneBuffer(width: plane.width, height: plane.height, sampleType: .float32)
        let s = plane.view(as: Float.self), d = out.view(as: Float.self)
        let scale = 1 / (range.high - range.low)
        for y in 0..<plane.height {
            for x in 0..<plane.width {
                let v = s.row(y)[x]
                d.row(y)[x] = v.isNaN ? .nan : 255 * min(1, max(0, (v - range.low) * scale)).squareRoot()
            }
        }
        return out
    }

    /// The change panel: red = after − mapped before > 0, cyan < 0, 255 at ±8 σ.
    static func change(after: PlaneBuffer, before: PlaneBuffer, mapping: LinearMapping, sigma: Float) -> [PlaneBuffer] {
        let rgb = (0..<3).map { _ in PlaneBuffer(width: after.width, height: after.height, sampleType: .float32) }
        let a = after.view(as: Float.self), b = before.view(as: Float.self)
        let r = rgb[0].view(as: Float.self), g = rgb[1].view(as: Float.self), bl = rgb[2].view(as: Float.self)
        let scale = 255 / (8 * sigma)
        for y in 0..<after.height {
            for x in 0..<after.width {
                let d = (a.row(y)[x] - mapping(b.row(y)[x])) * scale
                let v = d.isNaN ? Float.nan : min(255, abs(d))
                r.row(y)[x] = d.isNaN ? .nan : (d > 0 ? v : 0)
                g.row(y)[x] = d.isNaN ? .nan : (d < 0 ? v : 0)
                bl.row(y)[x] = g.row(y)[x]
            }
        }
        return rgb
    }

    /// Draws the closed polygon `ring` (chip pixels, corner origin) shifted right by `offset`,
    /// clipped to the panel `[offset, offset + clip)`, one pixel wide.
    static func outline(_ ring: [SIMD2<Double>], offset: Double, clip: Int, colour: (UInt8, UInt8, UInt8),
                        into planes: [PlaneBuffer]) {
        guard ring.count >= 2 else { return }
        let views = planes.map { $0.view(as: UInt8.self) }
        let values = [colour.0, colour.1, colour.2]
        func plot(_ x: Int, _ y: Int) {
            guard x >= 0, x < clip, y >= 0, y < planes[0].height else { return }
            for c in 0..<3 { views[c].row(y)[Int(offset) + x] = values[c] }
        }
        for i in 0..<ring.count {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { continue }
            let steps = max(1, Int((max(abs(b.x - a.x), abs(b.y - a.y))).rounded(.up)))
            guard steps < 100_000 else { continue }
            for s in 0...steps {
                let p = a + (b - a) * (Double(s) / Double(steps))
                plot(Int(p.x.rounded(.down)), Int(p.y.rounded(.down)))
            }
        }
    }
}
