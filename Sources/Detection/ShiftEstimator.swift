import Raster

/// Resampling-free estimate of the translation between two co-gridded planes within ±R px.
///
/// For every integer offset (dx, dy) in [−R, R]², the normalized cross-correlation (NCC)
/// between `after(x, y)` and `before(x + dx, y + dy)` is computed over the same set of
/// `after` pixels (the plane minus an R-pixel margin, where `valid` is nonzero and both
/// samples are finite). The best offset is refined to sub-pixel precision by a least-squares
/// 2-D quadratic over the 3 × 3 neighbourhood of the peak (its stationary point, when the
/// fit is a maximum within 1 px); otherwise by a parabola through the peak and its two
/// neighbours, separately in x and y (clamped to ±0.5 px, skipped on the search square's edge).
/// The 2-D fit keeps the cross term: a correlation ridge along an oblique edge (coastline)
/// does not pull the estimate sideways the way two 1-D parabolas do.
///
/// ``consensus(_:maxShift:minScore:minSamples:)`` combines the surfaces of many windows:
/// each window with a clear interior peak votes with its whole surface, and the peak of the
/// mean surface wins (a window whose only structure is one straight edge, or a moving
/// vessel, cannot decide alone).
///
/// ``Feature/gradients`` (default) correlates gradient magnitudes
/// |∂x| + |∂y| (central differences) instead of the samples: it follows coastlines, hulls
/// and wakes and ignores smooth radiometric differences (haze, sun angle) between
/// captures; NCC itself is already invariant to gain and offset.
///
/// Cost: (2R+1)² passes of 6 multiply-adds per pixel in `SIMD8<Float>` (sums per row,
/// Double across rows); for R = 3 on a 1024² window ≈ 50 M pixel-offsets. Estimate on a
/// subsampled or cropped window when the plane is large.
public enum ShiftEstimator {
    public enum Feature: Sendable, Hashable {
        case values
        case gradients
    }

    public static func estimate(before: PlaneView<Float>, after: PlaneView<Float>, maxShift: Int,
                                feature: Feature = .gradients, valid: PlaneView<UInt8>? = nil) -> ShiftEstimate? {
        let c = correlation(before: before, after: after, maxShift: maxShift, feature: feature, valid: valid)
        return peak(c.ncc, counts: c.counts, maxShift: maxShift, windows: 1)
    }

    /// The NCC surface of `feature` for every offset (index (dy + R)·(2R+1) + (dx + R); NaN where
    /// undefined) and the number of pixels behind each value.
    public static func correlation(before: PlaneView<Float>, after: PlaneView<Float>, maxShift: Int,
                                   feature: Feature = .gradients, valid: PlaneView<UInt8>? = nil)
        -> (ncc: [Double], counts: [Int]) {
        precondition(before.width == after.width && before.height == after.height, "ShiftEstimator: size mismatch")
        precondition(maxShift >= 0, "ShiftEstimator: negative search radius")
        switch feature {
        case .values:
            return correlate(before, after, maxShift, valid)
        case .gradients:
            let gb = PlaneBuffer(width: before.width, height: before.height, sampleType: .float32)
            let ga = PlaneBuffer(width: after.width, height: after.height, sampleType: .float32)
            return gb.withView(Float.self) { b in
                ga.withView(Float.self) { a in
                    gradientMagnitude(before, into: b)
                    gradientMagnitude(after, into: a)
                    return correlate(b, a, maxShift, valid)
                }
            }
        }
    }

