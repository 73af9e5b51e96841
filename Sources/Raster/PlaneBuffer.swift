/// One band of samples in memory: rows start on 64-byte boundaries and the row stride
/// is a multiple of 64 bytes, so every row can be streamed with aligned SIMD loads.
///
/// The buffer owns its memory (zero-filled on creation). Typed access goes through
/// ``view(as:)`` / ``withView(_:_:)``, which check the sample type once instead of per
/// pixel. A `PlaneBuffer` is a reference type so windows of one read can share it;
/// concurrent writers must write disjoint rows.
public final class PlaneBuffer: @unchecked Sendable {
    public static let alignment = 64

    public let width: Int
    public let height: Int
    public let sampleType: SampleType
    /// Bytes from the start of one row to the next; a multiple of 64.
    public let rowBytes: Int
    public let base: UnsafeMutableRawPointer

    /// Bytes the buffer occupies.
    public var byteCount: Int { rowBytes * height }

    /// Row stride in samples.
    public var stride: Int { rowBytes / sampleType.byteCount }

    public init(width: Int, height: Int, sampleType: SampleType) {
        precondition(width >= 0 && height >= 0, "negative plane size")
        self.width = width
        self.height = height
        self.sampleType = sampleType
        let raw = max(1, width) * sampleType.byteCount
        self.rowBytes = (raw + Self.alignment - 1) / Self.alignment * Self.alignment
        let total = max(Self.alignment, rowBytes * max(1, height))
        base = UnsafeMutableRawPointer.allocate(byteCount: total, alignment: Self.alignment)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: total)
    }

    deinit { base.deallocate() }

    /// Start of row `y`.
    @inlinable @inline(__always)
    public func rowPointer(_ y: Int) -> UnsafeMutableRawPointer {
        assert(y >= 0 && y < height)
        return base + y * rowBytes
    }

    /// A typed view of the whole plane. `T` must match ``sampleType``.
    @inlinable
    public func view<T: RasterSample>(as type: T.Type = T.self) -> PlaneView<T> {
        precondition(T.sampleType == sampleType, "PlaneBuffer holds \(sampleType), not \(T.sampleType)")
        return PlaneView(base: base.assumingMemoryBound(to: T.self), width: width, height: height,
                         stride: rowBytes / MemoryLayout<T>.stride)
    }

    @inlinable
    public func withView<T: RasterSample, R>(_ type: T.Type, _ body: (PlaneView<T>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(view(as: type)) }
    }

    /// Fills every sample (also the row padding) with `value`.
    public func fill<T: RasterSample>(_ value: T) {
        let v = view(as: T.self)
        for y in 0..<height { v.row(y).update(repeating: value) }
    }

    /// Sample at (`x`, `y`) as a Double, whatever the sample type (slow path; tests and metadata).
    public func value(x: Int, y: Int) -> Double {
        precondition(x >= 0 && x < width && y >= 0 && y < height)
        let p = rowPointer(y)
        switch sampleType {
        case .uint8: return Double(p.load(fromByteOffset: x, as: UInt8.self))
        case .int8: return Double(p.load(fromByteOffset: x, as: Int8.self))
        case .uint16: return Double(p.load(fromByteOffset: 2 * x, as: UInt16.self))
        case .int16: return Double(p.load(fromByteOffset: 2 * x, as: Int16.self))
        case .uint32: return Double(p.load(fromByteOffset: 4 * x, as: UInt32.self))
        case .int32: return Double(p.load(fromByteOffset: 4 * x, as: Int32.self))
        case .float32: return Double(p.load(fromByteOffset: 4 * x, as: Float.self))
        case .float64: return p.load(fromByteOffset: 8 * x, as: Double.self)
        }
    }

    /// A new Float32 plane with the same samples (exact for every integer type up to 2²⁴).
    public func toFloat32() -> PlaneBuffer {
        let out = PlaneBuffer(width: width, height: height, sampleType: .float32)
        convert(into: out)
        return out
    }

    /// Converts every sample into `out` (Float32, same size). Reuses `out`'s memory.
    public func convert(into out: PlaneBuffer) {
        precondition(out.sampleType == .float32 && out.width == width && out.height == height)
        let dst = out.view(as: Float.self)
        func run<T: RasterSample>(_: T.Type) {
            let src = view(as: T.self)
            for y in 0..<height {
                let s = src.row(y), d = dst.row(y)
                for x in 0..<width { d[x] = s[x].floatValue }
            }
        }
        switch sampleType {
        case .uint8: run(UInt8.self)
        case .int8: run(Int8.self)
        case .uint16: run(UInt16.self)
        case .int16: run(Int16.self)
        case .uint32: run(UInt32.self)
        case .int32: run(Int32.self)
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        }
    }

    /// Copies `window` (which must lie inside this plane) into a new plane.
    public func copy(window: Window) -> PlaneBuffer {
        precondition(window.clipped(width: width, height: height) == window, "window outside plane")
        let out = PlaneBuffer(width: window.width, height: window.height, sampleType: sampleType)
        let bpp = sampleType.byteCount
        for y in 0..<window.height {
            (out.rowPointer(y)).copyMemory(from: rowPointer(window.row + y) + window.col * bpp,
                                           byteCount: window.width * bpp)
        }
        return out
    }
}

/// A typed, non-owning view of a rectangle of samples with a row stride (in samples).
/// Valid only while the owning ``PlaneBuffer`` is alive.
public struct PlaneView<T: RasterSample>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>
    public let width: Int
    public let height: Int
    public let stride: Int

    @inlinable
    public init(base: UnsafeMutablePointer<T>, width: Int, height: Int, stride: Int) {
        self.base = base
        self.width = width
        self.height = height
        self.stride = stride
    }

    /// Row `y`, `width` samples long.
    @inlinable @inline(__always)
    public func row(_ y: Int) -> UnsafeMutableBufferPointer<T> {
        assert(y >= 0 && y < height)
        return UnsafeMutableBufferPointer(start: base + y * stride, count: width)
    }

    @inlinable
    public subscript(x: Int, y: Int) -> T {
        @inline(__always) get {
            assert(x >= 0 && x < width && y >= 0 && y < height)
            return base[y * stride + x]
        }
        @inline(__always) nonmutating set {
            assert(x >= 0 && x < width && y >= 0 && y < height)
            base[y * stride + x] = newValue
        }
    }

    /// A view of `window`, which must lie inside this view. No copy.
    @inlinable
    public func window(_ w: Window) -> PlaneView<T> {
        precondition(w.col >= 0 && w.row >= 0 && w.colEnd <= width && w.rowEnd <= height, "window outside view")
        return PlaneView(base: base + w.row * stride + w.col, width: w.width, height: w.height, stride: stride)
    }
}
