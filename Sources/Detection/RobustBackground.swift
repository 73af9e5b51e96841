import Raster

/// A robust local sea level and spread: on a coarse grid of nodes, the median and
/// 1.4826·MAD of a strided sample of valid pixels around each node; bilinear in between.
///
/// It decides which pixels may serve as CFAR background (``background(_:valid:k:minSigma:into:)``):
/// those within k spreads of the level. Unlike a first box-mean CFAR pass, whose mean and σ an
/// object larger than the guard box inflates (a 300 m hull or a raft at 1–5 m: σ up to 40×
/// the sea's, so the object censors nothing, not even itself), median and MAD ignore anything
/// covering less than half of a node's sample square.
///
/// **Window independence.** Nodes lie at absolute pixel indices that are multiples of
/// `spacing` and samples at absolute indices that are multiples of `stride` (absolute =
/// window index + origin), so a pixel's result depends only on the pixels within
/// `spacing + radius` of it, never on where the window starts.
public struct RobustBackground: Sendable {
    public let spacing: Int
    public let radius: Int
    public let stride: Int
    public let minSamples: Int
    /// Window pixel of node (0, 0), and the node counts.
    let firstCol: Int, firstRow: Int
    let cols: Int, rows: Int
    /// Per node (row-major): median and 1.4826·MAD; NaN with fewer than `minSamples` samples.
    public private(set) var level: [Float]
    public private(set) var spread: [Float]

    /// - Parameters:
    ///   - values: the band, NaN where invalid; `valid`: pixels that may be sampled.
    ///   - originCol, originRow: absolute (reference-grid) index of the window's pixel (0, 0).
    ///   - spacing: node spacing, pixels (≥ 1); radius: half side of a node's sample square;
    ///     stride: sample step (≥ 1).
    ///   - quickselect: medians by quickselect (``medianQuickselect(_:)``, the reference) instead
    ///     of rank counting (``median(_:)``); the results are the same, bit for bit.
    public init(values: PlaneView<Float>, valid: PlaneView<UInt8>, originCol: Int, originRow: Int,
                spacing: Int, radius: Int, stride: Int, minSamples: Int = 32, quickselect: Bool = false) {
        precondition(spacing >= 1 && radius >= 0 && stride >= 1, "RobustBackground: bad geometry")
        precondition(valid.width == values.width && valid.height == values.height, "RobustBackground: mask size")
        self.spacing = spacing
        self.radius = radius
        self.stride = stride
        self.minSamples = max(1, minSamples)
        let w = values.width, h = values.height
        // Node indices covering window pixels 0..<w (absolute originCol ..< originCol + w).
        let i0 = Self.floorDiv(originCol, spacing), i1 = Self.floorDiv(originCol + max(0, w - 1), spacing) + 1
        let j0 = Self.floorDiv(originRow, spacing), j1 = Self.floorDiv(originRow + max(0, h - 1), spacing) + 1
        firstCol = i0 * spacing - originCol
        firstRow = j0 * spacing - originRow
        cols = i1 - i0 + 1
        rows = j1 - j0 + 1
        level = [Float](repeating: .nan, count: cols * rows)
        spread = level
        // One sample buffer for every node, with room for the 8-lane padding of `kthSmallest`.
        let side = 2 * radius / stride + 2
        let buf = UnsafeMutablePointer<Float>.allocate(capacity: side * side + 8)
        defer { buf.deallocate() }
        for j in 0..<rows {
            let ny = firstRow + j * spacing
            // First sampled row ≥ ny − radius whose absolute index is a multiple of stride.
            let ya = Self.ceilMultiple(max(0, ny - radius) + originRow, stride) - originRow
            let yEnd = min(h - 1, ny + radius)
            var guessLevel = Float.nan, guessMAD = Float.nan
            for i in 0..<cols {
                let nx = firstCol + i * spacing
                let xa = Self.ceilMultiple(max(0, nx - radius) + originCol, stride) - originCol
                let xEnd = min(w - 1, nx + radius)
                var n = 0
                var y = ya
                while y <= yEnd {
                    let vr = values.base + y * values.stride, mr = valid.base + y * valid.stride
                    var x = xa
                    while x <= xEnd {
                        // Written always, kept (n advanced) only when valid and finite.
                        let f = vr[x]
                        buf[n] = f
                        n &+= mr[x] != 0 && f.isFinite ? 1 : 0
                        x += stride
                    }
                    y += stride
                }
                guard n >= self.minSamples else { continue }
                if quickselect {
                    let m = Self.medianQuickselect(Array(UnsafeBufferPointer(start: buf, count: n)))
                    for k in 0..<n { buf[k] = abs(buf[k] - m) }
                    level[j * cols + i] = m
                    spread[j * cols + i] = 1.4826 * Self.medianQuickselect(Array(UnsafeBufferPointer(start: buf, count: n)))
                    continue
                }
                // The previous node's median and MAD as first guesses: neighbours share most samples.
                let m = Self.median(buf, count: n, guess: guessLevel)
                for k in 0..<n { buf[k] = abs(buf[k] - m) }
                let mad = Self.median(buf, count: n, guess: guessMAD)
                level[j * cols + i] = m
                spread[j * cols + i] = 1.4826 * mad
                guessLevel = m; guessMAD = mad
            }
        }
    }