    /// One estimate from the correlation surfaces of many windows (same `maxShift`). A window
    /// votes when its surface is finite everywhere and its own peak is at least `minScore`,
    /// backed by at least `minSamples` pixels and inside the search square (a peak on the edge
    /// may belong to a larger shift, or to content that moved). The votes are averaged; then
    /// the voters that disagree with the mean surface's integer peak (their NCC there is below
    /// `agreement` × their own peak: content that moved, a repeated pattern) are dropped and
    /// the rest averaged again, so an outlier cannot bias the sub-pixel position. A window with
    /// one straight edge keeps its vote: its NCC is high all along the edge. The final mean
    /// surface's peak is refined as in ``estimate(before:after:maxShift:feature:valid:)``;
    /// `score` is the mean NCC there, `samples` the pixels behind it, `windows` the voters.
    /// Nil when no window votes.
    public static func consensus(_ surfaces: [(ncc: [Double], counts: [Int])], maxShift r: Int, minScore: Double,
                                 minSamples: Int, agreement: Double = 0.5) -> ShiftEstimate? {
        let side = 2 * r + 1
        var voters: [(ncc: [Double], counts: [Int], peak: Double)] = []
        for s in surfaces where s.ncc.count == side * side && s.counts.count == side * side {
            guard s.ncc.allSatisfy(\.isFinite), let e = peak(s.ncc, counts: s.counts, maxShift: r, windows: 1),
                  !e.isAtSearchEdge || r == 0, e.score >= minScore, e.samples >= minSamples else { continue }
            voters.append((s.ncc, s.counts, e.score))
        }
        func mean(_ vs: [(ncc: [Double], counts: [Int], peak: Double)]) -> ShiftEstimate? {
            var sum = [Double](repeating: 0, count: side * side), counts = [Int](repeating: 0, count: side * side)
            for v in vs { for i in sum.indices { sum[i] += v.ncc[i]; counts[i] += v.counts[i] } }
            for i in sum.indices { sum[i] /= Double(vs.count) }
            return peak(sum, counts: counts, maxShift: r, windows: vs.count)
        }
        guard !voters.isEmpty, let first = mean(voters) else { return nil }
        let (px, py) = (Int(first.dx.rounded()), Int(first.dy.rounded()))
        guard abs(px) <= r, abs(py) <= r else { return first }
        let agreeing = voters.filter { $0.ncc[(py + r) * side + px + r] >= agreement * $0.peak }
        return agreeing.isEmpty || agreeing.count == voters.count ? first : mean(agreeing)
    }

    /// The peak of one surface, refined (see the type's description).
    static func peak(_ surface: [Double], counts: [Int], maxShift r: Int, windows: Int) -> ShiftEstimate? {
        let side = 2 * r + 1
        var best = -1
        for i in 0..<surface.count where surface[i].isFinite && (best < 0 || surface[i] > surface[best]) { best = i }
        guard best >= 0 else { return nil }
        let ix = best % side - r, iy = best / side - r
        func at(_ dx: Int, _ dy: Int) -> Double { surface[(dy + r) * side + dx + r] }
        func refine(_ m: Double, _ c: Double, _ p: Double) -> Double {
            let den = m - 2 * c + p
            guard m.isFinite, p.isFinite, den < 0 else { return 0 }
            return min(0.5, max(-0.5, 0.5 * (m - p) / den))
        }
        let edge = abs(ix) == r || abs(iy) == r
        let c = surface[best]
        var fx = abs(ix) < r ? refine(at(ix - 1, iy), c, at(ix + 1, iy)) : 0
        var fy = abs(iy) < r ? refine(at(ix, iy - 1), c, at(ix, iy + 1)) : 0
        if !edge {
            var f = [Double](repeating: 0, count: 9)
            for j in -1...1 { for i in -1...1 { f[(j + 1) * 3 + i + 1] = at(ix + i, iy + j) } }
            if let o = quadraticPeak(f), abs(o.x) <= 1, abs(o.y) <= 1 { (fx, fy) = o }
        }
        let dx = Double(ix) + fx, dy = Double(iy) + fy
        return ShiftEstimate(dx: dx, dy: dy, integerDX: Int(dx.rounded()), integerDY: Int(dy.rounded()), score: c,
                             samples: counts[best], isAtSearchEdge: edge && r > 0, windows: windows)
    }

    /// Stationary point (x, y) of the least-squares quadratic
    /// a + b·x + c·y + d·x² + e·xy + f·y² through 3 × 3 values `v` (row-major, x and y in
    /// −1…1, centre at index 4), when that quadratic has a maximum; nil otherwise or when any
    /// value is not finite.
    public static func quadraticPeak(_ v: [Double]) -> (x: Double, y: Double)? {
        precondition(v.count == 9, "quadraticPeak: 3 × 3 values")
        guard v.allSatisfy(\.isFinite) else { return nil }
        func f(_ i: Int, _ j: Int) -> Double { v[(j + 1) * 3 + i + 1] }
        var col = [0.0, 0.0, 0.0], row = [0.0, 0.0, 0.0]
        for j in -1...1 { for i in -1...1 { col[i + 1] += f(i, j) / 3; row[j + 1] += f(i, j) / 3 } }
        let b = (col[2] - col[0]) / 2, c = (row[2] - row[0]) / 2
        let d = (col[0] + col[2] - 2 * col[1]) / 2, e2 = (row[0] + row[2] - 2 * row[1]) / 2
        let e = (f(1, 1) - f(-1, 1) - f(1, -1) + f(-1, -1)) / 4
        // Gradient b + 2d·x + e·y = 0, c + e·x + 2f·y = 0; a maximum needs a negative definite Hessian.
        let det = 4 * d * e2 - e * e
        guard d < 0, det > 0 else { return nil }
        return (x: (-2 * e2 * b + e * c) / det, y: (-2 * d * c + e * b) / det)
    }

