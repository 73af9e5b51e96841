import Detection
import Foundation
import Raster
import Testing

@testable import Pipeline

@Suite struct QuaysideHullsTests {
    /// A 160×120 window: sea (NDWI 0.5) above row `quay`, quay concrete below (NDWI −0.10 ±
    /// 0.03, seeded noise), and `painted` pixels of hull-like spectrum (NDWI −0.40) inside the
    /// land outline. Land and sea masks as `LandFinder` gives them (the painted pixels are land).
    struct Plane {
        let land: PlaneBuffer, sea: PlaneBuffer, ndwi: PlaneBuffer, ndvi: PlaneBuffer
        static let width = 160, height = 120

        init(quay: Int = 40, seed: UInt64 = 7, painted: (Int, Int) -> Bool, paintedNDVI: Float = 0.1) {
            let w = Self.width, h = Self.height
            land = PlaneBuffer(width: w, height: h, sampleType: .uint8)
            sea = PlaneBuffer(width: w, height: h, sampleType: .uint8)
            ndwi = PlaneBuffer(width: w, height: h, sampleType: .float32)
            ndvi = PlaneBuffer(width: w, height: h, sampleType: .float32)
            let l = land.view(as: UInt8.self), s = sea.view(as: UInt8.self)
            let d = ndwi.view(as: Float.self), v = ndvi.view(as: Float.self)
            var rng = SplitMix64(seed: seed)
            for y in 0..<h {
                for x in 0..<w {
                    let isLand = y >= quay
                    l[x, y] = isLand ? 1 : 0
                    s[x, y] = isLand ? 0 : 1
                    let noise = Float(rng.nextGaussian()) * 0.03
                    if !isLand {
                        d[x, y] = 0.5 + noise
                        v[x, y] = -0.3
                    } else if painted(x, y) {
                        d[x, y] = -0.40 + noise
                        v[x, y] = paintedNDVI
                    } else {
                        d[x, y] = -0.10 + noise
                        v[x, y] = 0.05
                    }
                }
            }
        }

        func carve(vegetation: Bool = false) -> Int {
            QuaysideHulls.carve(land: land.view(as: UInt8.self), sea: sea.view(as: UInt8.self),
                                ndwi: ndwi.view(as: Float.self), vegetation: vegetation ? ndvi.view(as: Float.self) : nil,
                                originCol: 0, originRow: 0, minLength: 2.5, maxLength: 40, k: 2.5, kSeed: 5)
        }

        func isLand(_ x: Int, _ y: Int) -> Bool { land.view(as: UInt8.self)[x, y] != 0 }
    }

