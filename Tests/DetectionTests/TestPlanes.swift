import Detection
import Raster

/// Generated test planes: random content from a fixed seed, seen through a window whose
/// stride differs from its width and whose first sample is not aligned.
enum TestPlanes {
    static let widths = [1, 3, 7, 15, 17, 63, 65, 127]

    /// A `width`×`height` view into a larger buffer, offset by (3, 2) so rows start unaligned.
    static func window<T: RasterSample>(_ type: T.Type, width: Int, height: Int,
                                        keepAlive: inout [PlaneBuffer]) -> PlaneView<T> {
        let buf = PlaneBuffer(width: width + 7, height: height + 3, sampleType: T.sampleType)
        keepAlive.append(buf)
        return buf.view(as: T.self).window(Window(col: 3, row: 2, width: width, height: height))
    }

    static func plane<T: RasterSample>(_ type: T.Type, width: Int, height: Int, keepAlive: inout [PlaneBuffer]) -> PlaneView<T> {
        let buf = PlaneBuffer(width: width, height: height, sampleType: T.sampleType)
        keepAlive.append(buf)
        return buf.view(as: T.self)
    }

    static func fill<T: RasterSample>(_ v: PlaneView<T>, _ f: (Int, Int) -> T) {
        for y in 0..<v.height { for x in 0..<v.width { v[x, y] = f(x, y) } }
    }

    static func randomUInt16(_ v: PlaneView<UInt16>, seed: UInt64, range: ClosedRange<UInt16> = 0...65535) {
        var r = SplitMix64(seed: seed)
        fill(v) { _, _ in UInt16.random(in: range, using: &r) }
    }

    static func randomFloat(_ v: PlaneView<Float>, seed: UInt64, mean: Float = 0, sigma: Float = 1) {
        var r = SplitMix64(seed: seed)
        fill(v) { _, _ in mean + sigma * Float(r.nextGaussian()) }
    }

    static func randomMask(_ v: PlaneView<UInt8>, seed: UInt64, density: Double) {
        var r = SplitMix64(seed: seed)
        fill(v) { _, _ in r.nextUnit() < density ? UInt8.random(in: 1...255, using: &r) : 0 }
    }

    static func equal<T: RasterSample & Equatable>(_ a: PlaneView<T>, _ b: PlaneView<T>) -> Bool {
        for y in 0..<a.height { for x in 0..<a.width where a[x, y] != b[x, y] { return false } }
        return true
    }

    /// Same value or both NaN.
    static func sameFloats(_ a: PlaneView<Float>, _ b: PlaneView<Float>) -> Bool {
        for y in 0..<a.height {
            for x in 0..<a.width {
                let p = a[x, y], q = b[x, y]
                if !(p == q || (p.isNaN && q.isNaN)) { return false }
            }
        }
        return true
    }

    static func maxRelativeError(_ a: PlaneView<Float>, _ b: PlaneView<Float>, floor: Float = 1) -> Float {
        var e: Float = 0
        for y in 0..<a.height {
            for x in 0..<a.width {
                let p = a[x, y], q = b[x, y]
                if p.isNaN && q.isNaN { continue }
                e = max(e, abs(p - q) / max(floor, abs(q)))
                if p.isNaN != q.isNaN { return .infinity }
            }
        }
        return e
    }
}