    /// NCC for every offset; index (dy + R)·(2R+1) + (dx + R). NaN where undefined
    /// (fewer than 2 pixels or a constant plane).
    public static func correlationSurface(before: PlaneView<Float>, after: PlaneView<Float>, maxShift: Int,
                                          valid: PlaneView<UInt8>? = nil) -> [Double] {
        correlate(before, after, maxShift, valid).0
    }

    /// Scalar reference of ``correlationSurface(before:after:maxShift:valid:)``.
    public static func correlationSurfaceScalar(before: PlaneView<Float>, after: PlaneView<Float>, maxShift r: Int,
                                                valid: PlaneView<UInt8>? = nil) -> [Double] {
        var out: [Double] = []
        let w = after.width, h = after.height
        for dy in -r...r {
            for dx in -r...r {
                var n = 0.0, sa = 0.0, sb = 0.0, saa = 0.0, sbb = 0.0, sab = 0.0
                if w > 2 * r && h > 2 * r {
                    for y in r..<(h - r) {
                        for x in r..<(w - r) {
                            if let valid, valid[x, y] == 0 { continue }
                            let a = Double(after[x, y]), b = Double(before[x + dx, y + dy])
                            guard a.isFinite && b.isFinite else { continue }
                            n += 1; sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b
                        }
                    }
                }
                out.append(ncc(n, sa, sb, saa, sbb, sab))
            }
        }
        return out
    }

    /// |∂x| + |∂y| with central differences; 0 on the outermost pixels; NaN propagates.
    public static func gradientMagnitude(_ src: PlaneView<Float>, into dst: PlaneView<Float>) {
        precondition(src.width == dst.width && src.height == dst.height, "gradientMagnitude: size mismatch")
        let w = src.width, h = src.height
        for y in 0..<h {
            let d = dst.base + y * dst.stride
            guard y > 0 && y < h - 1 && w > 2 else { d.update(repeating: 0, count: w); continue }
            let up = src.base + (y - 1) * src.stride, mid = src.base + y * src.stride, dn = src.base + (y + 1) * src.stride
            d[0] = 0; d[w - 1] = 0
            var x = 1
            while x + 8 <= w - 1 {
                let gx = SIMDRow.load8(mid + x + 1) - SIMDRow.load8(mid + x - 1)
                let gy = SIMDRow.load8(dn + x) - SIMDRow.load8(up + x)
                SIMDRow.store8(abs8(gx) + abs8(gy), d + x)
                x += 8
            }
            while x < w - 1 { d[x] = abs(mid[x + 1] - mid[x - 1]) + abs(dn[x] - up[x]); x += 1 }
        }
    }

    @inline(__always)
    static func abs8(_ v: SIMD8<Float>) -> SIMD8<Float> {
        v.replacing(with: -v, where: v .< 0)
    }

    static func ncc(_ n: Double, _ sa: Double, _ sb: Double, _ saa: Double, _ sbb: Double, _ sab: Double) -> Double {
        guard n >= 2 else { return .nan }
        let va = saa - sa * sa / n, vb = sbb - sb * sb / n
        guard va > 0 && vb > 0 else { return .nan }
        return (sab - sa * sb / n) / (va * vb).squareRoot()
    }

    static func mean(_ p: PlaneView<Float>, _ valid: PlaneView<UInt8>?) -> Double {
        var s = 0.0, n = 0.0
        for y in 0..<p.height {
            let r = p.row(y), m = valid?.row(y)
            for x in 0..<p.width where r[x].isFinite && (m == nil || m![x] != 0) { s += Double(r[x]); n += 1 }
        }
        return n > 0 ? s / n : 0
    }

    /// The NCC surface by ``correlateRowwise(_:_:_:_:)``'s arithmetic, for tests: the
    /// reference of the internal fast path (same bits).
    public static func correlationRowwiseReference(before: PlaneView<Float>, after: PlaneView<Float>, maxShift: Int,
                                                   valid: PlaneView<UInt8>? = nil) -> (ncc: [Double], counts: [Int]) {
        correlateRowwise(before, after, maxShift, valid)
    }

