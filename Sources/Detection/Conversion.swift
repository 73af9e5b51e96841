import Raster

/// Sample conversion to Float32 rows and masking by a validity mask.
///
/// Masks everywhere in this module are `UInt8` planes: 0 = false (invalid, background),
/// any nonzero value = true. Kernels that write masks write 0 or 1.
public enum Conversion {
    /// `dst = gain · src + offset` for every sample, as Float32 (e.g. DN → reflectance).
    /// Where `mask` is given and 0, `dst` gets `fill` instead. `src`, `mask` and `dst`
    /// must have the same width and height; strides may differ.
    public static func toFloat<T: RasterSample>(_ src: PlaneView<T>, gain: Float = 1, offset: Float = 0,
                                                mask: PlaneView<UInt8>? = nil, fill: Float = .nan,
                                                into dst: PlaneView<Float>) {
        precondition(src.width == dst.width && src.height == dst.height, "toFloat: size mismatch")
        if let mask { precondition(mask.width == src.width && mask.height == src.height, "toFloat: mask size") }
        switch T.sampleType {
        case .uint8: convert(src.rebound(to: UInt8.self), gain, offset, mask, fill, dst)
        case .int8: convert(src.rebound(to: Int8.self), gain, offset, mask, fill, dst)
        case .uint16: convert(src.rebound(to: UInt16.self), gain, offset, mask, fill, dst)
        case .int16: convert(src.rebound(to: Int16.self), gain, offset, mask, fill, dst)
        case .uint32: convert(src.rebound(to: UInt32.self), gain, offset, mask, fill, dst)
        case .int32: convert(src.rebound(to: Int32.self), gain, offset, mask, fill, dst)
        case .float32: convert(src.rebound(to: Float.self), gain, offset, mask, fill, dst)
        case .float64: convert(src.rebound(to: Double.self), gain, offset, mask, fill, dst)
        }
    }

    /// One row: `dst[i] = gain · src[i] + offset` (the counts must match), for callers that
    /// stream rows (decoders, strips) rather than planes.
    public static func toFloat<T: RasterSample>(row src: UnsafeBufferPointer<T>, gain: Float = 1, offset: Float = 0,
                                                into dst: UnsafeMutableBufferPointer<Float>) {
        precondition(src.count == dst.count, "toFloat(row:): \(src.count) samples into \(dst.count)")
        guard let s = src.baseAddress, let d = dst.baseAddress else { return }
        toFloat(PlaneView(base: UnsafeMutablePointer(mutating: s), width: src.count, height: 1, stride: src.count),
                gain: gain, offset: offset, into: PlaneView(base: d, width: dst.count, height: 1, stride: dst.count))
    }

    /// ``toFloat(_:gain:offset:mask:fill:into:)`` for a buffer of any sample type (dispatches on
    /// `src.sampleType`). `src` must be alive for the call.
    public static func toFloat(_ src: PlaneBuffer, gain: Float = 1, offset: Float = 0, mask: PlaneView<UInt8>? = nil,
                               fill: Float = .nan, into dst: PlaneView<Float>) {
        withExtendedLifetime(src) {
            switch src.sampleType {
            case .uint8: toFloat(src.view(as: UInt8.self), gain: gain, offset: offset, mask: mask, fill: fill, into: dst)
            case .int8: toFloat(src.view(as: Int8.self), gain: gain, offset: offset, mask: mask, fill: fill, into: dst)
            case .uint16: toFloat(src.view(as: UInt16.self), gain: gain, offset: offset, mask: mask, fill: fill, into: dst)
            case .int16: toFloat(src.view(as: Int16.self), gain: gain, offset: offset, mask: mask, fill: fill, into: dst)
            case .uint32: toFloat(src.view(as: UInt32.self), gain: gain, offset: offset, mask: mask, fill: fill, into: dst)
            case .int32: toFloat(src.view(as: Int32.self), gain: gain, offset: offset, mask: mask, fill: fill, into: dst)
            case .float32: toFloat(src.view(as: Float.self), gain: gain, offset: offset, mask: mask, fill: fill, into: dst)
            case .float64: toFloat(src.view(as: Double.self), gain: gain, offset: offset, mask: mask, fill: fill, into: dst)
            }
        }
    }

