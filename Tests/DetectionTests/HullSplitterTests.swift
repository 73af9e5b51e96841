import Detection
import Foundation
import Raster
import Testing

@Suite struct HullSplitterTests {
    /// Pixels of rectangles rotated by `degrees`: each (minor-axis centre offset, half width),
    /// all 30 px long; intensity 100 inside hulls, `seam` on offsets between them.
    static func hulls(_ parts: [(Double, Double)], degrees: Double, seamIntensity: Float? = nil) -> [BlobPixel] {
        let t = degrees * .pi / 180
        let u = (col: sin(t), row: cos(t)), v = (col: cos(t), row: -sin(t))
        var out: [BlobPixel] = []
        for y in 0..<100 {
            for x in 0..<100 {
                let dx = Double(x) + 0.5 - 50, dy = Double(y) + 0.5 - 50
                let along = dx * u.col + dy * u.row, across = dx * v.col + dy * v.row
                guard abs(along) <= 15 else { continue }
                if parts.contains(where: { abs(across - $0.0) <= $0.1 }) {
                    out.append(BlobPixel(row: y, col: x, intensity: 100))
                } else if let seamIntensity, across > parts.map({ $0.0 }).min()!, across < parts.map({ $0.0 }).max()! {
                    out.append(BlobPixel(row: y, col: x, intensity: seamIntensity))
                }
            }
        }
        return out
    }

    @Test(arguments: [0.0, 30.0, 45.0, -60.0])
    func twoHullsWithDarkSeamSplit(degrees: Double) {
        // Two 5-px-wide hulls whose edges are 1 px apart, joined by dim pixels.
        let px = Self.hulls([(-3.5, 2.5), (3.5, 2.5)], degrees: degrees, seamIntensity: 20)
        let s = HullSplitter.splitAlongMajorAxis(px, pixelArea: 100)
        #expect(s != nil)
        guard let s else { return }
        #expect(s.first.numPixels + s.second.numPixels == px.count)
        #expect(abs(s.first.numPixels - s.second.numPixels) < px.count / 5)
        #expect(s.valleyRatio < 0.6)
        #expect(abs(s.first.footprint.length - 30) < 2.5 && abs(s.second.footprint.length - 30) < 2.5)
        #expect(s.first.area == Double(s.first.numPixels) * 100)
        let d = hypot(s.first.centre.col - s.second.centre.col, s.first.centre.row - s.second.centre.row)
        #expect(abs(d - 7) < 1.5)
    }

    @Test func darkHullsOnAContrastPlaneSplitToo() {
        // Negative z (darker than the sea): the profile weights by |intensity|.
        let px = Self.hulls([(-3.5, 2.5), (3.5, 2.5)], degrees: 15, seamIntensity: 20).map {
            BlobPixel(row: $0.row, col: $0.col, intensity: -$0.intensity / 10)
        }
        let s = HullSplitter.splitAlongMajorAxis(px)
        #expect(s != nil)
        #expect(s.map { $0.first.intensityMean < 0 && $0.second.intensityMean < 0 } == true)
    }

    @Test(arguments: [0.0, 30.0, 45.0, -60.0])
    func singleHullDoesNotSplit(degrees: Double) {
        let px = Self.hulls([(0, 4)], degrees: degrees)
        #expect(HullSplitter.splitAlongMajorAxis(px) == nil)
        // Uniform intensity: the profile is a plateau.
        let p = HullSplitter.minorAxisProfile(px)
        #expect(p.values.count >= 8)
    }

    @Test func pixelsOfLabelGathersTheBlob() {
        var keep: [PlaneBuffer] = []
        let m = TestPlanes.plane(UInt8.self, width: 12, height: 6, keepAlive: &keep)
        TestPlanes.fill(m) { x, y in (x < 3 && y < 2) || (x > 6 && y > 2) ? 1 : 0 }
        let l = TestPlanes.plane(Int32.self, width: 12, height: 6, keepAlive: &keep)
        let blobs = ConnectedComponents.blobs(m, labels: l)
        let px = HullSplitter.pixels(of: 2, labels: l, intensity: nil, bbox: blobs[1].bbox)
        #expect(px.count == blobs[1].numPixels)
        #expect(px.allSatisfy { $0.intensity.isNaN && $0.col > 6 })
    }

    @Test(arguments: [0.0, 30.0, -60.0])
    func levelCoresSeparateHullsAndFloodKeepsEveryPixel(degrees: Double) {
        // Hulls of unequal width (5 and 3 px) joined by a 1-px seam of intensity 20.
        let px = Self.hulls([(-3.5, 2.5), (2.5, 1.5)], degrees: degrees, seamIntensity: 20)
        let long: ([BlobPixel]) -> Bool = { core in
            var m = RawMoments()
            for p in core { m.addPixel(row: p.row, col: p.col) }
            return BlobStatistics(label: 0, moments: m).footprint.length >= 20
        }
        let candidates = HullCores.candidates(px, floor: 2.5, isSignificant: long)
        #expect(candidates.first?.cores.count == 2)
        #expect(candidates.allSatisfy { $0.level > 20 })
        guard let c = candidates.first else { return }
        let parts = HullCores.flood(px, cores: c.cores)
        #expect(parts.map(\.count).reduce(0, +) == px.count)
        #expect(Set(parts[0]).isDisjoint(with: Set(parts[1])))
        // Widths follow the hulls: the wider part holds more pixels.
        #expect(parts.map(\.count).max()! > parts.map(\.count).min()! * 5 / 4)
    }

    @Test func uniformHullHasNoCores() {
        let px = Self.hulls([(0, 4)], degrees: 20)
        #expect(HullCores.candidates(px, floor: 2.5) { $0.count >= 4 }.isEmpty)
    }
}
