import Detection
import Raster
import Testing

@Suite struct LocalContrastTests {
    @Test(arguments: [1, 7, 17, 63, 300, 530], [(3, 1), (5, 2)])
    func zScoreMatchesBruteForce(width: Int, radii: (Int, Int)) {
        var keep: [PlaneBuffer] = []
        let h = 13
        let v = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let m = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: UInt64(width), mean: 800, sigma: 20)
        TestPlanes.randomMask(m, seed: 3, density: 0.8)
        let z1 = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let z2 = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        for mask in [nil, m] {
            LocalContrast.zScore(v, valid: mask, outerRadius: radii.0, guardRadius: radii.1, minBackground: 4, into: z1)
            LocalContrast.zScoreScalar(v, valid: mask, outerRadius: radii.0, guardRadius: radii.1, minBackground: 4, into: z2)
            var maxErr: Float = 0
            for y in 0..<h { for x in 0..<width { maxErr = max(maxErr, abs(z1[x, y] - z2[x, y])) } }
            #expect(maxErr < 1e-3)
        }
    }

    @Test(arguments: [5, 31, 270])
    func meanAndSigmaOutputsMatchTheAnnulus(width: Int) {
        var keep: [PlaneBuffer] = []
        let h = 9
        let v = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let m = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: 21, mean: 0.05, sigma: 0.003)
        TestPlanes.randomMask(m, seed: 22, density: 0.7)
        let z = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let mu = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let sd = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        LocalContrast.zScore(v, valid: m, outerRadius: 3, guardRadius: 1, minBackground: 5, into: z, mean: mu, sigma: sd)
        for y in 0..<h {
            for x in 0..<width {
                var vals: [Double] = []
                for yy in max(0, y - 3)...min(h - 1, y + 3) {
                    for xx in max(0, x - 3)...min(width - 1, x + 3) where (abs(xx - x) > 1 || abs(yy - y) > 1) && m[xx, yy] != 0 {
                        vals.append(Double(v[xx, yy]))
                    }
                }
                if vals.count < 5 {
                    #expect(mu[x, y].isNaN && sd[x, y].isNaN && z[x, y] == 0)
                    continue
                }
                let mean = vals.reduce(0, +) / Double(vals.count)
                let s = (vals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(vals.count)).squareRoot()
                #expect(abs(Double(mu[x, y]) - mean) < 1e-6)
                #expect(abs(Double(sd[x, y]) - s) < 1e-4 * s + 1e-7)
                let zr = m[x, y] == 0 ? 0 : (Double(v[x, y]) - mean) / s
                #expect(abs(Double(z[x, y]) - zr) < 1e-3 * max(1, abs(zr)))
            }
        }
    }

    @Test func findsBrightAndDarkObjectsOnNoise() {
        var keep: [PlaneBuffer] = []
        let v = TestPlanes.plane(Float.self, width: 96, height: 64, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: 12, mean: 500, sigma: 5)
        for y in 20..<23 { for x in 20..<26 { v[x, y] = 600 } }  // bright hull
        for y in 40..<42 { for x in 60..<64 { v[x, y] = 420 } }  // dark hull
        let z = TestPlanes.plane(Float.self, width: 96, height: 64, keepAlive: &keep)
        let mask = TestPlanes.plane(UInt8.self, width: 96, height: 64, keepAlive: &keep)
        LocalContrast.zScore(v, outerRadius: 10, guardRadius: 5, into: z)
        LocalContrast.detect(z, k: 6, polarity: .both, into: mask)
        let labels = TestPlanes.plane(Int32.self, width: 96, height: 64, keepAlive: &keep)
        let blobs = ConnectedComponents.blobs(mask, labels: labels)
        #expect(blobs.count == 2)
        #expect(blobs.map(\.numPixels) == [18, 8])
        LocalContrast.detect(z, k: 6, polarity: .dark, into: mask)
        #expect(ConnectedComponents.blobs(mask, labels: labels).map(\.numPixels) == [8])
    }

    @Test(arguments: [1, 7, 17, 63, 131])
    func evaluateMaskScoresCensoredPixelsAgainstTheRest(width: Int) {
        var keep: [PlaneBuffer] = []
        let h = 11
        let v = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let bg = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        let ev = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: UInt64(width) + 40, mean: 300, sigma: 7)
        TestPlanes.randomMask(bg, seed: 41, density: 0.6)
        TestPlanes.randomMask(ev, seed: 42, density: 0.9)
        let z1 = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let z2 = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        LocalContrast.zScore(v, valid: bg, evaluate: ev, outerRadius: 4, guardRadius: 1, minBackground: 3, into: z1)
        LocalContrast.zScoreScalar(v, valid: bg, evaluate: ev, outerRadius: 4, guardRadius: 1, minBackground: 3, into: z2)
        var maxErr: Float = 0, scoredOutsideBackground = 0
        for y in 0..<h {
            for x in 0..<width {
                maxErr = max(maxErr, abs(z1[x, y] - z2[x, y]))
                if ev[x, y] == 0 { #expect(z1[x, y] == 0) }
                if ev[x, y] != 0 && bg[x, y] == 0 && z1[x, y] != 0 { scoredOutsideBackground += 1 }
            }
        }
        #expect(maxErr < 1e-3)
        if width >= 17 { #expect(scoredOutsideBackground > 0) }
    }

    @Test(arguments: [1, 3, 7, 9, 15, 17, 63, 65, 127])
    func strongestMatchesScalarReference(width: Int) {
        var keep: [PlaneBuffer] = []
        let h = 5
        let a = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let b = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        TestPlanes.randomFloat(a, seed: UInt64(width), sigma: 4)
        TestPlanes.randomFloat(b, seed: UInt64(width) + 100, sigma: 4)
        a[0, 0] = .nan
        if width > 2 { b[2, 1] = .nan; a[1, 2] = 0; b[1, 2] = -0.5 }
        for second in [LocalContrast.Polarity.both, .dark, .bright] {
            let simd = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
            let ref = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
            LocalContrast.strongest(a, b, second: second, into: simd)
            LocalContrast.strongestScalar(a, b, second: second, into: ref)
            #expect(TestPlanes.maxRelativeError(simd, ref, floor: 1) < 1e-6)
            #expect(simd[0, 0].isNaN)
            // Bit for bit on every pixel without NaN; a NaN input is passed through.
            for y in 0..<h {
                for x in 0..<width where !a[x, y].isNaN && !b[x, y].isNaN {
                    #expect(simd[x, y].bitPattern == ref[x, y].bitPattern, "(\(x), \(y))")
                }
            }
            // In place (dst aliasing a), as the pipeline calls it.
            let inPlace = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
            for y in 0..<h { for x in 0..<width { inPlace[x, y] = a[x, y] } }
            LocalContrast.strongest(inPlace, b, second: second, into: inPlace)
            for y in 0..<h { for x in 0..<width { #expect(inPlace[x, y].bitPattern == simd[x, y].bitPattern) } }
            // The kept value: the larger magnitude of a and the admitted part of b, penalized.
            let c = LocalContrast.bonferroniPenalty(rateMultiplier: second == .both ? 2 : 1.5)
            for y in 0..<h {
                for x in 0..<width where a[x, y].isFinite && b[x, y].isFinite {
                    let bb = second == .dark ? min(b[x, y], 0) : second == .bright ? max(b[x, y], 0) : b[x, y]
                    let v = abs(bb) > abs(a[x, y]) ? bb : a[x, y]
                    let want = (v < 0 ? -1 : 1) * max(0, v * v - c).squareRoot()
                    #expect(abs(ref[x, y] - want) <= 1e-5 * max(1, abs(want)))
                }
            }
        }
    }

    /// The Bonferroni-equivalent z keeps the single-band false-alarm rate at the thresholds:
    /// P(|z₁| ≥ t or z₂ beyond t) equals P(|z| ≥ k) for t with t² − penalty = k², for a
    /// two-sided and a one-sided second test.
    @Test(arguments: [2.5, 5.0], [true, false])
    func bonferroniEquivalentKeepsTheRate(k: Double, twoSided: Bool) {
        let t = (k * k + Double(LocalContrast.bonferroniPenalty(rateMultiplier: twoSided ? 2 : 1.5))).squareRoot()
        let one = LocalContrast.falseAlarmRate(k: t)
        let second = LocalContrast.falseAlarmRate(k: t, polarity: twoSided ? .both : .dark)
        let combined = 1 - (1 - one) * (1 - second)
        let target = LocalContrast.falseAlarmRate(k: k)
        #expect(abs(combined / target - 1) < 0.15)
    }

    @Test func falseAlarmRates() {
        #expect(abs(LocalContrast.falseAlarmRate(k: 5, polarity: .bright) - 2.867e-7) < 1e-9)
        #expect(abs(LocalContrast.falseAlarmRate(k: 5, polarity: .both) - 5.733e-7) < 2e-9)
        #expect(abs(LocalContrast.threshold(falseAlarmRate: 2.867e-7, polarity: .bright) - 5) < 1e-3)
    }
}
