import Foundation

/// Smooth 2-D value noise: random values on an integer lattice (hashed from the seed and
/// the lattice point, so any point can be evaluated alone) blended with a quintic fade.
/// Output in [−1, 1]. Used for sea texture, coastlines and land texture.
public struct ValueNoise: Sendable {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    @inline(__always)
    func lattice(_ x: Int, _ y: Int) -> Double {
        let h = SplitMix64.mix(seed ^ (UInt64(bitPattern: Int64(x)) &* 0x9E37_79B9_7F4A_7C15)
            ^ (UInt64(bitPattern: Int64(y)) &* 0xC2B2_AE3D_27D4_EB4F))
        return Double(h >> 11) * 0x1p-52 - 1
    }

    /// Noise at `(x, y)` in lattice units.
    public func value(_ x: Double, _ y: Double) -> Double {
        let fx = x.rounded(.down), fy = y.rounded(.down)
        let ix = Int(fx), iy = Int(fy)
        let tx = x - fx, ty = y - fy
        let sx = tx * tx * tx * (tx * (tx * 6 - 15) + 10)
        let sy = ty * ty * ty * (ty * (ty * 6 - 15) + 10)
        let a = lattice(ix, iy), b = lattice(ix + 1, iy), c = lattice(ix, iy + 1), d = lattice(ix + 1, iy + 1)
        let top = a + (b - a) * sx, bottom = c + (d - c) * sx
        return top + (bottom - top) * sy
    }

    /// Sum of `octaves` octaves, each at twice the frequency and `gain` times the amplitude,
    /// normalized to [−1, 1]. `scale` is the wavelength of the first octave (same units as x, y).
    public func fractal(_ x: Double, _ y: Double, scale: Double, octaves: Int, gain: Double = 0.5) -> Double {
        var sum = 0.0, amp = 1.0, norm = 0.0, f = 1 / scale
        for o in 0..<octaves {
            sum += amp * value(x * f + Double(o) * 17.31, y * f - Double(o) * 9.17)
            norm += amp
            amp *= gain
            f *= 2
        }
        return sum / norm
    }
}