    /// ``correlateRowwise(_:_:_:_:)`` with the work that does not depend on the offset done
    /// once: the after side, centred and zeroed where it is not finite or not valid, and its
    /// per-row lane sums (count, Σa, Σa²) are computed once per window. Where the before row
    /// (centred) is finite throughout, the "ok" of every pixel is the after side's alone, so
    /// each offset only accumulates Σb, Σb², Σab; other rows take the row-wise path. Every
    /// lane sees the same Float operations in the same order as in the row-wise code, so the
    /// surface is the same bit for bit (tested).
    static func correlate(_ before: PlaneView<Float>, _ after: PlaneView<Float>, _ r: Int,
                          _ valid: PlaneView<UInt8>?) -> ([Double], [Int]) {
        if let valid { precondition(valid.width == after.width && valid.height == after.height, "ShiftEstimator: mask size") }
        let w = after.width, h = after.height
        let x0 = r, x1 = w - r, y0 = r, y1 = h - r
        guard x1 - x0 >= 8 && y1 > y0 else { return correlateRowwise(before, after, r, valid) }
        let zero = SIMD8<Float>(repeating: 0)
        let ma = Float(mean(after, valid)), mb = Float(mean(before, nil))
        let vma = SIMD8<Float>(repeating: ma), vmb = SIMD8<Float>(repeating: mb)
        let body = (x1 - x0) & ~7, rows = y1 - y0
        // After side: zeroed centred samples and "ok" lane masks (all ones / zero) per vector.
        let paZ = UnsafeMutablePointer<Float>.allocate(capacity: rows * body)
        let okA = UnsafeMutablePointer<UInt32>.allocate(capacity: rows * body)
        var rowN = [Float](repeating: 0, count: rows), rowA = rowN, rowAA = rowN
        defer { paZ.deallocate(); okA.deallocate() }
        for yi in 0..<rows {
            let y = y0 + yi
            let a = after.base + y * after.stride
            let m = valid.map { UnsafePointer($0.base + y * $0.stride) }
            var vn = zero, va = zero, vaa = zero
            var i = yi * body
            var x = x0
            while x + 8 <= x1 {
                var pa = SIMDRow.load8(a + x) - vma
                var ok = (pa - pa) .== zero
                if let m { ok = ok .& (SIMDRow.maskFloat8(m + x) .!= zero) }
                pa = zero.replacing(with: pa, where: ok)
                vn += zero.replacing(with: 1, where: ok)
                va += pa; vaa += pa * pa
                SIMDRow.store8(pa, paZ + i)
                let bits = SIMD8<UInt32>(repeating: 0).replacing(with: .max, where: ok)
                UnsafeMutableRawPointer(okA + i).storeBytes(of: bits, as: SIMD8<UInt32>.self)
                x += 8; i += 8
            }
            rowN[yi] = vn.sum(); rowA[yi] = va.sum(); rowAA[yi] = vaa.sum()
        }
        // Before rows whose centred samples are all finite (the fast path's condition).
        var finiteRow = [Bool](repeating: false, count: h)
        for y in 0..<h {
            let b = before.base + y * before.stride
            var all = true
            for x in 0..<w where !(b[x] - mb).isFinite { all = false; break }
            finiteRow[y] = all
        }
        var surface: [Double] = [], counts: [Int] = []
        for dy in -r...r {
            for dx in -r...r {
                var n = 0.0, sa = 0.0, sb = 0.0, saa = 0.0, sbb = 0.0, sab = 0.0
                for yi in 0..<rows {
                    let y = y0 + yi
                    let a = after.base + y * after.stride, b = before.base + (y + dy) * before.stride + dx
                    let m = valid.map { UnsafePointer($0.base + y * $0.stride) }
                    var x = x0
                    if finiteRow[y + dy] {
                        var vb = zero, vbb = zero, vab = zero
                        var i = yi * body
                        while x + 8 <= x1 {
                            let pa = SIMDRow.load8(paZ + i)
                            let raw = SIMDRow.load8(b + x) - vmb
                            let bits = UnsafeRawPointer(okA + i).loadUnaligned(as: SIMD8<UInt32>.self)
                            let pb = unsafeBitCast(unsafeBitCast(raw, to: SIMD8<UInt32>.self) & bits, to: SIMD8<Float>.self)
                            vb += pb; vbb += pb * pb; vab += pa * pb
                            x += 8; i += 8
                        }
                        n += Double(rowN[yi]); sa += Double(rowA[yi]); sb += Double(vb.sum())
                        saa += Double(rowAA[yi]); sbb += Double(vbb.sum()); sab += Double(vab.sum())
                    } else {
                        var vn = zero, va = zero, vb = zero, vaa = zero, vbb = zero, vab = zero
                        while x + 8 <= x1 {
                            var pa = SIMDRow.load8(a + x) - vma, pb = SIMDRow.load8(b + x) - vmb
                            var ok = ((pa - pa) .== zero) .& ((pb - pb) .== zero)
                            if let m { ok = ok .& (SIMDRow.maskFloat8(m + x) .!= zero) }
                            pa = zero.replacing(with: pa, where: ok)
                            pb = zero.replacing(with: pb, where: ok)
                            vn += zero.replacing(with: 1, where: ok)
                            va += pa; vb += pb; vaa += pa * pa; vbb += pb * pb; vab += pa * pb
                            x += 8
                        }
                        n += Double(vn.sum()); sa += Double(va.sum()); sb += Double(vb.sum())
                        saa += Double(vaa.sum()); sbb += Double(vbb.sum()); sab += Double(vab.sum())
                    }
                    while x < x1 {
                        let pa = Double(a[x] - ma), pb = Double(b[x] - mb)
                        if pa.isFinite && pb.isFinite && (m == nil || m![x] != 0) {
                            n += 1; sa += pa; sb += pb; saa += pa * pa; sbb += pb * pb; sab += pa * pb
                        }
                        x += 1
                    }
                }
                surface.append(ncc(n, sa, sb, saa, sbb, sab))
                counts.append(Int(n))
            }
        }
        return (surface, counts)
    }

