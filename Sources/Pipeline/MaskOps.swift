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

    /// z = (v − μ) / max(σ, floor) where `where` is set and μ, σ are finite; 0 elsewhere.
    static func standardize(_ v: PlaneView<Float>, mean: PlaneView<Float>, sigma: PlaneView<Float>, floor: Float,
                            where m: PlaneView<UInt8>, into z: PlaneView<Float>) {
        for y in 0..<z.height {
            let rv = v.row(y), rm = mean.row(y), rs = sigma.row(y), ok = m.row(y), rz = z.row(y)
            for x in 0..<z.width {
                let mu = rm[x], sd = rs[x], f = rv[x]
                rz[x] = (ok[x] != 0 && mu.isFinite && sd.isFinite && f.isFinite) ? (f - mu) / max(sd, floor) : 0
            }
        }
    }
}
