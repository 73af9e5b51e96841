import Detection
import Foundation
import Testing

@testable import Pipeline

@Suite struct WakeRuleTests {
    typealias Hull = HullBlobScene.Hull

    /// A hull heading `angle` degrees, centred at `(x, y)` metres, and (when `wakeLength` > 0)
    /// a turbulent wake behind its stern drawn as consecutive segments that widen and fade
    /// (`wakeContrast`·exp(−s / (0.4·wakeLength)) at distance s behind the stern, synth's wake
    /// law), as foam trails a vessel under way.
    static func hullWithWake(x: Double, y: Double, length: Double, beam: Double, angle: Double, contrast: Double,
                             wakeLength: Double, wakeContrast: Double, segments: Int = 5) -> [Hull] {
        var out = [Hull(x: x, y: y, length: length, beam: beam, angle: angle, contrast: contrast)]
        guard wakeLength > 0 else { return out }
        let t = angle * .pi / 180, seg = wakeLength / Double(segments)
        for k in 0..<segments {
            let back = length / 2 + seg * (Double(k) + 0.5)
            out.append(Hull(x: x - back * cos(t), y: y - back * sin(t), length: seg, beam: beam * (1 + 0.3 * Double(k)),
                            angle: angle, contrast: wakeContrast * exp(-(Double(k) + 0.5) / (0.4 * Double(segments)))))
        }
        return out
    }

    static func rule(_ s: HullBlobScene, _ p: DetectionParameters = DetectionParameters()) -> OrientedBox? {
        WakeRule.hull(pixels: s.pixels, blob: s.box, peak: s.peak,
                      blurPx: MergedHullRule.blurExtent(peak: s.peak, parameters: p),
                      metresPerPixel: (s.gsd, s.gsd), parameters: p)?.box
    }

    /// A moving vessel with a bright wake several hull lengths long: the blob's centre lies
    /// behind the stern; the rule measures the hull (centre on the hull, its length).
    @Test(arguments: [(10.0, 0.0, 100.0), (10.0, 37.0, 64.0), (10.0, -70.0, 120.0), (3.0, 20.0, 60.0), (5.0, 110.0, 80.0)])
    func hullTrailingAWakeIsMeasuredOnTheHull(gsd: Double, heading: Double, length: Double) {
        let t = heading * .pi / 180
        let wake = 4 * length
        // The blob (hull + wake) centred in the scene: the hull ahead of the centre.
        let ahead = (length + wake) / 2 - length / 2
        let cx = ahead * cos(t), cy = ahead * sin(t)
        let size = Int(((length + wake) * 1.3 / gsd).rounded(.up))
        let s = HullBlobScene(Self.hullWithWake(x: cx, y: cy, length: length, beam: length / 6, angle: heading, contrast: 40,
                                                wakeLength: wake, wakeContrast: 16), gsd: gsd, size: size)
        let hullCol = cx / gsd + Double(size) / 2, hullRow = cy / gsd + Double(size) / 2
        // The whole blob is wake-long and centred off the hull.
        #expect(s.box.length * gsd > 2.5 * length)
        #expect(hypot(s.box.centerX - hullCol, s.box.centerY - hullRow) * gsd > 0.7 * length)
        guard let h = Self.rule(s) else {
            Issue.record("hull + wake not recognized (blob \(s.box.length * gsd) m)")
            return
        }
        let off = hypot(h.centerX - hullCol, h.centerY - hullRow) * gsd
        #expect(off < max(15, 0.2 * length), "centre \(off) m off the hull")
        #expect(abs(h.length * gsd - length) < max(25, 0.25 * length), "length \(h.length * gsd) m for \(length) m")
        #expect(OrientedBox.axisDifferenceDegrees(h.angle, t) < 15)
    }

    /// A wake longer than `maxLength` (a 64 m vessel, 800 m of foam, visible over ~450 m): the blob is too long for a
    /// hull, the hull inside it is not.
    @Test func blobLongerThanMaxLengthYieldsTheHull() {
        let s = HullBlobScene(Self.hullWithWake(x: 200, y: 0, length: 64, beam: 11, angle: 0, contrast: 60,
                                                wakeLength: 800, wakeContrast: 30), gsd: 10, size: 96)
        #expect(s.box.length * 10 > 400)
        let h = Self.rule(s)
        #expect(h != nil)
        if let h { #expect(abs(h.length * 10 - 64) < 20 && abs((h.centerX - 48) * 10 - 200) < 15, "\(h)") }
    }

    /// Hulls without a wake are left alone (the blob is the hull), whatever the pixel size
    /// or heading; so is a tanker whose bright superstructure sits at the stern of a long,
    /// uniformly bright deck (no fading tail), and two equal hulls end to end.
    @Test(arguments: [(10.0, 0.0), (10.0, 45.0), (5.0, 70.0), (3.0, 20.0), (1.0, -30.0)])
    func hullsWithoutWakeUnchanged(gsd: Double, heading: Double) {
        let single = HullBlobScene([Hull(x: 0, y: 0, length: 150, beam: 24, angle: heading, contrast: 40)], gsd: gsd,
                                   size: Int(200 / gsd))
        #expect(Self.rule(single) == nil)
        let t = heading * .pi / 180
        let tanker = HullBlobScene([Hull(x: 0, y: 0, length: 180, beam: 30, angle: heading, contrast: 25),
                                    Hull(x: -75 * cos(t), y: -75 * sin(t), length: 30, beam: 30, angle: heading, contrast: 60)],
                                   gsd: gsd, size: Int(230 / gsd))
        #expect(Self.rule(tanker) == nil)
        let inLine = HullBlobScene([Hull(x: 45 * cos(t), y: 45 * sin(t), length: 80, beam: 14, angle: heading, contrast: 40),
                                    Hull(x: -45 * cos(t), y: -45 * sin(t), length: 80, beam: 14, angle: heading, contrast: 40)],
                                   gsd: gsd, size: Int(230 / gsd))
        #expect(Self.rule(inLine) == nil)
    }
}
