import Foundation
import Raster

/// Local-contrast (CA-CFAR style) object test: each pixel against the sea around it.
///
/// For every pixel the background is the annulus between an outer box (radius
/// `outerRadius`) and a guard box (radius `guardRadius`, which keeps the object's own
/// pixels out of its background), restricted to valid (water) pixels:
/// μ = mean, σ = standard deviation of the annulus, and z = (x − μ) / max(σ, `minSigma`).
/// Pixels that are invalid themselves, or whose annulus holds fewer than
/// `minBackground` valid samples, get z = 0 (no evidence either way).
///
/// **False-alarm control.** Under a Gaussian clutter model z is standard normal on
/// plain sea, so a threshold k gives a per-pixel false-alarm rate
/// P(z ≥ k) = ½·erfc(k/√2) for bright objects, twice that for |z| ≥ k:
/// k = 3 → 1.3·10⁻³, k = 4 → 3.2·10⁻⁵, k = 5 → 2.9·10⁻⁷ (one-sided; 5.7·10⁻⁷ for |z|).
/// ``threshold(falseAlarmRate:polarity:)`` inverts this. A 10 980² scene has 1.2·10⁸
/// pixels, so k = 5 still leaves ~35 single-pixel false alarms before the size filter.
/// Real sea clutter is heavier-tailed than Gaussian (glint, whitecaps, swell: K- or
/// Weibull-like), so the realised rate is higher than the nominal one; estimating σ
/// from the annulus rather than globally tracks slow changes, and the blob-size filter
/// removes most of the remaining single-pixel alarms. Calibrate k on scenes without
/// vessels when the nominal rate matters.
public enum LocalContrast {
    public enum Polarity: Sendable, Hashable {
        /// Brighter than the background (z ≥ k).
        case bright
        /// Darker than the background (z ≤ −k).
        case dark
        /// Either (|z| ≥ k).
        case both
    }

    /// Per-pixel z against the annulus background. `mean` and `sigma`, when given,
    /// receive μ and σ (NaN where the annulus has too few valid samples).
    ///
    /// `valid` selects the background samples; `evaluate` (default: `valid`) selects the
    /// pixels that get a z (elsewhere z = 0). A censored CFAR passes the censored sea as
    /// `valid` and the whole search area as `evaluate`, so the censored objects themselves
    /// are scored against the clean background in the same pass.
    public static func zScore(_ values: PlaneView<Float>, valid: PlaneView<UInt8>? = nil, evaluate: PlaneView<UInt8>? = nil,
                              outerRadius: Int, guardRadius: Int,
                              minBackground: Int = 16, minSigma: Float = 1e-6, into z: PlaneView<Float>,
                              mean: PlaneView<Float>? = nil, sigma: PlaneView<Float>? = nil) {
        zScore(values, valid: valid, evaluate: evaluate, outerRadius: outerRadius, guardRadius: guardRadius,
               minBackground: minBackground, minSigma: minSigma, into: z, mean: mean, sigma: sigma, ringReference: false)
    }

