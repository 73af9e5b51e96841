import Raster

/// The reference of ``BoxAccumulator`` (its implementation until 2026-11-26): the same sums,
/// with the horizontal sums of the 2r+1 rows in the box kept in a ring so the leaving row's
/// can be subtracted. ``BoxAccumulator`` recomputes them from the row prefix cache instead
/// (same operations, so the same bits: tested); this one is kept for that test.
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
final class RingBoxAccumulator: BoxSums {
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
        let cache = RowPrefixCache(values: values, mask: mask, offset: offset, squares: squares, capacity: 2, pairs: false)
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

    /// Makes ring slot `s` hold the horizontal box sums of virtual row `j` (which may lie
    /// outside the plane) and adds them to the accumulators, first subtracting what the slot
    /// held (`replace`). One fused pass per channel: the new sums are formed from the row's
    /// prefix sums, written to the slot and added to the accumulator in the same loop.
    private func enter(_ j: Int, slot s: UnsafeMutablePointer<Double>, replace: Bool) {
        let channels = squares ? [0, 1, 2] : [0, 2]
        if edge == .truncate && (j < 0 || j >= h) {
            for c in channels {
                let sl = s + c * w, a = acc + c * w
                if replace { for x in 0..<w { a[x] -= sl[x] } }
                sl.update(repeating: 0, count: w)
            }
            return
        }
        let p = cache.prefix(min(max(j, 0), h - 1))
        let r = radius
        let lo = min(r, w), hi = max(lo, w - r)
        let replicate = edge == .replicate
        for c in channels {
            let ps = p + c * (w + 1), sl = s + c * w, a = acc + c * w
            // Interior: both box ends inside the row.
            if replace {
                for x in lo..<hi {
                    let nv = ps[x + r + 1] - ps[x - r]
                    a[x] += nv - sl[x]
                    sl[x] = nv
                }
            } else {
                for x in lo..<hi {
                    let nv = ps[x + r + 1] - ps[x - r]
                    a[x] += nv
                    sl[x] = nv
                }
            }
            // Edges: the box is cut (truncate) or padded with the edge sample (replicate).
            let first = ps[1], last = ps[w] - ps[w - 1]
            func edgeSum(_ x: Int) {
                var nv = ps[min(x + r + 1, w)] - ps[max(x - r, 0)]
                if replicate { nv += Double(max(0, r - x)) * first + Double(max(0, x + r - (w - 1))) * last }
                a[x] += replace ? nv - sl[x] : nv
                sl[x] = nv
            }
            for x in 0..<lo { edgeSum(x) }
            for x in hi..<w { edgeSum(x) }
        }
    }

    /// Moves to the next output row; after the call the accumulators hold row ``y``'s box sums.
    func advance() {
        precondition(y + 1 < h, "BoxAccumulator advanced past the last row")
        guard w > 0 else { y += 1; return }
        if y < 0 {
            acc.update(repeating: 0, count: 3 * w)
            for j in -radius...radius { enter(j, slot: slot(j), replace: false) }
            y = 0
            return
        }
        // Row y − r leaves, row y + r + 1 enters; they share a ring slot.
        enter(y + radius + 1, slot: slot(y - radius), replace: true)
        y += 1
    }
}