    /// Level and spread of the node at window pixel (x, y), nil when no node lies there.
    public func node(col x: Int, row y: Int) -> (level: Float, spread: Float)? {
        let dx = x - firstCol, dy = y - firstRow
        guard dx >= 0, dy >= 0, dx % spacing == 0, dy % spacing == 0 else { return nil }
        let i = dx / spacing, j = dy / spacing
        guard i < cols, j < rows else { return nil }
        return (level[j * cols + i], spread[j * cols + i])
    }

    /// Bilinear level and spread at window pixel (x, y), over the nodes that have them
    /// (weights renormalized); nil when none of the four surrounding nodes has one.
    /// The per-pixel reference of ``background(_:valid:k:minSigma:into:)``.
    public func at(col x: Int, row y: Int) -> (level: Float, spread: Float)? {
        let dx = x - firstCol, dy = y - firstRow
        let i = dx / spacing, j = dy / spacing
        let fx = Float(dx - i * spacing) / Float(spacing), fy = Float(dy - j * spacing) / Float(spacing)
        var sl: Float = 0, ss: Float = 0, sw: Float = 0
        for (di, wx) in [(0, 1 - fx), (1, fx)] {
            var nl: Float = 0, ns: Float = 0, nw: Float = 0
            for (dj, wy) in [(0, 1 - fy), (1, fy)] {
                let k = (j + dj) * cols + (i + di)
                guard wy > 0, level[k].isFinite else { continue }
                nl += wy * level[k]; ns += wy * spread[k]; nw += wy
            }
            guard wx > 0 else { continue }
            sl += wx * nl; ss += wx * ns; sw += wx * nw
        }
        guard sw > 0 else { return nil }
        return (sl / sw, ss / sw)
    }

