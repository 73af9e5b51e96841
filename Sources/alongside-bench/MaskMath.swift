import Raster

/// The two element-wise mask steps of the pipeline's censored CFAR that are internal to
/// Pipeline (`MaskOps`), re-stated here so the bench can run the CFAR stage on its own.
enum MaskMath {
    /// `out = a ∧ ¬b` (0/1), row by row.
    static func andNot(_ a: PlaneView<UInt8>, _ b: PlaneView<UInt8>, into out: PlaneView<UInt8>) {
        for y in 0..<a.height {
            let ra = a.row(y), rb = b.row(y), ro = out.row(y)
            for x in 0..<a.width { ro[x] = (ra[x] != 0 && rb[x] == 0) ? 1 : 0 }
        }
    }

    /// z = (x − μ)/max(σ, floor) where `where` is set and μ, σ are finite, else 0.
    static func standardize(_ x: PlaneView<Float>, mean: PlaneView<Float>, sigma: PlaneView<Float>, floor: Float,
                            where mask: PlaneView<UInt8>, into z: PlaneView<Float>) {
        for y in 0..<x.height {
            let rx = x.row(y), rm = mean.row(y), rs = sigma.row(y), rw = mask.row(y), rz = z.row(y)
            for i in 0..<x.width {
                let v = (rx[i] - rm[i]) / max(rs[i], floor)
                rz[i] = rw[i] != 0 && v.isFinite ? v : 0
            }
        }
    }
}