    /// ``validMask(_:nodata:into:)`` for a buffer of any sample type.
    public static func validMask(_ src: PlaneBuffer, nodata: Double?, into mask: PlaneView<UInt8>) {
        withExtendedLifetime(src) {
            switch src.sampleType {
            case .uint8: validMask(src.view(as: UInt8.self), nodata: nodata, into: mask)
            case .int8: validMask(src.view(as: Int8.self), nodata: nodata, into: mask)
            case .uint16: validMask(src.view(as: UInt16.self), nodata: nodata, into: mask)
            case .int16: validMask(src.view(as: Int16.self), nodata: nodata, into: mask)
            case .uint32: validMask(src.view(as: UInt32.self), nodata: nodata, into: mask)
            case .int32: validMask(src.view(as: Int32.self), nodata: nodata, into: mask)
            case .float32: validMask(src.view(as: Float.self), nodata: nodata, into: mask)
            case .float64: validMask(src.view(as: Double.self), nodata: nodata, into: mask)
            }
        }
    }

    /// Scalar reference of ``toFloat(_:gain:offset:mask:fill:into:)``.
    public static func toFloatScalar<T: RasterSample>(_ src: PlaneView<T>, gain: Float = 1, offset: Float = 0,
                                                      mask: PlaneView<UInt8>? = nil, fill: Float = .nan,
                                                      into dst: PlaneView<Float>) {
        precondition(src.width == dst.width && src.height == dst.height, "toFloat: size mismatch")
        for y in 0..<src.height {
            let s = src.row(y), d = dst.row(y)
            let m = mask?.row(y)
            for x in 0..<src.width {
                if let m, m[x] == 0 { d[x] = fill } else { d[x] = gain * s[x].floatValue + offset }
            }
        }
    }

    /// Sets `values` to `fill` where `mask` is 0 (in place).
    public static func applyMask(_ values: PlaneView<Float>, mask: PlaneView<UInt8>, fill: Float = .nan) {
        precondition(values.width == mask.width && values.height == mask.height, "applyMask: size mismatch")
        let w = values.width
        for y in 0..<values.height {
            let v = values.base + y * values.stride, m = UnsafePointer(mask.base + y * mask.stride)
            var x = 0
            while x + 8 <= w {
                let mf = SIMDRow.maskFloat8(m + x)
                SIMDRow.store8(SIMDRow.load8(v + x).replacing(with: fill, where: mf .== 0), v + x)
                x += 8
            }
            while x < w { if m[x] == 0 { v[x] = fill }; x += 1 }
        }
    }

    /// Scalar reference of ``applyMask(_:mask:fill:)``.
    public static func applyMaskScalar(_ values: PlaneView<Float>, mask: PlaneView<UInt8>, fill: Float = .nan) {
        for y in 0..<values.height {
            let v = values.row(y), m = mask.row(y)
            for x in 0..<values.width where m[x] == 0 { v[x] = fill }
        }
    }

    /// A validity mask: 1 where the sample is finite and not equal to `nodata`, else 0.
    /// As GDAL does, a Float32 plane compares with `nodata` rounded to Float32 (so a nodata of
    /// 0.1 matches the stored 0.1f); other types compare exactly.
    public static func validMask<T: RasterSample>(_ src: PlaneView<T>, nodata: Double?, into mask: PlaneView<UInt8>) {
        precondition(src.width == mask.width && src.height == mask.height, "validMask: size mismatch")
        switch T.sampleType {
        case .uint8: valid(src.rebound(to: UInt8.self), nodata, mask)
        case .int8: valid(src.rebound(to: Int8.self), nodata, mask)
        case .uint16: valid(src.rebound(to: UInt16.self), nodata, mask)
        case .int16: valid(src.rebound(to: Int16.self), nodata, mask)
        case .uint32: valid(src.rebound(to: UInt32.self), nodata, mask)
        case .int32: valid(src.rebound(to: Int32.self), nodata, mask)
        case .float32: valid(src.rebound(to: Float.self), nodata, mask)
        case .float64: valid(src.rebound(to: Double.self), nodata, mask)
        }
    }