    /// The correlation surface row by row, every offset redoing the after side (the
    /// implementation until 2026-11-26; the reference of ``correlate(_:_:_:_:)``).
    static func correlateRowwise(_ before: PlaneView<Float>, _ after: PlaneView<Float>, _ r: Int,
                                 _ valid: PlaneView<UInt8>?) -> ([Double], [Int]) {
        if let valid { precondition(valid.width == after.width && valid.height == after.height, "ShiftEstimator: mask size") }
        let w = after.width, h = after.height
        var surface: [Double] = []
        var counts: [Int] = []
        let x0 = r, x1 = w - r, y0 = r, y1 = h - r
        let zero = SIMD8<Float>(repeating: 0)
        // Centre both planes on their means so the Float per-row sums do not cancel
        // (NCC is invariant to the shift).
        let ma = Float(mean(after, valid)), mb = Float(mean(before, nil))
        let vma = SIMD8<Float>(repeating: ma), vmb = SIMD8<Float>(repeating: mb)
        for dy in -r...r {
            for dx in -r...r {
                var n = 0.0, sa = 0.0, sb = 0.0, saa = 0.0, sbb = 0.0, sab = 0.0
                if x1 > x0 && y1 > y0 {
                    for y in y0..<y1 {
                        let a = after.base + y * after.stride, b = before.base + (y + dy) * before.stride + dx
                        let m = valid.map { UnsafePointer($0.base + y * $0.stride) }
                        var vn = zero, va = zero, vb = zero, vaa = zero, vbb = zero, vab = zero
                        var x = x0
                        while x + 8 <= x1 {
                            var pa = SIMDRow.load8(a + x) - vma, pb = SIMDRow.load8(b + x) - vmb
                            // Finite in both (x − x is NaN for NaN and ±inf) and valid.
                            var ok = ((pa - pa) .== zero) .& ((pb - pb) .== zero)
                            if let m { ok = ok .& (SIMDRow.maskFloat8(m + x) .!= zero) }
                            pa = zero.replacing(with: pa, where: ok)
                            pb = zero.replacing(with: pb, where: ok)
                            vn += zero.replacing(with: 1, where: ok)
                            va += pa; vb += pb; vaa += pa * pa; vbb += pb * pb; vab += pa * pb
                            x += 8
                        }
                        n += Double(vn.sum()); sa += Double(va.sum()); sb += Double(vb.sum())
                        saa += Double(vaa.sum()); sbb += Double(vbb.sum()); sab += Double(vab.sum())
                        while x < x1 {
                            let pa = Double(a[x] - ma), pb = Double(b[x] - mb)
                            if pa.isFinite && pb.isFinite && (m == nil || m![x] != 0) {
                                n += 1; sa += pa; sb += pb; saa += pa * pa; sbb += pb * pb; sab += pa * pb
                            }
                            x += 1
                        }
                    }
                }
                surface.append(ncc(n, sa, sb, saa, sbb, sab))
                counts.append(Int(n))
            }
        }
        return (surface, counts)
    }
}
