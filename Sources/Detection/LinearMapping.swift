import Raster

/// `y = gain · x + offset`: the radiometric mapping of one capture onto another.
public struct LinearMapping: Sendable, Equatable, CustomStringConvertible {
    public var gain: Float
    public var offset: Float

    public init(gain: Float, offset: Float) {
        self.gain = gain
        self.offset = offset
    }

    public static let identity = LinearMapping(gain: 1, offset: 0)

    @inlinable
    public func callAsFunction(_ x: Float) -> Float { gain * x + offset }

    /// `dst = gain · src + offset` (SIMD). `src` and `dst` may be the same view.
    public func apply(_ src: PlaneView<Float>, into dst: PlaneView<Float>) {
        precondition(src.width == dst.width && src.height == dst.height, "LinearMapping.apply: size mismatch")
        let g = SIMD8<Float>(repeating: gain), o = SIMD8<Float>(repeating: offset)
        let w = src.width
        for y in 0..<src.height {
            let s = src.base + y * src.stride, d = dst.base + y * dst.stride
            var x = 0
            while x + 8 <= w { SIMDRow.store8(g * SIMDRow.load8(s + x) + o, d + x); x += 8 }
            while x < w { d[x] = gain * s[x] + offset; x += 1 }
        }
    }

    /// Scalar reference of ``apply(_:into:)``.
    public func applyScalar(_ src: PlaneView<Float>, into dst: PlaneView<Float>) {
        for y in 0..<src.height {
            let s = src.row(y), d = dst.row(y)
            for x in 0..<src.width { d[x] = gain * s[x] + offset }
        }
    }

    public var description: String { "LinearMapping(gain: \(gain), offset: \(offset))" }
}
