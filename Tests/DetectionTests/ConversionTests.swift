import Detection
import Raster
import Testing

@Suite struct ConversionTests {
    @Test(arguments: TestPlanes.widths)
    func uint16ToFloatMatchesScalar(width: Int) {
        var keep: [PlaneBuffer] = []
        let src = TestPlanes.window(UInt16.self, width: width, height: 5, keepAlive: &keep)
        let mask = TestPlanes.window(UInt8.self, width: width, height: 5, keepAlive: &keep)
        let a = TestPlanes.window(Float.self, width: width, height: 5, keepAlive: &keep)
        let b = TestPlanes.window(Float.self, width: width, height: 5, keepAlive: &keep)
        TestPlanes.randomUInt16(src, seed: UInt64(width))
        TestPlanes.randomMask(mask, seed: 7, density: 0.7)
        for m in [nil, mask] {
            Conversion.toFloat(src, gain: 1e-4, offset: -0.1, mask: m, fill: .nan, into: a)
            Conversion.toFloatScalar(src, gain: 1e-4, offset: -0.1, mask: m, fill: .nan, into: b)
            #expect(TestPlanes.sameFloats(a, b))
        }
        #expect(a[0, 0].isNaN == (mask[0, 0] == 0))
    }

    @Test(arguments: [SampleType.uint8, .int8, .int16, .uint32, .int32, .float32, .float64], [7, 17, 65])
    func everyTypeMatchesScalar(type: SampleType, width: Int) {
        let buf = PlaneBuffer(width: width + 5, height: 4, sampleType: type)
        var r = SplitMix64(seed: 3)
        for y in 0..<4 {
            let p = buf.rowPointer(y)
            for i in 0..<buf.rowBytes { p.storeBytes(of: UInt8.random(in: 0...255, using: &r), toByteOffset: i, as: UInt8.self) }
        }
        let out1 = PlaneBuffer(width: width, height: 4, sampleType: .float32)
        let out2 = PlaneBuffer(width: width, height: 4, sampleType: .float32)
        func run<T: RasterSample>(_: T.Type) {
            let v = buf.view(as: T.self).window(Window(col: 5, row: 0, width: width, height: 4))
            Conversion.toFloat(v, gain: 2, offset: 1, into: out1.view(as: Float.self))
            Conversion.toFloatScalar(v, gain: 2, offset: 1, into: out2.view(as: Float.self))
        }
        switch type {
        case .uint8: run(UInt8.self)
        case .int8: run(Int8.self)
        case .uint16: run(UInt16.self)
        case .int16: run(Int16.self)
        case .uint32: run(UInt32.self)
        case .int32: run(Int32.self)
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        }
        #expect(TestPlanes.sameFloats(out1.view(as: Float.self), out2.view(as: Float.self)))
    }

    @Test(arguments: TestPlanes.widths)
    func applyMaskAndValidMaskMatchScalar(width: Int) {
        var keep: [PlaneBuffer] = []
        let v1 = TestPlanes.window(Float.self, width: width, height: 4, keepAlive: &keep)
        let v2 = TestPlanes.window(Float.self, width: width, height: 4, keepAlive: &keep)
        let mask = TestPlanes.window(UInt8.self, width: width, height: 4, keepAlive: &keep)
        TestPlanes.randomFloat(v1, seed: 1)
        TestPlanes.fill(v2) { x, y in v1[x, y] }
        TestPlanes.randomMask(mask, seed: 2, density: 0.5)
        Conversion.applyMask(v1, mask: mask, fill: -1)
        Conversion.applyMaskScalar(v2, mask: mask, fill: -1)
        #expect(TestPlanes.equal(v1, v2))

        let u = TestPlanes.window(UInt16.self, width: width, height: 4, keepAlive: &keep)
        TestPlanes.randomUInt16(u, seed: 9, range: 0...3)
        let m1 = TestPlanes.window(UInt8.self, width: width, height: 4, keepAlive: &keep)
        let m2 = TestPlanes.window(UInt8.self, width: width, height: 4, keepAlive: &keep)
        Conversion.validMask(u, nodata: 0, into: m1)
        Conversion.validMaskScalar(u, nodata: 0, into: m2)
        #expect(TestPlanes.equal(m1, m2))
        // Float with NaN / inf.
        v1[0, 0] = .nan
        v1[width - 1, 3] = .infinity
        Conversion.validMask(v1, nodata: -1, into: m1)
        Conversion.validMaskScalar(v1, nodata: -1, into: m2)
        #expect(TestPlanes.equal(m1, m2))
        #expect(m1[0, 0] == 0 && m1[width - 1, 3] == 0)
    }

    @Test func float32NodataComparesInFloat32() {
        var keep: [PlaneBuffer] = []
        let v = TestPlanes.plane(Float.self, width: 9, height: 1, keepAlive: &keep)
        TestPlanes.fill(v) { x, _ in x % 3 == 0 ? 0.1 : Float(x) }
        let m1 = TestPlanes.plane(UInt8.self, width: 9, height: 1, keepAlive: &keep)
        let m2 = TestPlanes.plane(UInt8.self, width: 9, height: 1, keepAlive: &keep)
        Conversion.validMask(v, nodata: 0.1, into: m1)
        Conversion.validMaskScalar(v, nodata: 0.1, into: m2)
        #expect((0..<9).map { m1[$0, 0] } == [0, 1, 1, 0, 1, 1, 0, 1, 1])
        #expect(TestPlanes.equal(m1, m2))
        // A uint16 plane never matches a fractional or out-of-range nodata.
        let u = TestPlanes.plane(UInt16.self, width: 9, height: 1, keepAlive: &keep)
        TestPlanes.fill(u) { x, _ in UInt16(x) }
        Conversion.validMask(u, nodata: 2.5, into: m1)
        #expect((0..<9).allSatisfy { m1[$0, 0] == 1 })
        Conversion.validMask(u, nodata: 2, into: m1)
        #expect(m1[2, 0] == 0 && m1[3, 0] == 1)
    }

    @Test(arguments: TestPlanes.widths)
    func rowConversionMatchesScalar(width: Int) {
        var r = SplitMix64(seed: UInt64(width))
        let src = (0..<width + 1).map { _ in Int16.random(in: .min ... .max, using: &r) }
        var a = [Float](repeating: 0, count: width), b = a
        src.withUnsafeBufferPointer { s in
            // Start one sample in: an unaligned row.
            let row = UnsafeBufferPointer(rebasing: s[1...])
            a.withUnsafeMutableBufferPointer { Conversion.toFloat(row: row, gain: 0.5, offset: 3, into: $0) }
        }
        for i in 0..<width { b[i] = 0.5 * Float(src[i + 1]) + 3 }
        #expect(a == b)
    }
}