    /// `dst` = 1 where a pixel may serve as background: `valid`, finite, and within
    /// `k · max(spread, minSigma)` of the level (pixels without a level: kept); else 0.
    ///
    /// Eight pixels at a time within each node interval (the last vector of an interval overlaps
    /// the one before it; intervals under 8 pixels go pixel by pixel). Lane for lane the same
    /// arithmetic as ``backgroundScalar(_:valid:k:minSigma:into:)``, so the same bytes: where
    /// the scalar code skips a zero-weight term, the vector adds 0·(finite), which changes at
    /// most the sign of a zero and no comparison.
    public func background(_ values: PlaneView<Float>, valid: PlaneView<UInt8>, k: Float, minSigma: Float,
                           into dst: PlaneView<UInt8>) {
        precondition(dst.width == values.width && dst.height == values.height, "RobustBackground: output size")
        precondition(valid.width == values.width && valid.height == values.height, "RobustBackground: mask size")
        // Per row: each node column interpolated in y (weighted sums and weight), then in x.
        let nodes = UnsafeMutablePointer<Float>.allocate(capacity: 3 * cols)
        let fp = UnsafeMutablePointer<Float>.allocate(capacity: spacing)
        defer { fp.deallocate(); nodes.deallocate() }
        let nl = nodes, ns = nodes + cols, nw = nodes + 2 * cols
        for i in 0..<spacing { fp[i] = Float(i) / Float(spacing) }
        let table = SIMDRow.maskTable  // hoisted: a lazy global's access check per use otherwise
        let k8 = SIMD8<Float>(repeating: k), minSigma8 = SIMD8<Float>(repeating: minSigma)
        let zero = SIMD8<Float>(repeating: 0), one = SIMD8<Float>(repeating: 1)
        level.withUnsafeBufferPointer { levelBuf in spread.withUnsafeBufferPointer { spreadBuf in
        let level = levelBuf.baseAddress!, spread = spreadBuf.baseAddress!
        for y in 0..<values.height {
            let dy = y - firstRow
            let j = dy / spacing
            let fy = fp[dy - j * spacing]
            for i in 0..<cols {
                var l: Float = 0, s: Float = 0, w: Float = 0
                let k0 = j * cols + i
                if 1 - fy > 0, level[k0].isFinite { l += (1 - fy) * level[k0]; s += (1 - fy) * spread[k0]; w += 1 - fy }
                if fy > 0, j + 1 < rows, level[k0 + cols].isFinite {
                    l += fy * level[k0 + cols]; s += fy * spread[k0 + cols]; w += fy
                }
                nl[i] = l; ns[i] = s; nw[i] = w
            }
            let vr = values.base + y * values.stride, mr = UnsafePointer(valid.base + y * valid.stride)
            let dr = dst.base + y * dst.stride
            // Node interval by node interval: no division per pixel.
            for i in 0..<(cols - 1) {
                let nodeX = firstCol + i * spacing
                let x0 = max(0, nodeX), x1 = min(values.width, nodeX + spacing)
                guard x0 < x1 else { continue }
                let l0 = nl[i], s0 = ns[i], w0 = nw[i], l1 = nl[i + 1], s1 = ns[i + 1], w1 = nw[i + 1]
                if x1 - x0 >= 8 {
                    let l08 = SIMD8(repeating: l0), s08 = SIMD8(repeating: s0), w08 = SIMD8(repeating: w0)
                    let l18 = SIMD8(repeating: l1), s18 = SIMD8(repeating: s1), w18 = SIMD8(repeating: w1)
                    var x = x0
                    while true {
                        let xs = min(x, x1 - 8)
                        let f = SIMDRow.load8(vr + xs)
                        let fx = SIMDRow.load8(fp + (xs - nodeX))
                        let gx = one - fx
                        let sl = gx * l08 + fx * l18, ss = gx * s08 + fx * s18, sw = gx * w08 + fx * w18
                        let m8 = table[SIMDRow.maskIndex(UnsafeRawPointer(mr + xs).loadUnaligned(as: UInt64.self))]
                        let ok = (m8 .!= zero) .& ((f - f) .== zero)
                        let dev = f * sw - sl
                        let absDev = dev.replacing(with: -dev, where: dev .< zero)
                        let m = minSigma8 * sw
                        let thr = k8 * ss.replacing(with: m, where: m .>= ss)
                        let keep = ok .& (.!(sw .> zero) .| .!(absDev .>= thr))
                        SIMDRow.storeMask8(keep, dr + xs)
                        if xs == x1 - 8 { break }
                        x += 8
                    }
                    continue
                }
                for x in x0..<x1 {
                    let f = vr[x]
                    guard mr[x] != 0, f.isFinite else { dr[x] = 0; continue }
                    let fx = fp[x - nodeX]
                    var sl: Float = 0, ss: Float = 0, sw: Float = 0
                    if 1 - fx > 0 { sl += (1 - fx) * l0; ss += (1 - fx) * s0; sw += (1 - fx) * w0 }
                    if fx > 0 { sl += fx * l1; ss += fx * s1; sw += fx * w1 }
                    guard sw > 0 else { dr[x] = 1; continue }
                    dr[x] = abs(f * sw - sl) >= k * max(ss, minSigma * sw) ? 0 : 1
                }
            }
        }
        } }
    }

