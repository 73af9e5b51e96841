import Detection
import Raster
import Testing

@testable import Pipeline

@Suite struct SeedFillTests {
    /// The flood fill keeps exactly the 8-connected components of the mask that hold a seed
    /// (reference: label everything, keep the labels that contain a seed).
    @Test(arguments: [(17, 13, UInt64(1)), (64, 40, 2), (101, 7, 3), (1, 1, 4)])
    func matchesLabelingReference(width: Int, height: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let mask = PlaneBuffer(width: width, height: height, sampleType: .uint8)
        let z = PlaneBuffer(width: width, height: height, sampleType: .float32)
        let m = mask.view(as: UInt8.self), zv = z.view(as: Float.self)
        for y in 0..<height {
            for x in 0..<width {
                let v = Float(rng.nextGaussian() * 3)
                zv[x, y] = v
                m[x, y] = abs(v) >= 2.5 ? 1 : 0
            }
        }
        let got = PlaneBuffer(width: width, height: height, sampleType: .uint8)
        SeedFill.keepSeeded(m, z: zv, seed: 5, into: got.view(as: UInt8.self))
        let labels = PlaneBuffer(width: width, height: height, sampleType: .int32)
        let l = labels.view(as: Int32.self)
        let n = ConnectedComponents.label(m, connectivity: .eight, into: l)
        var seeded = [Bool](repeating: false, count: n + 1)
        for y in 0..<height { for x in 0..<width where l[x, y] > 0 && abs(zv[x, y]) >= 5 { seeded[Int(l[x, y])] = true } }
        var kept = 0
        for y in 0..<height {
            for x in 0..<width {
                let want: UInt8 = l[x, y] > 0 && seeded[Int(l[x, y])] ? 1 : 0
                #expect(got.view(as: UInt8.self)[x, y] == want)
                kept += Int(want)
            }
        }
        if width * height > 100 { #expect(kept > 0, "the test should keep something") }
    }
}