    /// Scalar reference of ``validMask(_:nodata:into:)``.
    public static func validMaskScalar<T: RasterSample>(_ src: PlaneView<T>, nodata: Double?, into mask: PlaneView<UInt8>) {
        for y in 0..<src.height {
            let s = src.row(y), m = mask.row(y)
            for x in 0..<src.width { m[x] = isValid(s[x], nodata) ? 1 : 0 }
        }
    }

    @inline(__always)
    static func isValid<T: RasterSample>(_ v: T, _ nodata: Double?) -> Bool {
        let d = v.doubleValue
        guard d.isFinite else { return false }
        guard let nodata else { return true }
        return T.sampleType == .float32 ? Float(d) != Float(nodata) : d != nodata
    }

    @inline(__always)
    static func convert<T: FloatWidening>(_ src: PlaneView<T>, _ gain: Float, _ offset: Float,
                                          _ mask: PlaneView<UInt8>?, _ fill: Float, _ dst: PlaneView<Float>) {
        let w = src.width
        let g = SIMD8<Float>(repeating: gain), o = SIMD8<Float>(repeating: offset)
        for y in 0..<src.height {
            let s = UnsafePointer(src.base + y * src.stride), d = dst.base + y * dst.stride
            var x = 0
            if let mask {
                let m = UnsafePointer(mask.base + y * mask.stride)
                while x + 8 <= w {
                    let v = g * T.widen8(s + x) + o
                    SIMDRow.store8(v.replacing(with: fill, where: SIMDRow.maskFloat8(m + x) .== 0), d + x)
                    x += 8
                }
                while x < w { d[x] = m[x] == 0 ? fill : gain * s[x].floatValue + offset; x += 1 }
            } else {
                while x + 8 <= w {
                    SIMDRow.store8(g * T.widen8(s + x) + o, d + x)
                    x += 8
                }
                while x < w { d[x] = gain * s[x].floatValue + offset; x += 1 }
            }
        }
    }

    @inline(__always)
    static func valid<T: FloatWidening>(_ src: PlaneView<T>, _ nodata: Double?, _ mask: PlaneView<UInt8>) {
        let w = src.width
        // A nodata value that the sample type cannot hold never matches; compare in Float
        // only when the Float conversion of nodata round-trips (it does for all integer nodata ≤ 2²⁴).
        let nd: Float? = nodata.flatMap { T.sampleType == .float32 || Double(Float($0)) == $0 ? Float($0) : nil }
        let exactOnly = nodata != nil && nd == nil
        let ndv = SIMD8<Float>(repeating: nd ?? .nan)
        for y in 0..<src.height {
            let s = UnsafePointer(src.base + y * src.stride), m = mask.base + y * mask.stride
            var x = 0
            if !exactOnly && (T.sampleType == .float32 || T.sampleType == .uint8 || T.sampleType == .int8
                || T.sampleType == .uint16 || T.sampleType == .int16) {
                // These types widen to Float exactly, so the Float comparison is exact.
                while x + 8 <= w {
                    let v = T.widen8(s + x)
                    // v - v is 0 for finite values and NaN for ±inf and NaN.
                    let ok = ((v - v) .== 0) .& (v .!= ndv)
                    SIMDRow.storeMask8(ok, m + x)
                    x += 8
                }
            }
            while x < w { m[x] = isValid(s[x], nodata) ? 1 : 0; x += 1 }
        }
    }
}