    /// Scalar reference of ``background(_:valid:k:minSigma:into:)`` (the same bytes).
    public func backgroundScalar(_ values: PlaneView<Float>, valid: PlaneView<UInt8>, k: Float, minSigma: Float,
                           into dst: PlaneView<UInt8>) {
        precondition(dst.width == values.width && dst.height == values.height, "RobustBackground: output size")
        precondition(valid.width == values.width && valid.height == values.height, "RobustBackground: mask size")
        // Per row: each node column interpolated in y (weighted sums and weight), then in x.
        var nl = [Float](repeating: 0, count: cols), ns = nl, nw = nl
        let fracs = (0..<spacing).map { Float($0) / Float(spacing) }
        for y in 0..<values.height {
            let dy = y - firstRow
            let j = dy / spacing
            let fy = fracs[dy - j * spacing]
            for i in 0..<cols {
                var l: Float = 0, s: Float = 0, w: Float = 0
                let k0 = j * cols + i
                if 1 - fy > 0, level[k0].isFinite { l += (1 - fy) * level[k0]; s += (1 - fy) * spread[k0]; w += 1 - fy }
                if fy > 0, j + 1 < rows, level[k0 + cols].isFinite {
                    l += fy * level[k0 + cols]; s += fy * spread[k0 + cols]; w += fy
                }
                nl[i] = l; ns[i] = s; nw[i] = w
            }
            let vr = values.row(y), mr = valid.row(y), dr = dst.row(y)
            // Node interval by node interval: no division per pixel.
            for i in 0..<(cols - 1) {
                let nodeX = firstCol + i * spacing
                let x0 = max(0, nodeX), x1 = min(values.width, nodeX + spacing)
                guard x0 < x1 else { continue }
                let l0 = nl[i], s0 = ns[i], w0 = nw[i], l1 = nl[i + 1], s1 = ns[i + 1], w1 = nw[i + 1]
                for x in x0..<x1 {
                    let f = vr[x]
                    guard mr[x] != 0, f.isFinite else { dr[x] = 0; continue }
                    let fx = fracs[x - nodeX]
                    var sl: Float = 0, ss: Float = 0, sw: Float = 0
                    if 1 - fx > 0 { sl += (1 - fx) * l0; ss += (1 - fx) * s0; sw += (1 - fx) * w0 }
                    if fx > 0 { sl += fx * l1; ss += fx * s1; sw += fx * w1 }
                    guard sw > 0 else { dr[x] = 1; continue }
                    // |f − sl/sw| ≥ k·max(ss/sw, minSigma), multiplied through by sw > 0.
                    dr[x] = abs(f * sw - sl) >= k * max(ss, minSigma * sw) ? 0 : 1
                }
            }
        }
    }

    /// The median of `values` (finite, or +∞): the middle value, or the mean of the two middle
    /// values for an even count. Exactly the value of the sort-based definition (and of
    /// ``medianQuickselect(_:)``): order statistics are values of the input, not estimates.
    /// `guess`: any value, a first bracket bound (a neighbour's median); it changes the work, not the result.
    public static func median(_ values: [Float], guess: Float = .nan) -> Float {
        precondition(!values.isEmpty)
        let buf = UnsafeMutablePointer<Float>.allocate(capacity: values.count + 8)
        defer { buf.deallocate() }
        for (i, v) in values.enumerated() { buf[i] = v }
        return median(buf, count: values.count, guess: guess)
    }

