import Raster

/// GDAL's 16-bit image checksum (`gdalinfo -checksum`, `GDALChecksumImage` in GDAL 3.6),
/// computed over a whole plane.
///
/// The contract, for pixel `k = row × width + col` (row-major over the plane):
///
///     checksum = Σ_k ( v_k mod P[k mod 11] )  (mod 65536)
///     P = [7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43]
///
/// where `mod` is C's truncating remainder (negative for negative `v_k`) and `v_k` is the
/// sample converted to Int32 the way `GDALRasterIO(..., GDT_Int32)` converts it: integers
/// saturate to `Int32.min…Int32.max`; floating-point samples become `floor(v + 0.5)`
/// clamped to ±2147483647, and NaN/±Inf become `Int32.min`.
///
/// - Parameter signedByteAsUnsigned: GDAL 3.6 exposes signed 8-bit TIFF bands as `Byte`
///   (with `PIXELTYPE=SIGNEDBYTE`), so its checksum sees the raw byte 0…255. Pass `false`
///   for GDAL ≥ 3.7, which reads them as `Int8`.
/// - Returns: 0…65535.
public func gdalChecksum(_ plane: PlaneBuffer, signedByteAsUnsigned: Bool = true) -> Int {
    var c = GDALChecksum(signedByteAsUnsigned: signedByteAsUnsigned)
    c.update(plane)
    return c.value
}

/// ``gdalChecksum(_:signedByteAsUnsigned:)`` over a band read in pieces: feed full-width
/// strips of rows, top to bottom, and read ``value`` at the end (memory flat in raster size).
public struct GDALChecksum: Sendable {
    private static let primes: [Int32] = [7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43]
    private var sum = 0
    /// Index into the primes: continues across rows and strips.
    private var k = 0
    private let signedByteAsUnsigned: Bool

    public init(signedByteAsUnsigned: Bool = true) { self.signedByteAsUnsigned = signedByteAsUnsigned }

    /// 0…65535.
    public var value: Int { sum }

    /// Adds the rows of `strip` (the next rows of the band, full width).
    public mutating func update(_ strip: PlaneBuffer) {
        // Written out per type (no generic closure per pixel) so debug builds stay fast.
        let primes = Self.primes
        var k = self.k
        var sum = self.sum
        let w = strip.width
        for y in 0..<strip.height {
            let raw = UnsafeRawPointer(strip.rowPointer(y))
            var rowSum = 0
            switch strip.sampleType {
            case .uint8:
                let p = raw.assumingMemoryBound(to: UInt8.self)
                for x in 0..<w { rowSum += Int(Int32(p[x]) % primes[k]); k = k == 10 ? 0 : k + 1 }
            case .int8:
                let p = raw.assumingMemoryBound(to: Int8.self)
                if signedByteAsUnsigned {
                    for x in 0..<w { rowSum += Int(Int32(UInt8(bitPattern: p[x])) % primes[k]); k = k == 10 ? 0 : k + 1 }
                } else {
                    for x in 0..<w { rowSum += Int(Int32(p[x]) % primes[k]); k = k == 10 ? 0 : k + 1 }
                }
            case .uint16:
                let p = raw.assumingMemoryBound(to: UInt16.self)
                for x in 0..<w { rowSum += Int(Int32(p[x]) % primes[k]); k = k == 10 ? 0 : k + 1 }
            case .int16:
                let p = raw.assumingMemoryBound(to: Int16.self)
                for x in 0..<w { rowSum += Int(Int32(p[x]) % primes[k]); k = k == 10 ? 0 : k + 1 }
            case .uint32:
                let p = raw.assumingMemoryBound(to: UInt32.self)
                for x in 0..<w { rowSum += Int(Int32(clamping: p[x]) % primes[k]); k = k == 10 ? 0 : k + 1 }
            case .int32:
                let p = raw.assumingMemoryBound(to: Int32.self)
                for x in 0..<w { rowSum += Int(p[x] % primes[k]); k = k == 10 ? 0 : k + 1 }
            case .float32:
                let p = raw.assumingMemoryBound(to: Float.self)
                for x in 0..<w { rowSum += Int(gdalChecksumInt(Double(p[x])) % primes[k]); k = k == 10 ? 0 : k + 1 }
            case .float64:
                let p = raw.assumingMemoryBound(to: Double.self)
                for x in 0..<w { rowSum += Int(gdalChecksumInt(p[x]) % primes[k]); k = k == 10 ? 0 : k + 1 }
            }
            sum = (sum + rowSum) & 0xffff
        }
        self.k = k
        self.sum = sum
    }
}

/// GDAL's float → Int32 step of the checksum: round half up, clamp, NaN/Inf → Int32.min.

func gdalChecksumInt(_ value: Double) -> Int32 {
    guard value.isFinite else { return Int32.min }
    let v = value + 0.5
    if v < -2147483647.0 { return -2147483647 }
    if v > 2147483647.0 { return 2147483647 }
    return Int32(v.rounded(.down))
}
