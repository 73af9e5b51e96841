import Detection
import Foundation
import Raster
import Testing

/// Work to run on a plane viewed as its own sample type (one switch over `SampleType`).
private protocol SampleTypeVisitor {
    mutating func visit<T: RasterSample>(_ type: T.Type)
}

private extension SampleType {
    func accept<V: SampleTypeVisitor>(_ v: inout V) {
        switch self {
        case .uint8: v.visit(UInt8.self)
        case .int8: v.visit(Int8.self)
        case .uint16: v.visit(UInt16.self)
        case .int16: v.visit(Int16.self)
        case .uint32: v.visit(UInt32.self)
        case .int32: v.visit(Int32.self)
        case .float32: v.visit(Float.self)
        case .float64: v.visit(Double.self)
        }
    }
}

/// SIMD kernels whose agreement with their scalar reference was tested for one or two sample
/// types only, or not at all: here every sample type on random bits (NaN, infinities and
/// extremes included) at odd widths against the scalar references, and the shift estimator's
/// gradient magnitude against a brute-force reference written here.
@Suite struct SIMDAgreementTests {
    static let types: [SampleType] = [.uint8, .int8, .uint16, .int16, .uint32, .int32, .float32, .float64]
    static let widths = [1, 7, 9, 17, 31, 65]
    static let height = 5

    /// A plane of `width + 3` × 5 random bytes; tests use its window from column 3 (first
    /// sample unaligned, stride ≠ width). Pixel (3, 1) is all zero bits (0 in every type).
    static func randomBits(_ type: SampleType, width: Int, seed: UInt64) -> PlaneBuffer {
        let buf = PlaneBuffer(width: width + 3, height: height, sampleType: type)
        var r = SplitMix64(seed: seed)
        for y in 0..<buf.height {
            let p = buf.rowPointer(y)
            for i in 0..<buf.rowBytes { p.storeBytes(of: UInt8.random(in: 0...255, using: &r), toByteOffset: i, as: UInt8.self) }
        }
        memset(buf.rowPointer(1) + 3 * type.byteCount, 0, type.byteCount)
        return buf
    }

    static func window<T: RasterSample>(_ buf: PlaneBuffer, as: T.Type, width: Int) -> PlaneView<T> {
        buf.view(as: T.self).window(Window(col: 3, row: 0, width: width, height: height))
    }

    private struct NDWI: SampleTypeVisitor {
        let green: PlaneBuffer, nir: PlaneBuffer, width: Int
        let simd: PlaneView<Float>, scalar: PlaneView<Float>
        mutating func visit<T: RasterSample>(_: T.Type) {
            let g = window(green, as: T.self, width: width), n = window(nir, as: T.self, width: width)
            SpectralIndex.ndwi(green: g, nir: n, into: simd)
            SpectralIndex.ndwiScalar(green: g, nir: n, into: scalar)
        }
    }

    @Test(arguments: types, widths)
    func ndwiMatchesScalarForEveryType(type: SampleType, width: Int) {
        var keep: [PlaneBuffer] = []
        var v = NDWI(green: Self.randomBits(type, width: width, seed: UInt64(width) &* 13 &+ 1),
                     nir: Self.randomBits(type, width: width, seed: UInt64(width) &* 13 &+ 2), width: width,
                     simd: TestPlanes.window(Float.self, width: width, height: Self.height, keepAlive: &keep),
                     scalar: TestPlanes.window(Float.self, width: width, height: Self.height, keepAlive: &keep))
        type.accept(&v)
        #expect(TestPlanes.sameFloats(v.simd, v.scalar))
        #expect(v.simd[0, 1] == 0)  // 0 / 0 is defined as 0
    }

