import Raster

extension PlaneView {
    /// The same memory seen as samples of type `U` (which must have `T`'s layout).
    @inlinable @inline(__always)
    func rebound<U: RasterSample>(to: U.Type) -> PlaneView<U> {
        PlaneView<U>(base: UnsafeMutableRawPointer(base).assumingMemoryBound(to: U.self),
                     width: width, height: height, stride: stride)
    }
}