    /// A hull lying flush against a straight quay (its outboard side on the quay line, so the
    /// land outline is straight): the shape rule cannot see it, the spectral rule carves it,
    /// and the quay around it stays land.
    @Test(arguments: [(20, 3), (30, 4), (12, 2)])
    func hullFlushWithQuayIsCarved(length: Int, beam: Int) {
        let x0 = 60, quay = 40
        func hull(_ x: Int, _ y: Int) -> Bool { x >= x0 && x < x0 + length && y >= quay && y < quay + beam }
        let shape = Plane(painted: hull)
        #expect(BerthedHulls.carve(land: shape.land.view(as: UInt8.self), sea: shape.sea.view(as: UInt8.self),
                                   minLength: 2.5, maxLength: 40) == 0, "no shape to carve: the outline is straight")
        let p = Plane(painted: hull)
        let cleared = p.carve()
        #expect(cleared >= length * beam * 9 / 10 && cleared <= length * beam)
        #expect(!p.isLand(x0 + length / 2, quay), "the hull is no longer land")
        #expect(p.sea.view(as: UInt8.self)[x0 + length / 2, quay] == 1, "and the search reaches it")
        #expect(p.isLand(x0 + length / 2, quay + beam + 1), "the quay behind it stays land")
        #expect(p.isLand(x0 - 3, quay), "the quay beside it stays land")
    }

    /// A hull stern-to in a slot of the quay: sea at its bow end only.
    @Test func sternToHullIsCarved() {
        let p = Plane { x, y in x >= 80 && x < 83 && y >= 40 && y < 62 }
        #expect(p.carve() >= 60)
        #expect(!p.isLand(81, 55))
    }

    /// Without a hull spectrum nothing is carved (noise alone stays below k spreads in a
    /// hull-shaped component), and a hull-like patch far inland (beyond maxLength of the sea),
    /// a square (not hull-shaped), a thread one pixel wide and a patch away from the sea's edge
    /// are not carved.
    @Test(arguments: ["none", "inland", "square", "apart"], [7, 11, 23] as [UInt64])
    func nonHullsStay(kind: String, seed: UInt64) {
        let painted: (Int, Int) -> Bool = switch kind {
        case "inland": { x, y in x >= 60 && x < 80 && y >= 95 && y < 98 }   // 55 px from the sea
        case "square": { x, y in x >= 60 && x < 72 && y >= 40 && y < 52 }
        case "apart": { x, y in x >= 60 && x < 80 && y >= 46 && y < 49 }    // 6 px inside the quay
        default: { _, _ in false }
        }
        let p = Plane(seed: seed, painted: painted)
        #expect(p.carve() == 0)
    }

    /// Green vegetation is as bright in NIR as a hull, but not a hull: excluded by NDVI.
    @Test func vegetationStaysWhenRedIsKnown() {
        let p = Plane(painted: { x, y in x >= 60 && x < 80 && y >= 40 && y < 43 }, paintedNDVI: 0.7)
        #expect(p.carve(vegetation: true) == 0)
        let q = Plane(painted: { x, y in x >= 60 && x < 80 && y >= 40 && y < 43 }, paintedNDVI: 0.2)
        #expect(q.carve(vegetation: true) == 60)
    }

    /// The hull gates: length in range and 3(B − 1) ≤ L ≤ 12(B + 1).
    @Test(arguments: [(20.0, 3.0, true), (20.0, 8.0, false), (30.0, 1.0, false), (30.0, 2.0, true),
                      (2.0, 1.0, false), (45.0, 5.0, false)])
    func hullGates(length: Double, width: Double, expected: Bool) {
        #expect(QuaysideHulls.isHullShaped(length: length, width: width, minLength: 2.5, maxLength: 40) == expected)
    }

    /// `size(of:width:)` gives √(12λ + 1) of a uniform rectangle's moments: a 20 × 3 block measures ≈ 20 × 3.
    @Test func sizeOfARectangle() {
        let members = (0..<3).flatMap { y in (0..<20).map { x in y * 20 + x } }
        let s = QuaysideHulls.size(of: members, width: 20)
        #expect(abs(s.length - 20) < 1e-9 && abs(s.width - 3) < 1e-9)
    }
    /// The moat: pixels 8-adjacent to a carved hull, not carved, leave the detection mask; the
    /// hull and everything farther away stay. A blob beside the hull is no longer joined to it.
    @Test func carvedHullIsKeptApart() {
        let w = 40, h = 20
        let mask = PlaneBuffer(width: w, height: h, sampleType: .uint8)
        let carved = PlaneBuffer(width: w, height: h, sampleType: .uint8)
        let scratch = PlaneBuffer(width: w, height: h, sampleType: .uint8)
        let m = mask.view(as: UInt8.self), c = carved.view(as: UInt8.self)
        // A hysteresis mask over the hull (cols 10..<20, rows 8..<10) and a neighbour (cols 20..<30)
        // touching it, as one 8-connected blob.
        for y in 6..<12 { for x in 8..<30 { m[x, y] = 1 } }
        for y in 8..<10 { for x in 10..<20 { c[x, y] = 1 } }
        QuaysideHulls.separate(m, carved: c, scratch: scratch.view(as: UInt8.self))
        var labels = [Int](repeating: 0, count: w * h)
        var next = 0
        for start in 0..<(w * h) where m[start % w, start / w] != 0 && labels[start] == 0 {
            next += 1
            var stack = [start]
            labels[start] = next
            while let i = stack.popLast() {
                let x = i % w, y = i / w
                for ny in max(0, y - 1)...min(h - 1, y + 1) {
                    for nx in max(0, x - 1)...min(w - 1, x + 1) where m[nx, ny] != 0 && labels[ny * w + nx] == 0 {
                        labels[ny * w + nx] = next
                        stack.append(ny * w + nx)
                    }
                }
            }
        }
        #expect(m[15, 8] == 1 && m[19, 9] == 1, "the hull stays")
        #expect(m[20, 8] == 0 && m[15, 7] == 0 && m[9, 9] == 0, "its 8-neighbours go")
        #expect(m[25, 8] == 1 && m[8, 6] == 1, "the rest stays")
        #expect(labels[8 * w + 15] != labels[8 * w + 25], "the hull and its neighbour are two blobs")
    }
    /// The chessboard distance transform agrees with the square dilation it replaces, on random
    /// masks of odd sizes, for several radii.
    @Test(arguments: [(37, 23, 0.02), (64, 41, 0.002), (15, 9, 0.3)])
    func distanceMatchesSquareDilation(width: Int, height: Int, density: Double) {
        var rng = SplitMix64(seed: UInt64(width * 1000 + height))
        let mask = PlaneBuffer(width: width, height: height, sampleType: .uint8)
        let m = mask.view(as: UInt8.self)
        for y in 0..<height { for x in 0..<width { m[x, y] = rng.nextUnit() < density ? 1 : 0 } }
        let d = QuaysideHulls.chessboardDistance(to: m)
        let dil = PlaneBuffer(width: width, height: height, sampleType: .uint8)
        for r in [0, 1, 3, 7, 20] {
            Morphology.dilate(m, element: .square(radius: r), into: dil.view(as: UInt8.self))
            var differ = 0
            for y in 0..<height { for x in 0..<width where (d[y * width + x] <= Int32(r)) != (dil.view(as: UInt8.self)[x, y] != 0) {
                differ += 1
            } }
            #expect(differ == 0, "radius \(r)")
        }
    }
}
