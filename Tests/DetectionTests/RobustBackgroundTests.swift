import Detection
import Raster
import Testing

@Suite struct RobustBackgroundTests {
    /// Brute force: a node's level and spread are the median and 1.4826·MAD of the valid
    /// finite samples at absolute multiples of `stride` within `radius` of the node.
    @Test(arguments: [(0, 0), (5, 3), (-7, 11), (13, -4)])
    func nodesAreMedianAndMADOfTheirSamples(origin: (Int, Int)) {
        var keep: [PlaneBuffer] = []
        let w = 37, h = 29, spacing = 6, radius = 8, step = 3
        let v = TestPlanes.window(Float.self, width: w, height: h, keepAlive: &keep)
        let m = TestPlanes.window(UInt8.self, width: w, height: h, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: 5, mean: 100, sigma: 4)
        TestPlanes.randomMask(m, seed: 6, density: 0.8)
        v[4, 4] = .nan
        let bg = RobustBackground(values: v, valid: m, originCol: origin.0, originRow: origin.1, spacing: spacing,
                                  radius: radius, stride: step, minSamples: 5)
        func median(_ a: [Float]) -> Float {
            let s = a.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        // Every node whose absolute position is a multiple of spacing near the window.
        var checked = 0
        for ay in -24...48 where ((ay % spacing) + spacing) % spacing == 0 {
            for ax in -24...60 where ((ax % spacing) + spacing) % spacing == 0 {
                let nx = ax - origin.0, ny = ay - origin.1  // window pixel of the node
                guard nx > -spacing, ny > -spacing, nx < w + spacing, ny < h + spacing else { continue }
                var s: [Float] = []
                for y in max(0, ny - radius)...max(0, min(h - 1, ny + radius)) where ((y + origin.1) % step + step) % step == 0 {
                    for x in max(0, nx - radius)...max(0, min(w - 1, nx + radius))
                    where ((x + origin.0) % step + step) % step == 0 && abs(x - nx) <= radius && abs(y - ny) <= radius {
                        if m[x, y] != 0 && v[x, y].isFinite { s.append(v[x, y]) }
                    }
                }
                guard let node = bg.node(col: nx, row: ny) else { continue }
                if s.count < 5 {
                    #expect(node.level.isNaN)
                } else {
                    let med = median(s)
                    #expect(node.level == med)
                    #expect(abs(node.spread - 1.4826 * median(s.map { abs($0 - med) })) <= 1e-4 * node.spread)
                }
                checked += 1
            }
        }
        #expect(checked >= 20)
    }

    /// The row-wise interpolation of `background` equals the per-pixel reference `at`.
    @Test(arguments: [1, 7, 17, 61])
    func backgroundMatchesPerPixelReference(width: Int) {
        var keep: [PlaneBuffer] = []
        let h = 23
        let v = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
        let m = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: UInt64(width), mean: 50, sigma: 2)
        TestPlanes.randomMask(m, seed: 9, density: 0.6)
        for y in 0..<h { for x in 0..<width where (x + y) % 11 == 0 { v[x, y] += 9 } }
        let bg = RobustBackground(values: v, valid: m, originCol: 3, originRow: -2, spacing: 5, radius: 7, stride: 2,
                                  minSamples: 4)
        let out = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        bg.background(v, valid: m, k: 2.5, minSigma: 0.1, into: out)
        for y in 0..<h {
            for x in 0..<width {
                var want: UInt8 = 0
                if m[x, y] != 0 && v[x, y].isFinite {
                    if let b = bg.at(col: x, row: y) {
                        let dev = abs(v[x, y] - b.level), thr = 2.5 * max(b.spread, 0.1)
                        if abs(dev - thr) < 1e-4 * thr { continue }  // rounding at the boundary
                        want = dev >= thr ? 0 : 1
                    } else {
                        want = 1
                    }
                }
                #expect(out[x, y] == want, "(\(x), \(y))")
            }
        }
    }