    /// ``median(_:)`` of `a[0..<count]` (left unchanged); `a` must have room for
    /// `count` rounded up to a multiple of 8 (the lanes past `count` are overwritten with +∞).
    @inline(__always)
    static func median(_ a: UnsafeMutablePointer<Float>, count n: Int, guess: Float = .nan) -> Float {
        let k = (n - 1) / 2
        let n8 = (n + 7) & ~7
        for i in n..<n8 { a[i] = .infinity }
        let v = kthSmallest(a, count: n, k, guess: guess)
        if n % 2 == 1 { return v }
        // The next order statistic: v again when it occurs more than once from rank k on,
        // else the smallest value above v.
        var atMost = 0
        var above = Float.infinity
        for i in 0..<n {
            let x = a[i]
            atMost &+= x <= v ? 1 : 0
            above = x > v && x < above ? x : above
        }
        return (v + (atMost >= k + 2 ? v : above)) / 2
    }

    /// The `k`-th smallest (0-based) of `a[0..<count]`, which must hold no NaN and be padded
    /// with +∞ up to a multiple of 8. Nothing is reordered.
    ///
    /// Rank counting with a shrinking bracket: a candidate's ranks (how many values are
    /// below it, and at most it) are counted 8 lanes at a time; a candidate of rank above k
    /// becomes the upper bound, one below k the lower bound, and values outside the bracket are
    /// skipped without counting. Candidates come in sample order, so about 2·ln(n) of them are
    /// counted (≈ 10 for the 121 samples of a node), fewer when values repeat (quantized DN).
    /// Branch-free inner loop: on 121 samples 2–6× faster than the quickselect it replaced
    /// (``medianQuickselect(_:)``, kept as the reference), with the same result.
    ///
    /// A finite `guess` (e.g. the neighbouring node's answer) is counted first: it narrows the
    /// bracket to one side of itself, or is the answer (only when a value equals it).
    @inline(__always)
    static func kthSmallest(_ a: UnsafeMutablePointer<Float>, count n: Int, _ k: Int, guess: Float = .nan) -> Float {
        let n8 = (n + 7) & ~7
        var lo = -Float.infinity, hi = Float.infinity
        let kk = Int32(k)
        let zero = SIMD8<Int32>(repeating: 0), one = SIMD8<Int32>(repeating: 1)
        /// (values below c, values at most c).
        @inline(__always) func ranks(_ c: Float) -> (Int32, Int32) {
            let v = SIMD8<Float>(repeating: c)
            var below = zero, atMost = zero
            var j = 0
            while j < n8 {
                let w = UnsafeRawPointer(a + j).loadUnaligned(as: SIMD8<Float>.self)
                below &+= zero.replacing(with: one, where: w .< v)
                atMost &+= zero.replacing(with: one, where: w .<= v)
                j += 8
            }
            return (below.wrappedSum(), atMost.wrappedSum())
        }
        if guess.isFinite {
            let (b, e) = ranks(guess)
            // b ≤ k < e means values equal the guess and one of them is the answer.
            if b > kk { hi = guess } else if e <= kk { lo = guess } else { return guess }
        }
        for i in 0..<n {
            let c = a[i]
            guard c > lo && c < hi else { continue }
            let (b, e) = ranks(c)
            if b > kk { hi = c } else if e <= kk { lo = c } else { return c }
        }
        // Only a +∞ answer is never a finite candidate (values outside (lo, hi) are skipped).
        return .infinity
    }

    /// Reference for ``median(_:)``: quickselect (median-of-three pivot, Hoare partition),
    /// the algorithm the background used before the rank-counting selection.
    public static func medianQuickselect(_ values: [Float]) -> Float {
        var a = values
        let n = a.count
        precondition(n > 0)
        let k = (n - 1) / 2
        a.withUnsafeMutableBufferPointer { select($0, k) }
        if n % 2 == 1 { return a[k] }
        var next = a[k + 1]
        for v in a[(k + 1)...] where v < next { next = v }
        return (a[k] + next) / 2
    }

    /// Quickselect: afterwards `a[k]` is the k-th smallest, with smaller-or-equal values
    /// before it and greater-or-equal after (median-of-three pivot, deterministic).
    static func select(_ a: UnsafeMutableBufferPointer<Float>, _ k: Int) {
        var lo = 0, hi = a.count - 1
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    /// Smallest multiple of `m` ≥ `a`.
    static func ceilMultiple(_ a: Int, _ m: Int) -> Int { floorDiv(a + m - 1, m) * m }
}
