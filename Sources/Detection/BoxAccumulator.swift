import Raster

/// Streaming (2r+1)×(2r+1) box sums of a Float plane, one output row at a time.
///
/// Separable running sums: a row's horizontal box sums come from its prefix sums (so any
/// radius costs the same), and the vertical sum is kept in an accumulator row that adds
/// the entering row and subtracts the leaving one (a ring of 2r+1 horizontal-sum rows).
/// Everything is Double: a running sum over 10 980 rows of uint16² values stays exact
/// to ~10⁻¹⁶ relative, so there is no drift and no need for compensated Float sums.
///
/// A sample contributes when it is inside the box, its mask byte is nonzero (or there is
/// no mask) and it is finite. With ``BoxFilter/Edge/replicate`` the plane is extended by
/// repeating its edge samples (and their mask); with ``BoxFilter/Edge/truncate`` samples
/// outside the plane simply do not exist, so the count shrinks near the edges.
final class BoxAccumulator {
    let cache: RowPrefixCache
    let radius: Int
    let edge: BoxFilter.Edge
    let squares: Bool
    let w: Int, h: Int
    let ringRows: Int
    /// Ring of horizontal sums: slot k holds 3 rows (sum, squares, count) of w values.
    let ring: UnsafeMutablePointer<Double>
    /// Vertical accumulators: sum, squares, count, each w values.
    let acc: UnsafeMutablePointer<Double>
    /// Output row the accumulators currently hold (−1 before the first ``advance()``).
    private(set) var y = -1

    convenience init(values: PlaneView<Float>, mask: PlaneView<UInt8>?, radius: Int, edge: BoxFilter.Edge, offset: Float, squares: Bool) {
        let cache = RowPrefixCache(values: values, mask: mask, offset: offset, squares: squares, capacity: 2)
        self.init(cache: cache, height: values.height, radius: radius, edge: edge)
    }

    /// An accumulator reading row prefix sums from a shared `cache` (whose capacity must cover
    /// the rows that all its users need at once).
    init(cache: RowPrefixCache, height: Int, radius: Int, edge: BoxFilter.Edge) {
        precondition(radius >= 0, "box radius must be ≥ 0")
        self.cache = cache
        self.radius = radius
        self.edge = edge
        self.squares = cache.squares
        w = cache.w
        h = height
        ringRows = 2 * radius + 1
        ring = .allocate(capacity: max(1, 3 * ringRows * w))
        acc = .allocate(capacity: max(1, 3 * w))
        ring.initialize(repeating: 0, count: max(1, 3 * ringRows * w))
        acc.initialize(repeating: 0, count: max(1, 3 * w))
    }

    deinit {
        ring.deallocate()
        acc.deallocate()
    }

    var sum: UnsafeMutablePointer<Double> { acc }
    var sumSquares: UnsafeMutablePointer<Double> { acc + w }
    var count: UnsafeMutablePointer<Double> { acc + 2 * w }

    @inline(__always)
    private func slot(_ j: Int) -> UnsafeMutablePointer<Double> {
        let k = ((j % ringRows) + ringRows) % ringRows
        return ring + 3 * k * w
    }

    /// Horizontal box sums of virtual row `j` (may lie outside the plane) into `out`.
    private func horizontal(_ j: Int, into out: UnsafeMutablePointer<Double>) {
        let os = out, oq = out + w, on = out + 2 * w
        if edge == .truncate && (j < 0 || j >= h) {
            out.update(repeating: 0, count: 3 * w)
            return
        }
        let p = cache.prefix(min(max(j, 0), h - 1))
        let ps = p, pq = p + (w + 1), pn = p + 2 * (w + 1)
        let r = radius
        // Interior: both box ends inside the row.
        let lo = min(r, w), hi = max(lo, w - r)
        for x in lo..<hi { os[x] = ps[x + r + 1] - ps[x - r] }
        for x in lo..<hi { on[x] = pn[x + r + 1] - pn[x - r] }
        if squares { for x in lo..<hi { oq[x] = pq[x + r + 1] - pq[x - r] } }
        // Edges.
        let first = (ps[1], pq[1], pn[1])
        let last = (ps[w] - ps[w - 1], pq[w] - pq[w - 1], pn[w] - pn[w - 1])
        let replicate = edge == .replicate
        func edgeSum(_ x: Int) {
            let a = max(x - r, 0), b = min(x + r + 1, w)
            var es = ps[b] - ps[a], eq = pq[b] - pq[a], en = pn[b] - pn[a]
            if replicate {
                let left = Double(max(0, r - x)), right = Double(max(0, x + r - (w - 1)))
                es += left * first.0 + right * last.0
                eq += left * first.1 + right * last.1
                en += left * first.2 + right * last.2
            }
            os[x] = es; oq[x] = eq; on[x] = en
        }
        for x in 0..<lo { edgeSum(x) }
        for x in hi..<w { edgeSum(x) }
    }

    /// Moves to the next output row; after the call the accumulators hold row ``y``'s box sums.
    func advance() {
        precondition(y + 1 < h, "BoxAccumulator advanced past the last row")
        guard w > 0 else { y += 1; return }
        if y < 0 {
            acc.update(repeating: 0, count: 3 * w)
            for j in -radius...radius {
                let s = slot(j)
                horizontal(j, into: s)
                add(s, sign: 1)
            }
            y = 0
            return
        }
        // Row y − r leaves, row y + r + 1 enters; they share a ring slot.
        let s = slot(y - radius)
        add(s, sign: -1)
        horizontal(y + radius + 1, into: s)
        add(s, sign: 1)
        y += 1
    }

    @inline(__always)
    private func add(_ rows: UnsafeMutablePointer<Double>, sign: Double) {
        let total = squares ? 3 * w : w
        // sum (and squares) rows are contiguous; count follows at 2w.
        addRows(acc, rows, total, sign)
        if !squares { addRows(acc + 2 * w, rows + 2 * w, w, sign) }
    }

    @inline(__always)
    private func addRows(_ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>, _ n: Int, _ sign: Double) {
        let sv = SIMD8<Double>(repeating: sign)
        var i = 0
        while i + 8 <= n {
            let va = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Double>.self)
            let vb = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(a + i).storeBytes(of: va + sv * vb, as: SIMD8<Double>.self)
            i += 8
        }
        while i < n { a[i] += sign * b[i]; i += 1 }
    }
}
