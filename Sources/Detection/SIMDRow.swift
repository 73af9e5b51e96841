import Raster

/// Unaligned SIMD loads and stores on typed pointers, and the per-type widening of
/// samples to `SIMD8<Float>` that the conversion kernels share.
///
/// Rows of a ``PlaneBuffer`` are 64-byte aligned but windows of it are not, so every
/// kernel loads unaligned; on x86-64 an unaligned load of aligned data costs the same.
@usableFromInline
enum SIMDRow {
    @inlinable @inline(__always)
    static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
    @inlinable @inline(__always)
    static func load8(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
    @inlinable @inline(__always)
    static func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
    @inlinable @inline(__always)
    static func load16(_ p: UnsafePointer<UInt8>) -> SIMD16<UInt8> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<UInt8>.self)
    }
    @inlinable @inline(__always)
    static func store16(_ v: SIMD16<UInt8>, _ p: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<UInt8>.self)
    }
    /// 8 mask bytes as 0/1 floats (any nonzero byte counts as 1).
    @inlinable @inline(__always)
    static func maskFloat8(_ p: UnsafePointer<UInt8>) -> SIMD8<Float> {
        let b = UnsafeRawPointer(p).loadUnaligned(as: SIMD8<UInt8>.self)
        let i = SIMD8<Int32>(truncatingIfNeeded: b)
        return SIMD8<Float>(repeating: 0).replacing(with: 1, where: i .!= 0)
    }
    /// 0/1 bytes from a Float lane mask.
    @inlinable @inline(__always)
    static func storeMask8(_ m: SIMDMask<SIMD8<Int32>>, _ p: UnsafeMutablePointer<UInt8>) {
        let i = SIMD8<Int32>(repeating: 0).replacing(with: 1, where: m)
        UnsafeMutableRawPointer(p).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: i), as: SIMD8<UInt8>.self)
    }
}

extension SIMDRow {
    /// 1/√v for positive normal `v`, to Float precision (≤ 2 ulp): the bit-pattern initial
    /// guess (Lomont's constant) refined by three Newton steps. Pure multiply-adds, so it
    /// stays in vector registers, unlike `SIMD8.squareRoot()`, which Swift lowers lane by lane.
    @inlinable @inline(__always)
    static func rsqrt8(_ v: SIMD8<Float>) -> SIMD8<Float> {
        let i = unsafeBitCast(v, to: SIMD8<UInt32>.self)
        var y = unsafeBitCast(SIMD8<UInt32>(repeating: 0x5F37_5A86) &- (i &>> 1), to: SIMD8<Float>.self)
        let half = 0.5 * v, threeHalves = SIMD8<Float>(repeating: 1.5)
        y = y * (threeHalves - half * y * y)
        y = y * (threeHalves - half * y * y)
        y = y * (threeHalves - half * y * y)
        return y
    }
}