    /// Window independence: the same absolute pixel gets the same answer from any window
    /// that holds `spacing + radius` pixels around it.
    @Test func resultDoesNotDependOnTheWindowOrigin() {
        var keep: [PlaneBuffer] = []
        let W = 120, H = 90
        let v = TestPlanes.plane(Float.self, width: W, height: H, keepAlive: &keep)
        let m = TestPlanes.plane(UInt8.self, width: W, height: H, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: 77, mean: 10, sigma: 1)
        TestPlanes.fill(m) { _, _ in 1 }
        for y in 40..<46 { for x in 30..<90 { v[x, y] = 40 } }  // a long bright object
        let (spacing, radius, stride) = (9, 13, 2)
        let full = TestPlanes.plane(UInt8.self, width: W, height: H, keepAlive: &keep)
        RobustBackground(values: v, valid: m, originCol: 0, originRow: 0, spacing: spacing, radius: radius, stride: stride)
            .background(v, valid: m, k: 2.5, minSigma: 0.01, into: full)
        let reach = spacing + radius
        for (c, r) in [(17, 11), (23, 29), (41, 5)] {
            let win = Window(col: c, row: r, width: 70, height: 55)
            let sub = TestPlanes.plane(UInt8.self, width: win.width, height: win.height, keepAlive: &keep)
            RobustBackground(values: v.window(win), valid: m.window(win), originCol: c, originRow: r, spacing: spacing,
                             radius: radius, stride: stride)
                .background(v.window(win), valid: m.window(win), k: 2.5, minSigma: 0.01, into: sub)
            for y in reach..<(win.height - reach) {
                for x in reach..<(win.width - reach) { #expect(sub[x, y] == full[x + c, y + r]) }
            }
        }
        // The object is censored, the sea around it is not.
        #expect(full[60, 42] == 0)
        var kept = 0
        for y in 0..<H { for x in 0..<W where full[x, y] != 0 { kept += 1 } }
        #expect(kept > W * H - 6 * 60 - W * H / 50)
    }

    /// A hull longer than the CFAR guard box next to a weak one: with the robust censor the
    /// weak hull stands out; a first box-mean pass leaves the background inflated.
    @Test func weakHullNextToALongBrightOneIsFound() {
        var keep: [PlaneBuffer] = []
        let W = 160, H = 100
        let v = TestPlanes.plane(Float.self, width: W, height: H, keepAlive: &keep)
        let s = TestPlanes.plane(UInt8.self, width: W, height: H, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: 3, mean: 100, sigma: 1)
        TestPlanes.fill(s) { _, _ in 1 }
        for y in 45..<50 { for x in 30..<130 { v[x, y] += 150 } }  // bright, 100 px long
        for y in 51..<55 { for x in 40..<120 { v[x, y] += 8 } }  // weak, 8 σ
        let (g, o) = (10, 15)
        let z = TestPlanes.plane(Float.self, width: W, height: H, keepAlive: &keep)
        let bgMask = TestPlanes.plane(UInt8.self, width: W, height: H, keepAlive: &keep)
        RobustBackground(values: v, valid: s, originCol: 0, originRow: 0, spacing: o, radius: 3 * o / 2, stride: 2)
            .background(v, valid: s, k: 2.5, minSigma: 0.25, into: bgMask)
        LocalContrast.zScore(v, valid: bgMask, evaluate: s, outerRadius: o, guardRadius: g, minSigma: 0.25, into: z)
        var weak: [Float] = []
        for y in 51..<55 { for x in 40..<120 { weak.append(z[x, y]) } }
        let median = weak.sorted()[weak.count / 2]
        #expect(median > 6)
        // The old first pass: every pixel's background holds hull pixels.
        LocalContrast.zScore(v, valid: s, outerRadius: o, guardRadius: g, minSigma: 0.25, into: z)
        weak = []
        for y in 51..<55 { for x in 40..<120 { weak.append(z[x, y]) } }
        #expect(weak.sorted()[weak.count / 2] < 2.5)
    }

    /// The rank-counting median equals the quickselect it replaced (and the sorted definition)
    /// bit for bit: quantized values with many ties (DN × gain), continuous values, an outlier
    /// tail, +∞ (a MAD's overflowing deviations), every count from 1 to 130.
    @Test(arguments: ["quantized", "continuous", "outliers", "infinite", "constant"])
    func medianEqualsQuickselectBitForBit(kind: String) {
        var r = SplitMix64(seed: UInt64(kind.utf8.count))
        for n in 1...130 {
            for _ in 0..<4 {
                let a: [Float] = (0..<n).map { _ in
                    switch kind {
                    case "quantized": return Float((800 + 6 * r.nextGaussian()).rounded()) * 1e-4
                    case "continuous": return Float(r.nextGaussian())
                    case "outliers": return r.nextUnit() < 0.2 ? Float(50 + 10 * r.nextUnit()) : Float(r.nextGaussian())
                    case "infinite": return r.nextUnit() < 0.6 ? .infinity : Float(r.nextUnit())
                    default: return 0.25
                    }
                }
                let fast = RobustBackground.median(a), ref = RobustBackground.medianQuickselect(a)
                #expect(fast.bitPattern == ref.bitPattern, "n \(n): \(fast) vs \(ref)")
                // A first guess (a value of the set, the answer, one between values, out of range)
                // changes nothing.
                for g in [a[n / 3], ref, ref + 1e-7, -1e30, 1e30, .infinity] {
                    #expect(RobustBackground.median(a, guess: g).bitPattern == ref.bitPattern, "n \(n), guess \(g)")
                }
                let s = a.sorted()
                let want = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
                #expect(fast.bitPattern == want.bitPattern)
            }
        }
    }

    /// Nodes by rank counting equal nodes by quickselect bit for bit, and the 8-lane background
    /// mask equals the pixel-by-pixel one byte for byte: quantized and continuous values, NaN,
    /// sparse masks (nodes without a level), odd widths, several geometries.
    @Test(arguments: [1, 7, 9, 16, 17, 33, 100])
    func fastPathsEqualReferences(width: Int) {
        for (spacing, radius, step, quantized) in [(5, 7, 2, true), (9, 13, 2, false), (17, 25, 5, true), (3, 4, 1, false)] {
            var keep: [PlaneBuffer] = []
            let h = 41
            let v = TestPlanes.window(Float.self, width: width, height: h, keepAlive: &keep)
            let m = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
            TestPlanes.randomFloat(v, seed: UInt64(width * 31 + spacing), mean: 80, sigma: 3)
            if quantized { for y in 0..<h { for x in 0..<width { v[x, y] = v[x, y].rounded() * 1e-2 } } }
            for y in 0..<h { for x in 0..<width where (3 * x + y) % 13 == 0 { v[x, y] *= 4 } }
            v[0, 0] = .nan
            TestPlanes.randomMask(m, seed: UInt64(spacing), density: width % 2 == 0 ? 0.9 : 0.35)
            let fast = RobustBackground(values: v, valid: m, originCol: 5, originRow: -3, spacing: spacing, radius: radius,
                                        stride: step, minSamples: 4)
            let ref = RobustBackground(values: v, valid: m, originCol: 5, originRow: -3, spacing: spacing, radius: radius,
                                       stride: step, minSamples: 4, quickselect: true)
            #expect(fast.level.map(\.bitPattern) == ref.level.map(\.bitPattern))
            #expect(fast.spread.map(\.bitPattern) == ref.spread.map(\.bitPattern))
            // The 8-lane background mask equals the pixel-by-pixel reference byte for byte.
            for (k, minSigma) in [(Float(2.5), Float(0.05)), (1.0, 0.0), (4.0, 10.0)] {
                let a = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
                let b = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
                fast.background(v, valid: m, k: k, minSigma: minSigma, into: a)
                fast.backgroundScalar(v, valid: m, k: k, minSigma: minSigma, into: b)
                #expect(TestPlanes.equal(a, b), "spacing \(spacing), k \(k), minSigma \(minSigma)")
            }
        }
    }
}
