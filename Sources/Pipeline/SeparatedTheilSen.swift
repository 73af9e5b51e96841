import Detection
import Raster

/// The before → after radiometric gain and offset from pixel pairs that differ by far more
/// than the noise: a Theil–Sen line (median of pairwise slopes) over random pairs of
/// co-registered pixels whose before values are at least `minSeparation` before-noise σ
/// apart.
///
/// Why the separation: the plain Theil–Sen fit pairs random pixels, and on a sea scene most
/// pairs are two sea pixels whose difference is noise and sea texture, different in each
/// capture. Their slopes scatter around the noise correlation (≈ 0), not the gain, and when
/// they are the majority of pairs the median follows them (regression dilution). On
/// development synth scenes with land the plain fit gave gains of 0.28–0.61 for true NIR
/// gains of 0.85–1.17, so every static hull differed by most of its signal and came out
/// "new" (persistent pairs reported as new pairs). A pair whose before values are ≥ 10 σ
/// apart (sea against land, a platform, a hull) has a slope error of at most
/// √2·σ_difference / (10 σ) per pair, and the median over hundreds of such pairs is the gain
/// of the structure, which is what the change test needs. Changed pixels (new hulls, clouds,
/// land objects) are outliers; the breakdown point stays ≈ 29 % of the separated pairs
/// (Sen 1968). Reference: Theil 1950, Sen 1968; weighting pairs by |Δx| is Jaeckel's (1972)
/// estimator, of which this is the 0/1-weight form.
///
/// Returns nil when fewer than `minPairs` separated pairs exist (open sea: no structure to
/// fit a gain on; the caller matches offsets only).
public enum SeparatedTheilSen {
    /// Before values of a pair must differ by this many before-noise σ.
    public static let minSeparation: Double = 10
    /// Fewest separated pairs for a fit.
    public static let minPairs = 50

    /// - Parameters:
    ///   - before, after: co-registered samples (NaN = invalid).
    ///   - mask: pixels to use (non-zero), or nil for all valid ones.
    ///   - sigmaBefore: robust noise σ of the before samples over water (digital numbers).
    ///   - samples: pixels drawn (seeded reservoir sample); each enters two pairs.
    public static func fit(before: PlaneView<Float>, after: PlaneView<Float>, mask: PlaneView<UInt8>?,
                           sigmaBefore: Double, samples: Int = 20000, seed: UInt64 = 0x5EED) -> LinearMapping? {
        precondition(before.width == after.width && before.height == after.height, "SeparatedTheilSen: size mismatch")
        let reservoir = RadiometricNormalization.pairSample(before: before, after: after, mask: mask,
                                                             samples: samples, seed: seed)
        guard reservoir.count >= 2 else { return nil }
        let minDX = max(minSeparation * sigmaBefore, 1e-6)
        let count = reservoir.count
        var slopes: [Double] = []
        for shift in [count / 2, max(1, count / 4)] where shift > 0 {
            for i in 0..<count {
                let (bi, ai) = reservoir[i], (bj, aj) = reservoir[(i + shift) % count]
                let dx = Double(bj) - Double(bi)
                if abs(dx) >= minDX { slopes.append((Double(aj) - Double(ai)) / dx) }
            }
        }
        guard slopes.count >= minPairs else { return nil }
        let g = median(slopes)
        let off = median(reservoir.map { Double($0.1) - g * Double($0.0) })
        return LinearMapping(gain: Float(g), offset: Float(off))
    }

    /// Median (mean of the two middle values for an even count); `v` must not be empty.
    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }
}