    private struct ValidAndConvert: SampleTypeVisitor {
        let src: PlaneBuffer, width: Int
        let m1: PlaneView<UInt8>, m2: PlaneView<UInt8>, f1: PlaneView<Float>, f2: PlaneView<Float>
        var masksAgree = true, valuesAgree = true, invalid = 0
        mutating func visit<T: RasterSample>(_: T.Type) {
            let v = window(src, as: T.self, width: width)
            // The nodata value at every third pixel of row 2 (and wherever the bits repeat it).
            let nodata = v[0, 2]
            for x in stride(from: 0, to: width, by: 3) { v[x, 2] = nodata }
            for nd in [nodata.doubleValue, nil] as [Double?] {
                Conversion.validMask(v, nodata: nd, into: m1)
                Conversion.validMaskScalar(v, nodata: nd, into: m2)
                masksAgree = masksAgree && TestPlanes.equal(m1, m2)
                Conversion.toFloat(v, gain: 0.5, offset: -3, mask: m1, fill: -9999, into: f1)
                Conversion.toFloatScalar(v, gain: 0.5, offset: -3, mask: m1, fill: -9999, into: f2)
                valuesAgree = valuesAgree && TestPlanes.sameFloats(f1, f2)
                if nd != nil { for x in 0..<width where m1[x, 2] == 0 { invalid += 1 } }
            }
        }
    }

    @Test(arguments: types, widths)
    func validMaskAndMaskedConversionMatchScalarForEveryType(type: SampleType, width: Int) {
        var keep: [PlaneBuffer] = []
        func mask() -> PlaneView<UInt8> { TestPlanes.window(UInt8.self, width: width, height: Self.height, keepAlive: &keep) }
        func float() -> PlaneView<Float> { TestPlanes.window(Float.self, width: width, height: Self.height, keepAlive: &keep) }
        var v = ValidAndConvert(src: Self.randomBits(type, width: width, seed: UInt64(width) &* 17 &+ 5), width: width,
                                m1: mask(), m2: mask(), f1: float(), f2: float())
        type.accept(&v)
        #expect(v.masksAgree)
        #expect(v.valuesAgree)
        // Every planted nodata pixel is invalid (a NaN nodata, possible with float bits, is
        // invalid as NaN: either way the count holds).
        #expect(v.invalid >= (width + 2) / 3)
    }

    /// |∂x| + |∂y| by central differences, 0 on the outermost pixels (and everywhere in
    /// planes of fewer than 3 rows or columns); NaN propagates.
    static func gradientReference(_ src: PlaneView<Float>, _ x: Int, _ y: Int) -> Float {
        let w = src.width, h = src.height
        guard w > 2, h > 2, x > 0, x < w - 1, y > 0, y < h - 1 else { return 0 }
        return abs(src[x + 1, y] - src[x - 1, y]) + abs(src[x, y + 1] - src[x, y - 1])
    }

    @Test(arguments: TestPlanes.widths, [1, 2, 3, 6])
    func gradientMagnitudeMatchesBruteForce(width: Int, height: Int) {
        var keep: [PlaneBuffer] = []
        let v = TestPlanes.window(Float.self, width: width, height: height, keepAlive: &keep)
        let d = TestPlanes.window(Float.self, width: width, height: height, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: UInt64(width * 10 + height), mean: 300, sigma: 40)
        if width > 4 && height > 2 { v[width / 2, 1] = .nan; v[1, height - 1] = -.infinity }
        TestPlanes.fill(d) { _, _ in 12345 }  // stale content must be overwritten
        ShiftEstimator.gradientMagnitude(v, into: d)
        var mismatches = 0, nonzero = 0
        for y in 0..<height {
            for x in 0..<width {
                let p = d[x, y], q = Self.gradientReference(v, x, y)
                if !(p == q || (p.isNaN && q.isNaN)) { mismatches += 1 }
                if q != 0 { nonzero += 1 }
            }
        }
        #expect(mismatches == 0)
        #expect(nonzero == (width > 2 && height > 2 ? (width - 2) * (height - 2) : 0))
    }
}
