import Raster

/// Float plane → 0/1 mask. NaN never passes. When `valid` is given, pixels where it is 0 get 0.
public enum Threshold {
    /// 1 where v ≥ t.
    public static func greaterOrEqual(_ values: PlaneView<Float>, _ t: Float, valid: PlaneView<UInt8>? = nil, into mask: PlaneView<UInt8>) {
        run(values, valid, mask, { $0 .>= SIMD8(repeating: t) }, { $0 >= t })
    }
    /// 1 where v ≤ t.
    public static func lessOrEqual(_ values: PlaneView<Float>, _ t: Float, valid: PlaneView<UInt8>? = nil, into mask: PlaneView<UInt8>) {
        run(values, valid, mask, { $0 .<= SIMD8(repeating: t) }, { $0 <= t })
    }
    /// 1 where v < t.
    public static func less(_ values: PlaneView<Float>, _ t: Float, valid: PlaneView<UInt8>? = nil, into mask: PlaneView<UInt8>) {
        run(values, valid, mask, { $0 .< SIMD8(repeating: t) }, { $0 < t })
    }
    /// 1 where |v| ≥ t.
    public static func absGreaterOrEqual(_ values: PlaneView<Float>, _ t: Float, valid: PlaneView<UInt8>? = nil, into mask: PlaneView<UInt8>) {
        run(values, valid, mask, { ($0 .>= SIMD8(repeating: t)) .| ($0 .<= SIMD8(repeating: -t)) }, { abs($0) >= t })
    }

    /// Scalar reference: 1 where `test(v)` (and valid).
    public static func scalar(_ values: PlaneView<Float>, valid: PlaneView<UInt8>? = nil, into mask: PlaneView<UInt8>,
                              _ test: (Float) -> Bool) {
        for y in 0..<values.height {
            let v = values.row(y), m = mask.row(y), ok = valid?.row(y)
            for x in 0..<values.width { m[x] = test(v[x]) && (ok == nil || ok![x] != 0) ? 1 : 0 }
        }
    }

    @inline(__always)
    static func run(_ values: PlaneView<Float>, _ valid: PlaneView<UInt8>?, _ mask: PlaneView<UInt8>,
                    _ test8: (SIMD8<Float>) -> SIMDMask<SIMD8<Int32>>, _ test: (Float) -> Bool) {
        precondition(values.width == mask.width && values.height == mask.height, "Threshold: size mismatch")
        if let valid { precondition(valid.width == mask.width && valid.height == mask.height, "Threshold: valid size") }
        let w = values.width
        for y in 0..<values.height {
            let v = values.base + y * values.stride, m = mask.base + y * mask.stride
            var x = 0
            if let valid {
                let ok = UnsafePointer(valid.base + y * valid.stride)
                while x + 8 <= w {
                    SIMDRow.storeMask8(test8(SIMDRow.load8(v + x)) .& (SIMDRow.maskFloat8(ok + x) .!= 0), m + x)
                    x += 8
                }
                while x < w { m[x] = test(v[x]) && ok[x] != 0 ? 1 : 0; x += 1 }
            } else {
                while x + 8 <= w { SIMDRow.storeMask8(test8(SIMDRow.load8(v + x)), m + x); x += 8 }
                while x < w { m[x] = test(v[x]) ? 1 : 0; x += 1 }
            }
        }
    }
}
