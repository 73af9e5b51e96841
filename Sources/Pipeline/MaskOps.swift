import Raster

/// Small per-pixel mask combinations the pipeline needs between kernels (0 = false,
/// nonzero = true; results are 0/1). Plain loops over rows: the compiler vectorizes them.
enum MaskOps {
    /// `dst = a ∧ ¬b`.
    static func andNot(_ a: PlaneView<UInt8>, _ b: PlaneView<UInt8>, into dst: PlaneView<UInt8>) {
        for y in 0..<dst.height {
            let ra = a.row(y), rb = b.row(y), rd = dst.row(y)
            for x in 0..<dst.width { rd[x] = (ra[x] != 0 && rb[x] == 0) ? 1 : 0 }
        }
    }

    /// `dst = a ∧ b`.
    static func and(_ a: PlaneView<UInt8>, _ b: PlaneView<UInt8>, into dst: PlaneView<UInt8>) {
        for y in 0..<dst.height {
            let ra = a.row(y), rb = b.row(y), rd = dst.row(y)
            for x in 0..<dst.width { rd[x] = (ra[x] != 0 && rb[x] != 0) ? 1 : 0 }
        }
    }

    /// `dst = a ∨ b`.
    static func or(_ a: PlaneView<UInt8>, _ b: PlaneView<UInt8>, into dst: PlaneView<UInt8>) {
        for y in 0..<dst.height {
            let ra = a.row(y), rb = b.row(y), rd = dst.row(y)
            for x in 0..<dst.width { rd[x] = (ra[x] != 0 || rb[x] != 0) ? 1 : 0 }
        }
    }

    static func clear(_ m: PlaneView<UInt8>) {
        for y in 0..<m.height { m.row(y).update(repeating: 0) }
    }
}
