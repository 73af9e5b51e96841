import Foundation

/// xoshiro256** (Blackman, Vigna 2018) seeded through SplitMix64, with the draws the
/// scene generator needs. Same seed, same sequence, on every platform.
public struct SceneRandom: Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    /// A generator for `seed`; `stream` selects an independent sequence (layout, noise, …)
    /// so adding draws to one part of the generator does not change the others.
    public init(seed: UInt64, stream: UInt64 = 0) {
        var sm = SplitMix64(seed: seed ^ SplitMix64.mix(stream &+ 0x5EED))
        s = (sm.next(), sm.next(), sm.next(), sm.next())
        if s.0 | s.1 | s.2 | s.3 == 0 { s.0 = 1 }
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public mutating func next() -> UInt64 {
        let result = Self.rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = Self.rotl(s.3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [lo, hi).
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * unit() }

    /// Uniform integer in `range` (Lemire's unbiased multiply-shift would be overkill here:
    /// the modulo bias for ranges ≪ 2⁶⁴ is below 1e-15).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let n = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % n)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Log-uniform in [lo, hi) (equal odds per octave: small vessels as likely as big ones per size class).
    public mutating func logUniform(_ lo: Double, _ hi: Double) -> Double { lo * Foundation.exp(unit() * Foundation.log(hi / lo)) }

    /// Standard normal (Box–Muller, one of the pair).
    public mutating func normal() -> Double {
        let u1 = max(unit(), 0x1p-60), u2 = unit()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * .pi * u2)
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(in: 0...(items.count - 1))] }
}
