import Raster

/// Resampling of a plane at a constant sub-pixel offset with the Keys cubic convolution
/// kernel (a = −0.5; Keys 1981, "Cubic convolution interpolation for digital image
/// processing", IEEE TASSP 29(6)): `dst(x, y) = src(x + dx, y + dy)` in pixel units (centre
/// to centre), 4 × 4 taps. The kernel interpolates (an integer offset reproduces the
/// samples), passes a linear ramp unchanged and smooths less than bilinear interpolation
/// (at a half-pixel offset along one axis, bilinear halves white-noise variance, cubic keeps
/// 64 % of it).
///
/// Taps outside `src` are clamped to its edge. NaN (invalid) samples propagate to the
/// outputs whose taps touch them, a band up to 2 px wide around invalid areas, also where a
/// tap's weight is 0. Offsets are limited to ±1 px.
public enum SubPixelShift {
    /// Keys kernel weights of the taps at offsets −1, 0, +1, +2 from `floor(position)`, for the
    /// fractional part `t` ∈ [0, 1).
    public static func weights(_ t: Double) -> SIMD4<Float> {
        func k(_ s: Double) -> Double {
            let a = -0.5, x = abs(s)
            if x <= 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
            if x < 2 { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
            return 0
        }
        return SIMD4(Float(k(t + 1)), Float(k(t)), Float(k(t - 1)), Float(k(t - 2)))
    }

    /// `dst(x, y) = src(x + dx, y + dy)`; `src` and `dst` have the same size and must not overlap.
    public static func cubic(_ src: PlaneView<Float>, dx: Double, dy: Double, into dst: PlaneView<Float>) {
        precondition(src.width == dst.width && src.height == dst.height, "SubPixelShift: size mismatch")
        precondition(abs(dx) <= 1 && abs(dy) <= 1, "SubPixelShift: offset beyond ±1 px")
        let w = src.width, h = src.height
        guard w > 0, h > 0 else { return }
        let ix = Int(dx.rounded(.down)), iy = Int(dy.rounded(.down))
        let wx = weights(dx - Double(ix)), wy = weights(dy - Double(iy))
        // Columns x whose taps x + ix − 1 … x + ix + 2 all lie inside.
        let x0 = max(0, 1 - ix), x1 = min(w, w - 2 - ix)
        let vx = (SIMD8<Float>(repeating: wx[0]), SIMD8<Float>(repeating: wx[1]),
                  SIMD8<Float>(repeating: wx[2]), SIMD8<Float>(repeating: wx[3]))
        for y in 0..<h {
            let rows = (0..<4).map { k in UnsafePointer(src.base + min(h - 1, max(0, y + iy - 1 + k)) * src.stride) }
            let d = dst.base + y * dst.stride
            var x = 0
            while x < min(x0, w) { d[x] = sample(rows, x, ix, w, wx, wy); x += 1 }
            let vy = (SIMD8<Float>(repeating: wy[0]), SIMD8<Float>(repeating: wy[1]),
                      SIMD8<Float>(repeating: wy[2]), SIMD8<Float>(repeating: wy[3]))
            while x + 8 <= x1 {
                var acc = SIMD8<Float>(repeating: 0)
                for k in 0..<4 {
                    let p = rows[k] + x + ix - 1
                    var hsum = vx.0 * SIMDRow.load8(p)
                    hsum += vx.1 * SIMDRow.load8(p + 1)
                    hsum += vx.2 * SIMDRow.load8(p + 2)
                    hsum += vx.3 * SIMDRow.load8(p + 3)
                    acc += (k == 0 ? vy.0 : k == 1 ? vy.1 : k == 2 ? vy.2 : vy.3) * hsum
                }
                SIMDRow.store8(acc, d + x)
                x += 8
            }
            while x < w { d[x] = sample(rows, x, ix, w, wx, wy); x += 1 }
        }
    }

    /// Scalar reference of ``cubic(_:dx:dy:into:)``.
    public static func cubicScalar(_ src: PlaneView<Float>, dx: Double, dy: Double, into dst: PlaneView<Float>) {
        precondition(src.width == dst.width && src.height == dst.height, "SubPixelShift: size mismatch")
        precondition(abs(dx) <= 1 && abs(dy) <= 1, "SubPixelShift: offset beyond ±1 px")
        let w = src.width, h = src.height
        let ix = Int(dx.rounded(.down)), iy = Int(dy.rounded(.down))
        let wx = weights(dx - Double(ix)), wy = weights(dy - Double(iy))
        for y in 0..<h {
            let rows = (0..<4).map { k in UnsafePointer(src.base + min(h - 1, max(0, y + iy - 1 + k)) * src.stride) }
            let d = dst.base + y * dst.stride
            for x in 0..<w { d[x] = sample(rows, x, ix, w, wx, wy) }
        }
    }

    @inline(__always)
    static func sample(_ rows: [UnsafePointer<Float>], _ x: Int, _ ix: Int, _ w: Int, _ wx: SIMD4<Float>,
                       _ wy: SIMD4<Float>) -> Float {
        var acc: Float = 0
        for k in 0..<4 {
            var hsum: Float = 0
            for i in 0..<4 { hsum += wx[i] * rows[k][min(w - 1, max(0, x + ix - 1 + i))] }
            acc += wy[k] * hsum
        }
        return acc
    }
}
