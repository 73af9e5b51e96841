import Raster
import Testing
@testable import GeoTIFF

@Suite struct SampleCodecTests {
    @Test(arguments: [1, 2, 3, 4, 5, 7, 10, 12, 14, 17, 31])
    func bitFieldsRoundTrip(bits: Int) {
        var rng = SplitMix64(seed: UInt64(bits))
        let values = (0..<37).map { _ in UInt32.random(in: 0...UInt32((1 << UInt64(bits)) - 1), using: &rng) }
        // Pack MSB-first, as TIFF stores sub-byte and odd-width samples.
        var bytes = [UInt8](repeating: 0, count: (values.count * bits + 7) / 8 + 8)
        var bit = 0
        for v in values {
            for i in (0..<bits).reversed() {
                if (v >> UInt32(i)) & 1 == 1 { bytes[bit >> 3] |= 0x80 >> UInt8(bit & 7) }
                bit += 1
            }
        }
        bytes.withUnsafeBufferPointer { p in
            for (i, v) in values.enumerated() { #expect(SampleCodec.bitField(p.baseAddress!, bit: i * bits, width: bits) == v) }
        }
    }

    @Test func float24MatchesFloat32() {
        // 1.0: exponent 63, mantissa 0. -2.5: sign, exponent 64, mantissa 0x4000.
        #expect(SampleCodec.float24(0x3F_0000) == 1.0)
        #expect(SampleCodec.float24(0xC0_4000) == -2.5)
        #expect(SampleCodec.float24(0) == 0)
        #expect(SampleCodec.float24(0x7F_0000) == .infinity)
        #expect(SampleCodec.float24(0x7F_0001).isNaN)
    }

    @Test func decodesStridedSamples() {
        let row: [UInt16] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        var out = [UInt16](repeating: 0, count: 3)
        row.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                SampleCodec.bytes(2).decode(row: src.baseAddress!, first: 1, stride: 3, count: 3, into: dst.baseAddress!)
            }
        }
        #expect(out == [2, 5, 8])
    }
}
