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
    let primes: [Int32] = [7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43]
    var sum = 0
    var k = 0  // index into primes, continuous across rows
    func run<T: RasterSample>(_: T.Type, _ toInt: (T) -> Int32) {
        let v = plane.view(as: T.self)
        for y in 0..<plane.height {
            let row = v.row(y)
            var rowSum = 0
            for x in 0..<row.count {
                rowSum += Int(toInt(row[x]) % primes[k])
                k += 1
                if k == 11 { k = 0 }
            }
            sum = (sum + rowSum) & 0xffff
        }
    }
    switch plane.sampleType {
    case .uint8: run(UInt8.self) { Int32($0) }
    case .int8:
        if signedByteAsUnsigned { run(Int8.self) { Int32(UInt8(bitPattern: $0)) } } else { run(Int8.self) { Int32($0) } }
    case .uint16: run(UInt16.self) { Int32($0) }
    case .int16: run(Int16.self) { Int32($0) }
    case .uint32: run(UInt32.self) { Int32(clamping: $0) }
    case .int32: run(Int32.self) { $0 }
    case .float32: run(Float.self) { gdalChecksumInt(Double($0)) }
    case .float64: run(Double.self) { gdalChecksumInt($0) }
    }
    return sum
}

/// GDAL's float → Int32 step of the checksum: round half up, clamp, NaN/Inf → Int32.min.

func gdalChecksumInt(_ value: Double) -> Int32 {
    guard value.isFinite else { return Int32.min }
    let v = value + 0.5
    if v < -2147483647.0 { return -2147483647 }
    if v > 2147483647.0 { return 2147483647 }
    return Int32(v.rounded(.down))
}
