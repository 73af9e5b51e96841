import Raster

/// Prefix sums of one row's valid samples (Σ, Σ², count, each `width + 1` Doubles),
/// cached in a small ring so box filters of several radii over the same plane (the
/// CFAR's outer and guard boxes) scan each row once.
///
/// The prefix scan is the only serial loop of the box filters: its three running sums
/// are independent chains, written branch-free so masks do not cost mispredictions.
final class RowPrefixCache {
    let values: PlaneView<Float>
    let mask: PlaneView<UInt8>?
    let offset: Double
    let squares: Bool
    let w: Int
    let capacity: Int
    private let storage: UnsafeMutablePointer<Double>
    private var tags: [Int]

    init(values: PlaneView<Float>, mask: PlaneView<UInt8>?, offset: Float, squares: Bool, capacity: Int) {
        if let mask { precondition(mask.width == values.width && mask.height == values.height, "box filter: mask size") }
        self.values = values
        self.mask = mask
        self.offset = Double(offset)
        self.squares = squares
        w = values.width
        self.capacity = max(1, capacity)
        storage = .allocate(capacity: self.capacity * 3 * (w + 1))
        storage.initialize(repeating: 0, count: self.capacity * 3 * (w + 1))
        tags = [Int](repeating: -1, count: self.capacity)
    }

    deinit { storage.deallocate() }

    /// Prefix sums of plane row `j` (0 ≤ j < height): sum at +0, squares at +(w+1), count at +2(w+1).
    func prefix(_ j: Int) -> UnsafeMutablePointer<Double> {
        let slot = j % capacity
        let p = storage + slot * 3 * (w + 1)
        if tags[slot] == j { return p }
        tags[slot] = j
        let v = values.base + j * values.stride
        let ps = p, pq = p + (w + 1), pn = p + 2 * (w + 1)
        var s = 0.0, q = 0.0, n = 0.0
        ps[0] = 0; pq[0] = 0; pn[0] = 0
        let off = offset
        if let mask {
            let m = mask.base + j * mask.stride
            if squares {
                for x in 0..<w {
                    let f = v[x]
                    let ok = m[x] != 0 && f.isFinite
                    let d = ok ? Double(f) - off : 0
                    s += d; q += d * d; n += ok ? 1 : 0
                    ps[x + 1] = s; pq[x + 1] = q; pn[x + 1] = n
                }
            } else {
                for x in 0..<w {
                    let f = v[x]
                    let ok = m[x] != 0 && f.isFinite
                    s += ok ? Double(f) - off : 0; n += ok ? 1 : 0
                    ps[x + 1] = s; pn[x + 1] = n
                }
            }
        } else {
            if squares {
                for x in 0..<w {
                    let f = v[x]
                    let ok = f.isFinite
                    let d = ok ? Double(f) - off : 0
                    s += d; q += d * d; n += ok ? 1 : 0
                    ps[x + 1] = s; pq[x + 1] = q; pn[x + 1] = n
                }
            } else {
                for x in 0..<w {
                    let f = v[x]
                    let ok = f.isFinite
                    s += ok ? Double(f) - off : 0; n += ok ? 1 : 0
                    ps[x + 1] = s; pn[x + 1] = n
                }
            }
        }
        return p
    }
}
