import Raster

/// How one decoded sample is laid out in a libtiff block buffer and turned into the
/// ``SampleType`` Alongside exposes. libtiff has already undone compression, predictors,
/// fill order and the file's byte order for 16/24/32/64-bit samples (they arrive in native,
/// little-endian order); narrower or odd widths arrive as a big-endian bit stream.
enum SampleCodec: Equatable, Sendable {
    /// Whole bytes copied as they are (8, 16, 32, 64 bits).
    case bytes(Int)
    /// 24-bit unsigned integer (libtiff does not swab 24-bit samples; GDAL assembles them
    /// most significant byte first on little-endian hosts) → UInt32.
    case uint24(bigEndian: Bool)
    /// IEEE half (16-bit) float → Float32.
    case float16
    /// 24-bit float (1 sign, 7 exponent, 16 mantissa bits, as GDAL reads them) → Float32.
    case float24(bigEndian: Bool)
    /// 64-bit integer → Float64 (exact up to 2⁵³).
    case int64, uint64
    /// `n`-bit unsigned big-endian bit field (1…32, not a whole byte multiple) → UInt8/16/32.
    case bits(Int)

    var bitsPerSample: Int {
        switch self {
        case .bytes(let n): n * 8
        case .uint24, .float24: 24
        case .float16: 16
        case .int64, .uint64: 64
        case .bits(let n): n
        }
    }

    /// Copies `count` samples, the first at sample index `first` of the row at `src`, taking
    /// every `stride`-th sample, into `dst` (typed as the band's ``SampleType``).
    func decode(row src: UnsafeRawPointer, first: Int, stride: Int, count: Int, into dst: UnsafeMutableRawPointer) {
        switch self {
        case .bytes(1):
            let s = src.assumingMemoryBound(to: UInt8.self), d = dst.assumingMemoryBound(to: UInt8.self)
            if stride == 1 { d.update(from: s + first, count: count) } else {
                var i = first
                for x in 0..<count { d[x] = s[i]; i += stride }
            }
        case .bytes(let n) where stride == 1:
            dst.copyMemory(from: src + first * n, byteCount: count * n)
        case .bytes(2):
            // Non-generic loops: debug builds do not specialise generics.
            let s = src.assumingMemoryBound(to: UInt16.self), d = dst.assumingMemoryBound(to: UInt16.self)
            var i = first
            for x in 0..<count { d[x] = s[i]; i += stride }
        case .bytes(4):
            let s = src.assumingMemoryBound(to: UInt32.self), d = dst.assumingMemoryBound(to: UInt32.self)
            var i = first
            for x in 0..<count { d[x] = s[i]; i += stride }
        case .bytes(8):
            let s = src.assumingMemoryBound(to: UInt64.self), d = dst.assumingMemoryBound(to: UInt64.self)
            var i = first
            for x in 0..<count { d[x] = s[i]; i += stride }
        case .bytes: break
        case .uint24(let be):
            let s = src.assumingMemoryBound(to: UInt8.self), d = dst.assumingMemoryBound(to: UInt32.self)
            for x in 0..<count { d[x] = Self.load24(s, (first + x * stride) * 3, bigEndian: be) }
        case .float16:
            let s = src.assumingMemoryBound(to: UInt16.self), d = dst.assumingMemoryBound(to: Float.self)
            for x in 0..<count { d[x] = Float(Float16(bitPattern: s[first + x * stride])) }
        case .float24(let be):
            let s = src.assumingMemoryBound(to: UInt8.self), d = dst.assumingMemoryBound(to: Float.self)
            for x in 0..<count { d[x] = Self.float24(Self.load24(s, (first + x * stride) * 3, bigEndian: be)) }
        case .int64:
            let s = src.assumingMemoryBound(to: Int64.self), d = dst.assumingMemoryBound(to: Double.self)
            for x in 0..<count { d[x] = Double(s[first + x * stride]) }
        case .uint64:
            let s = src.assumingMemoryBound(to: UInt64.self), d = dst.assumingMemoryBound(to: Double.self)
            for x in 0..<count { d[x] = Double(s[first + x * stride]) }
        case .bits(let n):
            let s = src.assumingMemoryBound(to: UInt8.self)
            let outBytes = n <= 8 ? 1 : (n <= 16 ? 2 : 4)
            for x in 0..<count {
                let v = Self.bitField(s, bit: (first + x * stride) * n, width: n)
                switch outBytes {
                case 1: dst.storeBytes(of: UInt8(truncatingIfNeeded: v), toByteOffset: x, as: UInt8.self)
                case 2: dst.storeBytes(of: UInt16(truncatingIfNeeded: v), toByteOffset: 2 * x, as: UInt16.self)
                default: dst.storeBytes(of: v, toByteOffset: 4 * x, as: UInt32.self)
                }
            }
        }
    }

    @inline(__always)
    static func load24(_ s: UnsafePointer<UInt8>, _ o: Int, bigEndian: Bool) -> UInt32 {
        bigEndian ? UInt32(s[o]) << 16 | UInt32(s[o + 1]) << 8 | UInt32(s[o + 2])
                  : UInt32(s[o]) | UInt32(s[o + 1]) << 8 | UInt32(s[o + 2]) << 16
    }

    /// The `width`-bit big-endian field starting at bit `bit` of `p`.
    @inline(__always)
    static func bitField(_ p: UnsafePointer<UInt8>, bit: Int, width: Int) -> UInt32 {
        var v: UInt64 = 0
        let firstByte = bit >> 3
        let lastByte = (bit + width - 1) >> 3
        for i in firstByte...lastByte { v = v << 8 | UInt64(p[i]) }
        let trailing = (lastByte + 1) * 8 - (bit + width)
        return UInt32(truncatingIfNeeded: (v >> UInt64(trailing)) & ((1 << UInt64(width)) - 1))
    }

    /// A 24-bit float (sign, 7-bit exponent biased by 63, 16-bit mantissa) as Float32.
    static func float24(_ v: UInt32) -> Float {
        let sign = (v >> 23) & 1
        let exp = (v >> 16) & 0x7f
        let mant = v & 0xffff
        var bits: UInt32
        if exp == 0 {
            if mant == 0 { bits = sign << 31 } else {
                // Subnormal: renormalise.
                var e: Int32 = -62
                var m = mant
                while m & 0x10000 == 0 { m <<= 1; e -= 1 }
                m &= 0xffff
                bits = sign << 31 | UInt32(e + 1 + 127) << 23 | m << 7
            }
        } else if exp == 0x7f {
            bits = sign << 31 | 0xff << 23 | mant << 7
        } else {
            bits = sign << 31 | (exp - 63 + 127) << 23 | mant << 7
        }
        return Float(bitPattern: bits)
    }
}
