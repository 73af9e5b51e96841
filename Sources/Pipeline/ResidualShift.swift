import Raster

/// Estimates the residual shift between two co-gridded windows: the (dx, dy) such that
/// after(col, row) shows what before shows at (col + dx, row + dy).
///
/// Normalized cross-correlation (insensitive to gain and offset changes between the
/// captures) at every whole-pixel shift within ±`maxShift`, refined to a fraction of a
/// pixel by a parabola through the peak and its neighbours along each axis.
enum ResidualShift {
    static func estimate(after: PlaneBuffer, before: PlaneBuffer, validAfter: PlaneBuffer, validBefore: PlaneBuffer,
                         maxShift m: Int) -> (dx: Double, dy: Double) {
        let a = after.view(as: Float.self), b = before.view(as: Float.self)
        let va = validAfter.view(as: UInt8.self), vb = validBefore.view(as: UInt8.self)
        let w = a.width, h = a.height
        guard w > 4 * m, h > 4 * m else { return (0, 0) }
        let n = 2 * m + 1
        var score = [Double](repeating: -2, count: n * n)
        for dy in -m...m {
            for dx in -m...m {
                var sa = 0.0, sb = 0.0, saa = 0.0, sbb = 0.0, sab = 0.0, k = 0.0
                for y in m..<(h - m) {
                    let ra = a.row(y), rb = b.row(y + dy), oka = va.row(y), okb = vb.row(y + dy)
                    for x in m..<(w - m) where oka[x] != 0 && okb[x + dx] != 0 {
                        let p = Double(ra[x]), q = Double(rb[x + dx])
                        sa += p; sb += q; saa += p * p; sbb += q * q; sab += p * q; k += 1
                    }
                }
                guard k > 16 else { continue }
                let cov = sab / k - sa / k * sb / k
                let den = ((saa / k - sa / k * sa / k) * (sbb / k - sb / k * sb / k)).squareRoot()
                score[(dy + m) * n + dx + m] = den > 0 ? cov / den : -2
            }
        }
        guard let best = score.indices.max(by: { score[$0] < score[$1] }), score[best] > -2 else { return (0, 0) }
        let bx = best % n, by = best / n
        func refine(_ l: Double, _ c: Double, _ r: Double) -> Double {
            let d = l - 2 * c + r
            guard d < 0, l > -2, r > -2 else { return 0 }
            return max(-0.5, min(0.5, 0.5 * (l - r) / d))
        }
        let fx = bx > 0 && bx < n - 1 ? refine(score[by * n + bx - 1], score[best], score[by * n + bx + 1]) : 0
        let fy = by > 0 && by < n - 1 ? refine(score[(by - 1) * n + bx], score[best], score[(by + 1) * n + bx]) : 0
        return (Double(bx - m) + fx, Double(by - m) + fy)
    }
}
