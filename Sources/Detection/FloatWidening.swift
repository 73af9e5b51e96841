import Raster

/// A sample type whose 8 consecutive values widen to `SIMD8<Float>` with one vector conversion.
@usableFromInline
protocol FloatWidening: RasterSample, Hashable, Codable {
    static func widen8(_ p: UnsafePointer<Self>) -> SIMD8<Float>
}

extension UInt8: FloatWidening {
    @inlinable @inline(__always)
    static func widen8(_ p: UnsafePointer<UInt8>) -> SIMD8<Float> {
        SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(p).loadUnaligned(as: SIMD8<UInt8>.self)))
    }
}
extension Int8: FloatWidening {
    @inlinable @inline(__always)
    static func widen8(_ p: UnsafePointer<Int8>) -> SIMD8<Float> {
        SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Int8>.self)))
    }
}
extension UInt16: FloatWidening {
    @inlinable @inline(__always)
    static func widen8(_ p: UnsafePointer<UInt16>) -> SIMD8<Float> {
        SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(p).loadUnaligned(as: SIMD8<UInt16>.self)))
    }
}
extension Int16: FloatWidening {
    @inlinable @inline(__always)
    static func widen8(_ p: UnsafePointer<Int16>) -> SIMD8<Float> {
        SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Int16>.self)))
    }
}
extension UInt32: FloatWidening {
    @inlinable @inline(__always)
    static func widen8(_ p: UnsafePointer<UInt32>) -> SIMD8<Float> {
        SIMD8<Float>(UnsafeRawPointer(p).loadUnaligned(as: SIMD8<UInt32>.self))
    }
}
extension Int32: FloatWidening {
    @inlinable @inline(__always)
    static func widen8(_ p: UnsafePointer<Int32>) -> SIMD8<Float> {
        SIMD8<Float>(UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Int32>.self))
    }
}
extension Float: FloatWidening {
    @inlinable @inline(__always)
    static func widen8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
}
extension Double: FloatWidening {
    @inlinable @inline(__always)
    static func widen8(_ p: UnsafePointer<Double>) -> SIMD8<Float> {
        SIMD8<Float>(UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Double>.self))
    }
}
