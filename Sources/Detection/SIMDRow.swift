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
    ///
    /// Widening `SIMD8<UInt8>` lane by lane is not vectorized by the compiler inside large
    /// kernels, so the 8 bytes are folded into an 8-bit lane set with scalar bit tricks and
    /// looked up in a 256-entry table of `SIMD8<Float>`.
    @inlinable @inline(__always)
    static func maskFloat8(_ p: UnsafePointer<UInt8>) -> SIMD8<Float> {
        maskTable[maskIndex(UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))]
    }

    /// Bit i of the result is set when byte i of `bytes` (little-endian) is nonzero.
    @inlinable @inline(__always)
    static func maskIndex(_ bytes: UInt64) -> Int {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // High bit of each byte set iff the byte is nonzero.
        let hi = ((bytes & low7) &+ low7 | bytes) & 0x8080_8080_8080_8080
        // Gather the 8 high bits into the top byte (byte i → bit i).
        return Int(((hi >> 7) &* 0x8040_2010_0804_0201) >> 56)
    }

    /// `maskTable[maskIndex(b)]` lane i is 1 when byte i of b is nonzero.
    @usableFromInline
    nonisolated(unsafe) static let maskTable: UnsafeMutablePointer<SIMD8<Float>> = {
        let t = UnsafeMutablePointer<SIMD8<Float>>.allocate(capacity: 256)
        for bits in 0..<256 {
            var bytes: UInt64 = 0
            var lanes = SIMD8<Float>(repeating: 0)
            for i in 0..<8 where bits & (1 << i) != 0 {
                bytes |= 1 << (8 * UInt64(i))
                lanes[i] = 1
            }
            t[maskIndex(bytes)] = lanes
        }
        return t
    }()
    /// 0/1 bytes from a Float lane mask.
    @inlinable @inline(__always)
    static func storeMask8(_ m: SIMDMask<SIMD8<Int32>>, _ p: UnsafeMutablePointer<UInt8>) {
        let i = SIMD8<Int32>(repeating: 0).replacing(with: 1, where: m)
        UnsafeMutableRawPointer(p).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: i), as: SIMD8<UInt8>.self)
    }
}

extension SIMDRow {
    /// 1/√v for positive normal `v`, to within a few Float ulp: the bit-pattern initial
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