    /// ``zScore(_:valid:evaluate:outerRadius:guardRadius:minBackground:minSigma:into:mean:sigma:)``
    /// with the box sums of ``RingBoxAccumulator`` (`ringReference`, the implementation before
    /// 2026-11-26 23:30 UTC: its bit-exact reference) or ``BoxAccumulator``.
    static func zScore(_ values: PlaneView<Float>, valid: PlaneView<UInt8>?, evaluate: PlaneView<UInt8>?,
                       outerRadius: Int, guardRadius: Int, minBackground: Int, minSigma: Float, into z: PlaneView<Float>,
                       mean: PlaneView<Float>?, sigma: PlaneView<Float>?, ringReference: Bool) {
        precondition(outerRadius > guardRadius && guardRadius >= 0, "CFAR: outer radius must exceed guard radius")
        precondition(z.width == values.width && z.height == values.height, "CFAR: output size")
        if let valid { precondition(valid.width == values.width && valid.height == values.height, "CFAR: mask size") }
        if let evaluate { precondition(evaluate.width == values.width && evaluate.height == values.height, "CFAR: mask size") }
        let target = evaluate ?? valid
        for o in [mean, sigma].compactMap({ $0 }) {
            precondition(o.width == values.width && o.height == values.height, "CFAR: mean/sigma output size")
        }
        // One row-prefix scan serves both boxes: the guard box needs row y+G+1 after the
        // outer box asked for it R−G rows earlier.
        let cache = RowPrefixCache(values: values, mask: valid, offset: 0, squares: true,
                                   capacity: BoxAccumulator.cacheCapacity(radius: outerRadius), pairs: !ringReference)
        let outer: any BoxSums, inner: any BoxSums
        if ringReference {
            outer = RingBoxAccumulator(cache: cache, height: values.height, radius: outerRadius, edge: .truncate)
            inner = RingBoxAccumulator(cache: cache, height: values.height, radius: guardRadius, edge: .truncate)
        } else {
            outer = BoxAccumulator(cache: cache, height: values.height, radius: outerRadius, edge: .truncate)
            inner = BoxAccumulator(cache: cache, height: values.height, radius: guardRadius, edge: .truncate)
        }
        let w = values.width
        let minNv = Double(max(1, minBackground))
        let minNF = SIMD8<Float>(repeating: Float(minNv))
        let oneD = SIMD8<Double>(repeating: 1)
        @inline(__always) func ld(_ p: UnsafeMutablePointer<Double>) -> SIMD8<Double> {
            UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Double>.self)
        }
        for y in 0..<values.height {
            outer.advance(); inner.advance()
            let so = outer.sum, qo = outer.sumSquares, no = outer.count
            let si = inner.sum, qi = inner.sumSquares, ni = inner.count
            let v = values.base + y * values.stride, zr = z.base + y * z.stride
            let m = target.map { UnsafePointer($0.base + y * $0.stride) }
            let mr = mean.map { $0.base + y * $0.stride }, sr = sigma.map { $0.base + y * $0.stride }
            let floorSq = SIMD8<Float>(repeating: max(minSigma * minSigma, .leastNormalMagnitude))
            let zero = SIMD8<Float>(repeating: 0), nan8 = SIMD8<Float>(repeating: .nan)
            var x = 0
            while x + 8 <= w {
                // Annulus sums in Double (exact), μ and σ² in Double, z in Float with a
                // vectorized 1/σ (no per-lane square root or division).
                let n = ld(no + x) - ld(ni + x)
                let nF = SIMD8<Float>(n)
                let enough = nF .>= minNF
                let inv = oneD / n.replacing(with: oneD, where: n .< oneD)
                let mu = (ld(so + x) - ld(si + x)) * inv
                let q: SIMD8<Double> = (ld(qo + x) - ld(qi + x)) * inv
                let variance = SIMD8<Float>(q - mu * mu)
                let muF = SIMD8<Float>(mu)
                let f = SIMDRow.load8(v + x)
                var ok = enough .& ((f - f) .== zero)
                if let m { ok = ok .& (SIMDRow.maskFloat8(m + x) .!= zero) }
                let zv = (f - muF) * SIMDRow.rsqrt8(maximum(variance, floorSq))
                SIMDRow.store8(zero.replacing(with: zv, where: ok), zr + x)
                if let mr { SIMDRow.store8(nan8.replacing(with: muF, where: enough), mr + x) }
                if let sr {
                    let vp = maximum(variance, zero)
                    let sd = vp * SIMDRow.rsqrt8(maximum(vp, SIMD8<Float>(repeating: .leastNormalMagnitude)))
                    SIMDRow.store8(nan8.replacing(with: sd, where: enough), sr + x)
                }
                x += 8
            }
            while x < w {
                let n = no[x] - ni[x]
                var zv: Float = 0
                if n >= minNv {
                    let mu = (so[x] - si[x]) / n
                    let sd = Float(max(0, (qo[x] - qi[x]) / n - mu * mu)).squareRoot()
                    mr?[x] = Float(mu); sr?[x] = sd
                    let f = v[x]
                    if f.isFinite && (m == nil || m![x] != 0) { zv = (f - Float(mu)) / max(sd, minSigma) }
                } else {
                    mr?[x] = .nan; sr?[x] = .nan
                }
                zr[x] = zv
                x += 1
            }
        }
    }

    /// Bit-exact reference of ``zScore(_:valid:evaluate:outerRadius:guardRadius:minBackground:minSigma:into:mean:sigma:)``:
    /// the same pass with the previous box sums (``RingBoxAccumulator``, one-row prefix scans).
    public static func zScoreRingReference(_ values: PlaneView<Float>, valid: PlaneView<UInt8>? = nil,
                                           evaluate: PlaneView<UInt8>? = nil, outerRadius: Int, guardRadius: Int,
                                           minBackground: Int = 16, minSigma: Float = 1e-6, into z: PlaneView<Float>,
                                           mean: PlaneView<Float>? = nil, sigma: PlaneView<Float>? = nil) {
        zScore(values, valid: valid, evaluate: evaluate, outerRadius: outerRadius, guardRadius: guardRadius,
               minBackground: minBackground, minSigma: minSigma, into: z, mean: mean, sigma: sigma, ringReference: true)
    }

    /// Brute-force reference of ``zScore(_:valid:evaluate:outerRadius:guardRadius:minBackground:minSigma:into:mean:sigma:)``.
    public static func zScoreScalar(_ values: PlaneView<Float>, valid: PlaneView<UInt8>? = nil, evaluate: PlaneView<UInt8>? = nil,
                                    outerRadius R: Int, guardRadius G: Int,
                                    minBackground: Int = 16, minSigma: Float = 1e-6, into z: PlaneView<Float>) {
        let w = values.width, h = values.height
        let target = evaluate ?? valid
        for y in 0..<h {
            for x in 0..<w {
                var s = 0.0, q = 0.0, n = 0.0
                for yy in max(0, y - R)...min(h - 1, y + R) {
                    for xx in max(0, x - R)...min(w - 1, x + R) {
                        if abs(xx - x) <= G && abs(yy - y) <= G { continue }
                        if let valid, valid[xx, yy] == 0 { continue }
                        let v = values[xx, yy]
                        guard v.isFinite else { continue }
                        s += Double(v); q += Double(v) * Double(v); n += 1
                    }
                }
                var zv: Float = 0
                let f = values[x, y]
                if n >= Double(max(1, minBackground)) && f.isFinite && (target == nil || target![x, y] != 0) {
                    let mu = s / n
                    let sd = max(0, q / n - mu * mu).squareRoot()
                    zv = Float((Double(f) - mu) / max(sd, Double(minSigma)))
                }
                z[x, y] = zv
            }
        }
    }

    /// `2·ln(m)`: the amount ``strongest(_:_:second:into:)`` removes from z² when keeping the
    /// larger of several tests multiplies the false-alarm rate by `m`.
    ///
    /// Keeping the largest |z| of independent tests adds their Gaussian per-pixel false-alarm
    /// rates (Bonferroni; less when the bands' clutter is correlated). In the tail,
    /// 2·Q(z) ≈ 2·φ(z)/z, so the rate of one two-sided test at z' equals m times the rate at z
    /// when z'² ≈ z² − 2·ln(m): the Bonferroni-equivalent single-band z. With it, k and kLow
    /// keep their single-band rates.
    public static func bonferroniPenalty(rateMultiplier m: Double) -> Float {
        Float(2 * log(max(1, m)))
    }

    /// `2·ln(tests)` for `tests` two-sided tests.
    public static func bonferroniPenalty(tests: Int) -> Float {
        bonferroniPenalty(rateMultiplier: Double(max(1, tests)))
    }

    /// Per pixel, the z of larger magnitude of `a` (two-sided) and `b` restricted to `second`
    /// (`.dark`: only b < 0 counts, `.bright`: only b > 0, `.both`), its sign kept, as the
    /// Bonferroni-equivalent single-band z: sign · √max(0, z² − penalty), with penalty
    /// 2·ln 2 for a two-sided second test (rates 2Q + 2Q) and 2·ln 1.5 for a one-sided one
    /// (2Q + Q). `dst` may alias `a` or `b`. NaN in either input gives NaN.
    public static func strongest(_ a: PlaneView<Float>, _ b: PlaneView<Float>, second: Polarity = .both,
                                 into dst: PlaneView<Float>) {
        precondition(a.width == dst.width && a.height == dst.height && b.width == dst.width && b.height == dst.height,
                     "strongest: size mismatch")
        let c = penalty(second)
        let w = dst.width
        for y in 0..<dst.height {
            let pa = a.base + y * a.stride, pb = b.base + y * b.stride, pd = dst.base + y * dst.stride
            // One loop per polarity, so the loop body has no switch and the compiler vectorizes it
            // (4-lane sqrt). Hand-written SIMD8 code was lowered lane by lane (scalar sqrt and
            // branches per lane): 3.7 % of a NIR + green run in an out-of-line pointwiseMax alone.
            // The last w mod 8 pixels take the scalar path, as they did in the SIMD8 version.
            let body = w & ~7
            switch second {
            case .both: strongestRow(pa, pb, pd, body, c) { $0 }
            case .dark: strongestRow(pa, pb, pd, body, c) { $0 > 0 ? 0 : $0 }
            case .bright: strongestRow(pa, pb, pd, body, c) { $0 < 0 ? 0 : $0 }
            }
            for x in body..<w { pd[x] = strongest(pa[x], pb[x], second: second, penalty: c) }
        }
    }

    /// Pixels `0..<w` of one row of ``strongest(_:_:second:into:)``; `admit` maps b to its
    /// admitted part. Branch-free per pixel, lane for lane the SIMD8 code it replaced: a NaN input
    /// is passed through with its own bits; on other pixels the result equals
    /// ``strongestScalar(_:_:second:into:)`` bit for bit.
    @inline(__always)
    static func strongestRow(_ pa: UnsafeMutablePointer<Float>, _ pb: UnsafeMutablePointer<Float>,
                             _ pd: UnsafeMutablePointer<Float>, _ w: Int, _ c: Float, admit: (Float) -> Float) {
        for x in 0..<w {
            let va = pa[x], raw = pb[x]
            let vb = admit(raw)
            // |b| > |a| picks b (NaN compares false).
            let v = vb * vb > va * va ? vb : va
            let t = v * v - c
            let mag = (t > 0 ? t : 0).squareRoot()
            var r = v < 0 ? -mag : mag
            r = raw != raw ? raw : r
            r = va != va ? va : r
            pd[x] = r
        }
    }

    /// Scalar reference of ``strongest(_:_:second:into:)``.
    public static func strongestScalar(_ a: PlaneView<Float>, _ b: PlaneView<Float>, second: Polarity = .both,
                                       into dst: PlaneView<Float>) {
        let c = penalty(second)
        for y in 0..<dst.height {
            for x in 0..<dst.width { dst[x, y] = strongest(a[x, y], b[x, y], second: second, penalty: c) }
        }
    }

    /// Lanewise `Float.maximum(x, y)` for a `y` without NaN lanes: `x` where `x > y`, else `y`
    /// (so a NaN `x` gives `y`). Equals the standard library's `pointwiseMax(x, y)` for such `y`
    /// and non-signalling `x` (arithmetic results never signal), which the compiler did not
    /// always inline (4 % of a NIR + green run inside ``strongest(_:_:second:into:)``).
    @inline(__always)
    static func maximum(_ x: SIMD8<Float>, _ y: SIMD8<Float>) -> SIMD8<Float> {
        y.replacing(with: x, where: x .> y)
    }

    static func penalty(_ second: Polarity) -> Float {
        bonferroniPenalty(rateMultiplier: second == .both ? 2 : 1.5)
    }

    @inline(__always)
    static func strongest(_ a: Float, _ raw: Float, second: Polarity, penalty c: Float) -> Float {
        if a.isNaN || raw.isNaN { return .nan }
        let b: Float
        switch second {
        case .both: b = raw
        case .dark: b = min(raw, 0)
        case .bright: b = max(raw, 0)
        }
        let v = b * b > a * a ? b : a
        let mag = max(0, v * v - c).squareRoot()
        return v < 0 ? -mag : mag
    }

    /// Object mask from z: 1 where the test passes for `polarity`, else 0.
    public static func detect(_ z: PlaneView<Float>, k: Float, polarity: Polarity = .both, into mask: PlaneView<UInt8>) {
        switch polarity {
        case .bright: Threshold.greaterOrEqual(z, k, into: mask)
        case .dark: Threshold.lessOrEqual(z, -k, into: mask)
        case .both: Threshold.absGreaterOrEqual(z, k, into: mask)
        }
    }

    /// Per-pixel false-alarm rate of threshold `k` for standard-normal z.
    public static func falseAlarmRate(k: Double, polarity: Polarity = .both) -> Double {
        let one = 0.5 * erfc(k / 2.0.squareRoot())
        return polarity == .both ? 2 * one : one
    }

    /// The k whose Gaussian per-pixel false-alarm rate is `falseAlarmRate` (bisection; 1e-15 … 0.5).
    public static func threshold(falseAlarmRate pfa: Double, polarity: Polarity = .both) -> Double {
        var lo = 0.0, hi = 40.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if falseAlarmRate(k: mid, polarity: polarity) > pfa { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
