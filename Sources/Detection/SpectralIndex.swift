import Raster

/// Normalized-difference indices.
public enum SpectralIndex {
    /// NDWI (McFeeters 1996) = (green − nir) / (green + nir), in [−1, 1] for non-negative
    /// inputs; water is typically > 0. Where green + nir == 0 the result is 0; NaN inputs give NaN.
    /// `green`, `nir` and `dst` must have the same size.
    public static func ndwi<T: RasterSample>(green: PlaneView<T>, nir: PlaneView<T>, into dst: PlaneView<Float>) {
        precondition(green.width == dst.width && green.height == dst.height && nir.width == dst.width
            && nir.height == dst.height, "ndwi: size mismatch")
        switch T.sampleType {
        case .uint8: run(green.rebound(to: UInt8.self), nir.rebound(to: UInt8.self), dst)
        case .int8: run(green.rebound(to: Int8.self), nir.rebound(to: Int8.self), dst)
        case .uint16: run(green.rebound(to: UInt16.self), nir.rebound(to: UInt16.self), dst)
        case .int16: run(green.rebound(to: Int16.self), nir.rebound(to: Int16.self), dst)
        case .uint32: run(green.rebound(to: UInt32.self), nir.rebound(to: UInt32.self), dst)
        case .int32: run(green.rebound(to: Int32.self), nir.rebound(to: Int32.self), dst)
        case .float32: run(green.rebound(to: Float.self), nir.rebound(to: Float.self), dst)
        case .float64: run(green.rebound(to: Double.self), nir.rebound(to: Double.self), dst)
        }
    }

    /// ``ndwi(green:nir:into:)`` for two buffers of the same sample type, any type.
    public static func ndwi(green: PlaneBuffer, nir: PlaneBuffer, into dst: PlaneView<Float>) {
        precondition(green.sampleType == nir.sampleType, "ndwi: green is \(green.sampleType), nir is \(nir.sampleType)")
        withExtendedLifetime((green, nir)) {
            switch green.sampleType {
            case .uint8: ndwi(green: green.view(as: UInt8.self), nir: nir.view(as: UInt8.self), into: dst)
            case .int8: ndwi(green: green.view(as: Int8.self), nir: nir.view(as: Int8.self), into: dst)
            case .uint16: ndwi(green: green.view(as: UInt16.self), nir: nir.view(as: UInt16.self), into: dst)
            case .int16: ndwi(green: green.view(as: Int16.self), nir: nir.view(as: Int16.self), into: dst)
            case .uint32: ndwi(green: green.view(as: UInt32.self), nir: nir.view(as: UInt32.self), into: dst)
            case .int32: ndwi(green: green.view(as: Int32.self), nir: nir.view(as: Int32.self), into: dst)
            case .float32: ndwi(green: green.view(as: Float.self), nir: nir.view(as: Float.self), into: dst)
            case .float64: ndwi(green: green.view(as: Double.self), nir: nir.view(as: Double.self), into: dst)
            }
        }
    }

    /// Scalar reference of ``ndwi(green:nir:into:)``.
    public static func ndwiScalar<T: RasterSample>(green: PlaneView<T>, nir: PlaneView<T>, into dst: PlaneView<Float>) {
        for y in 0..<dst.height {
            let g = green.row(y), n = nir.row(y), d = dst.row(y)
            for x in 0..<dst.width {
                let a = g[x].floatValue, b = n[x].floatValue
                let den = a + b
                d[x] = den == 0 ? 0 : (a - b) / den
            }
        }
    }

    @inline(__always)
    static func run<T: FloatWidening>(_ green: PlaneView<T>, _ nir: PlaneView<T>, _ dst: PlaneView<Float>) {
        let w = dst.width
        let zero = SIMD8<Float>(repeating: 0), one = SIMD8<Float>(repeating: 1)
        for y in 0..<dst.height {
            let g = UnsafePointer(green.base + y * green.stride), n = UnsafePointer(nir.base + y * nir.stride)
            let d = dst.base + y * dst.stride
            var x = 0
            while x + 8 <= w {
                let a = T.widen8(g + x), b = T.widen8(n + x)
                let den = a + b
                let isZero = den .== zero
                // Divide by 1 where the denominator is 0, then select 0 there.
                let q = (a - b) / den.replacing(with: one, where: isZero)
                SIMDRow.store8(q.replacing(with: zero, where: isZero), d + x)
                x += 8
            }
            while x < w {
                let a = g[x].floatValue, b = n[x].floatValue
                let den = a + b
                d[x] = den == 0 ? 0 : (a - b) / den
                x += 1
            }
        }
    }
}
