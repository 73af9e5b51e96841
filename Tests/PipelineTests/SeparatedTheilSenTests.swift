import Detection
import Raster
import Testing

@testable import Pipeline

/// The before → after gain on a scene that is mostly sea (noise and texture independent in the
/// two captures) with some land: the plain Theil–Sen fit is diluted towards 0 by sea-against-sea
/// pairs, the separated fit recovers the gain.
@Suite struct SeparatedTheilSenTests {
    /// `seaShare` of the pixels sea (400 ± 15, the texture independent in each capture), the rest
    /// land spread over 2000…4000; after = gain · scene + offset + noise (synth's illumination).
    static func scene(gain: Float, offset: Float, seaShare: Double, seed: UInt64 = 7, size: Int = 200)
        -> (before: PlaneBuffer, after: PlaneBuffer, water: PlaneBuffer, valid: PlaneBuffer) {
        let b = PlaneBuffer(width: size, height: size, sampleType: .float32)
        let a = PlaneBuffer(width: size, height: size, sampleType: .float32)
        let w = PlaneBuffer(width: size, height: size, sampleType: .uint8)
        let v = PlaneBuffer(width: size, height: size, sampleType: .uint8)
        let bv = b.view(as: Float.self), av = a.view(as: Float.self)
        let wv = w.view(as: UInt8.self), vv = v.view(as: UInt8.self)
        var rng = SplitMix64(seed: seed)
        let seaColumns = Int((Double(size) * seaShare).rounded())
        for y in 0..<size {
            for x in 0..<size {
                vv[x, y] = 1
                if x < seaColumns {
                    bv[x, y] = 400 + Float(rng.nextGaussian() * 15)
                    av[x, y] = gain * (400 + Float(rng.nextGaussian() * 15)) + offset
                    wv[x, y] = 1
                } else {
                    let land = Float(2000 + 2000 * rng.nextUnit())
                    bv[x, y] = land + Float(rng.nextGaussian() * 15)
                    av[x, y] = gain * land + offset + Float(rng.nextGaussian() * 15)
                    wv[x, y] = 0
                }
            }
        }
        return (b, a, w, v)
    }

    @Test(arguments: [(Float(0.85), 0.95), (Float(1.17), 0.9), (Float(0.9), 0.5)])
    func recoversGainWhereSeaDominates(gain: Float, seaShare: Double) throws {
        let s = Self.scene(gain: gain, offset: -40, seaShare: seaShare)
        let fit = try #require(SeparatedTheilSen.fit(before: s.before.view(as: Float.self), after: s.after.view(as: Float.self),
                                                     mask: s.valid.view(as: UInt8.self), sigmaBefore: 15))
        #expect(abs(fit.gain - gain) < 0.02)
        // The sea maps onto the sea.
        #expect(abs(fit.gain * 400 + fit.offset - (gain * 400 - 40)) < 10)
        // The plain fit over random pairs is pulled towards 0 by sea-sea pairs (the bug).
        let plain = RadiometricNormalization.estimate(before: s.before.view(as: Float.self), after: s.after.view(as: Float.self),
                                                      mask: s.valid.view(as: UInt8.self),
                                                      method: .theilSen(samples: 20000, seed: 0x5EED))
        if seaShare >= 0.9 { #expect(plain.gain < gain - 0.15) }
    }

    @Test func sceneMappingUsesTheSeparatedFit() {
        let s = Self.scene(gain: 0.85, offset: -40, seaShare: 0.95)
        let m = SceneSetup.radiometricMapping(before: (s.before, s.water, s.valid), after: (s.after, s.water, s.valid),
                                              water: s.water, sigmaAfter: 15, sigmaBefore: 15)
        #expect(abs(m.gain - 0.85) < 0.02)
        #expect(abs(m.gain * 400 + m.offset - (0.85 * 400 - 40)) < 10)
    }

    @Test func openSeaHasNoFit() {
        let s = Self.scene(gain: 1, offset: 0, seaShare: 1)
        #expect(SeparatedTheilSen.fit(before: s.before.view(as: Float.self), after: s.after.view(as: Float.self),
                                      mask: nil, sigmaBefore: 15) == nil)
    }
}
