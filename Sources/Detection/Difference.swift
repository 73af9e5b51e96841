import Raster

/// Change evidence between two radiometrically matched captures:
/// `after − (gain · before + offset)`, signed or absolute. NaN (masked) inputs give NaN.
public enum Difference {
    /// `dst = after − mapping(before)`.
    public static func signed(after: PlaneView<Float>, before: PlaneView<Float>, mapping: LinearMapping = .identity,
                              into dst: PlaneView<Float>) {
        run(after, before, mapping, dst, absolute: false)
    }

    /// `dst = |after − mapping(before)|`.
    public static func absolute(after: PlaneView<Float>, before: PlaneView<Float>, mapping: LinearMapping = .identity,
                                into dst: PlaneView<Float>) {
        run(after, before, mapping, dst, absolute: true)
    }

    /// Scalar reference of ``signed(after:before:mapping:into:)``.
    public static func signedScalar(after: PlaneView<Float>, before: PlaneView<Float>, mapping: LinearMapping = .identity,
                                    into dst: PlaneView<Float>) {
        for y in 0..<dst.height {
            let a = after.row(y), b = before.row(y), d = dst.row(y)
            for x in 0..<dst.width { d[x] = a[x] - (mapping.gain * b[x] + mapping.offset) }
        }
    }

    /// Scalar reference of ``absolute(after:before:mapping:into:)``.
    public static func absoluteScalar(after: PlaneView<Float>, before: PlaneView<Float>, mapping: LinearMapping = .identity,
                                      into dst: PlaneView<Float>) {
        for y in 0..<dst.height {
            let a = after.row(y), b = before.row(y), d = dst.row(y)
            for x in 0..<dst.width { d[x] = abs(a[x] - (mapping.gain * b[x] + mapping.offset)) }
        }
    }

    @inline(__always)
    static func run(_ after: PlaneView<Float>, _ before: PlaneView<Float>, _ m: LinearMapping, _ dst: PlaneView<Float>,
                    absolute: Bool) {
        precondition(after.width == dst.width && after.height == dst.height && before.width == dst.width
            && before.height == dst.height, "Difference: size mismatch")
        let g = SIMD8<Float>(repeating: m.gain), o = SIMD8<Float>(repeating: m.offset)
        let w = dst.width
        for y in 0..<dst.height {
            let a = after.base + y * after.stride, b = before.base + y * before.stride, d = dst.base + y * dst.stride
            var x = 0
            if absolute {
                while x + 8 <= w {
                    let v = SIMDRow.load8(a + x) - (g * SIMDRow.load8(b + x) + o)
                    // |v| by clearing the sign bit (keeps NaN as NaN).
                    let bits = SIMD8<UInt32>(truncatingIfNeeded: unsafeBitCast(v, to: SIMD8<Int32>.self)) & 0x7FFF_FFFF
                    SIMDRow.store8(unsafeBitCast(bits, to: SIMD8<Float>.self), d + x)
                    x += 8
                }
                while x < w { d[x] = abs(a[x] - (m.gain * b[x] + m.offset)); x += 1 }
            } else {
                while x + 8 <= w {
                    SIMDRow.store8(SIMDRow.load8(a + x) - (g * SIMDRow.load8(b + x) + o), d + x)
                    x += 8
                }
                while x < w { d[x] = a[x] - (m.gain * b[x] + m.offset); x += 1 }
            }
        }
    }
}
