import Foundation
import Detection
import Raster
import Testing

@testable import Pipeline

@Suite struct BerthedHullsTests {
    /// A 120×80 scene: land below row `quay` (sea above), plus `extra` land pixels.
    static func scene(quay: Int, extra: (Int, Int) -> Bool) -> (land: PlaneBuffer, sea: PlaneBuffer) {
        let land = PlaneBuffer(width: 120, height: 80, sampleType: .uint8)
        let sea = PlaneBuffer(width: 120, height: 80, sampleType: .uint8)
        let l = land.view(as: UInt8.self), s = sea.view(as: UInt8.self)
        for y in 0..<80 {
            for x in 0..<120 {
                let isLand = y >= quay || extra(x, y)
                l[x, y] = isLand ? 1 : 0
                s[x, y] = isLand ? 0 : 1
            }
        }
        return (land, sea)
    }

    static func landCount(_ b: PlaneBuffer) -> Int {
        let v = b.view(as: UInt8.self)
        var n = 0
        for y in 0..<v.height { for x in 0..<v.width where v[x, y] != 0 { n += 1 } }
        return n
    }

    /// A hull 30 px long and 4 px wide lying against a straight quay is carved out, and only it.
    @Test(arguments: [(30, 4), (12, 3), (40, 6)])
    func hullAlongQuayIsCarved(length: Int, beam: Int) {
        let quay = 50
        let (land, sea) = Self.scene(quay: quay) { x, y in x >= 40 && x < 40 + length && y >= quay - beam }
        let before = Self.landCount(land)
        let cleared = BerthedHulls.carve(land: land.view(as: UInt8.self), sea: sea.view(as: UInt8.self),
                                         minLength: 3, maxLength: 52)
        #expect(cleared == length * beam)
        #expect(Self.landCount(land) == before - length * beam)
        let l = land.view(as: UInt8.self)
        #expect(l[40 + length / 2, quay - 1] == 0, "the hull is no longer land")
        #expect(l[40 + length / 2, quay] == 1, "the quay stays land")
    }

    /// Carving only where a hull and its quay fuse: the 5 m fender gap spans < 2 px.
    @Test(arguments: [(10.0, true), (3.0, true), (2.5, false), (1.0, false), (0.5, false)])
    func appliesWhereTheFenderGapIsUnresolved(gsd: Double, expected: Bool) {
        #expect(BerthedHulls.applies(metresPerPixel: gsd) == expected)
    }

    /// A straight coast, a pier longer than the longest hull, and a long breakwater stay land.
    @Test func coastAndLargeStructuresStay() {
        let pier = Self.scene(quay: 60) { x, y in x >= 50 && x < 62 && y >= 2 }  // 12 px wide, 58 px long pier
        let plain = Self.scene(quay: 60) { _, _ in false }
        for (land, sea) in [pier, plain] {
            #expect(BerthedHulls.carve(land: land.view(as: UInt8.self), sea: sea.view(as: UInt8.self),
                                       minLength: 3, maxLength: 40) == 0)
        }
    }

    /// A triangular cape (fill 0.5 of its box) is not hull-shaped.
    @Test func triangularCapeStays() {
        let (land, sea) = Self.scene(quay: 60) { x, y in y >= 60 - max(0, 10 - abs(x - 60)) }
        #expect(BerthedHulls.carve(land: land.view(as: UInt8.self), sea: sea.view(as: UInt8.self),
                                   minLength: 3, maxLength: 52) == 0)
    }

    /// The closing along digital lines matches a brute-force closing along the same lines.
    @Test(arguments: [0, 1, 2, 3, 5, 6, 7], [false, true])
    func closingIsExactAlongLines(orientation: Int, random: Bool) {
        var rng = SplitMix64(seed: UInt64(orientation + 1))
        let noise = (0..<(120 * 80)).map { _ in rng.nextGaussian() > 0.3 }
        let (land, sea) = Self.scene(quay: 50) { x, y in
            random ? noise[y * 120 + x] : (x >= 30 && x < 58 && y >= 46) || (x >= 80 && x < 84 && y >= 20)
        }
        let theta = Double.pi * Double(orientation) / 8
        var got = [UInt8](repeating: 0, count: 120 * 80)
        BerthedHulls.closeAlongLines(sea: sea.view(as: UInt8.self), land: land.view(as: UInt8.self), ux: cos(theta),
                                     uy: sin(theta), halfLength: 20, into: &got)
        // Reference: every digital line as a list of pixels, closed by brute force.
        let ux = cos(theta), uy = sin(theta)
        let shallow = abs(ux) >= abs(uy)
        let n = shallow ? 120 : 80, m = shallow ? 80 : 120
        let slope = shallow ? uy / ux : ux / uy
        let hs = Int((20 / (1 + slope * slope).squareRoot()).rounded(.down))
        let off = (0..<n).map { Int((Double($0) * slope).rounded()) }
        let s = sea.view(as: UInt8.self), l = land.view(as: UInt8.self)
        var want = [UInt8](repeating: 0, count: 120 * 80)
        for base in -200..<200 {
            let pts = (0..<n).compactMap { k -> (Int, Int)? in
                let o = base + off[k]
                guard o >= 0, o < m else { return nil }
                return shallow ? (k, o) : (o, k)
            }
            let wet = pts.map { s[$0.0, $0.1] != 0 }
            let dil = wet.indices.map { k in (max(0, k - hs)...min(wet.count - 1, k + hs)).contains { wet[$0] } }
            for k in pts.indices {
                let closed = (max(0, k - hs)...min(pts.count - 1, k + hs)).allSatisfy { dil[$0] }
                if closed && l[pts[k].0, pts[k].1] != 0 { want[pts[k].1 * 120 + pts[k].0] = 1 }
            }
        }
        #expect(got == want)
    }
}
