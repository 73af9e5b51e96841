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
    /// Whether a miss also scans the next row (``prefix(_:)``); off for the reference paths.
    let pairs: Bool
    private let storage: UnsafeMutablePointer<Double>
    private var tags: [Int]

    init(values: PlaneView<Float>, mask: PlaneView<UInt8>?, offset: Float, squares: Bool, capacity: Int, pairs: Bool = true) {
        if let mask { precondition(mask.width == values.width && mask.height == values.height, "box filter: mask size") }
        self.values = values
        self.mask = mask
        self.offset = Double(offset)
        self.squares = squares
        w = values.width
        self.capacity = max(1, capacity)
        self.pairs = pairs
        storage = .allocate(capacity: self.capacity * 3 * (w + 1))
        storage.initialize(repeating: 0, count: self.capacity * 3 * (w + 1))
        tags = [Int](repeating: -1, count: self.capacity)
    }

    deinit { storage.deallocate() }

    /// Prefix sums of plane row `j` (0 ≤ j < height): sum at +0, squares at +(w+1), count at +2(w+1).
    ///
    /// On a miss, row j + 1 is scanned in the same pass when it is in the plane and not cached
    /// (two rows' independent chains interleaved: the scan is latency-bound), so a caller
    /// walking down the plane scans two rows every other call. Each row's sums are the same
    /// sequential sums as a scan of that row alone (``prefixReference(_:)``; tested bit for bit).
    /// The pointer stays valid until a call that scans a row in its slot.
    func prefix(_ j: Int) -> UnsafeMutablePointer<Double> {
        let slot = j % capacity
        let p = storage + slot * 3 * (w + 1)
        if tags[slot] == j { return p }
        tags[slot] = j
        let next = j + 1, nextSlot = next % capacity
        if pairs && next < values.height && nextSlot != slot && tags[nextSlot] != next {
            tags[nextSlot] = next
            let q = storage + nextSlot * 3 * (w + 1)
            switch (mask != nil, squares) {
            case (true, true): scan2(j, p, q, masked: true, squares: true)
            case (true, false): scan2(j, p, q, masked: true, squares: false)
            case (false, true): scan2(j, p, q, masked: false, squares: true)
            case (false, false): scan2(j, p, q, masked: false, squares: false)
            }
        } else {
            scan(j, into: p)
        }
        return p
    }

    /// Rows `j` (into `p`) and `j + 1` (into `q`) in one pass, each with the same sequential
    /// sums as ``scan(_:into:)``.
    @inline(__always)
    private func scan2(_ j: Int, _ p: UnsafeMutablePointer<Double>, _ q: UnsafeMutablePointer<Double>,
                       masked: Bool, squares: Bool) {
        let v0 = values.base + j * values.stride, v1 = v0 + values.stride
        let m0 = mask.map { UnsafePointer($0.base + j * $0.stride) }, m1 = mask.map { UnsafePointer($0.base + (j + 1) * $0.stride) }
        let wp = w + 1
        let ps0 = p, pq0 = p + wp, pn0 = p + 2 * wp
        let ps1 = q, pq1 = q + wp, pn1 = q + 2 * wp
        var s0 = 0.0, q0 = 0.0, n0 = 0.0, s1 = 0.0, q1 = 0.0, n1 = 0.0
        ps0[0] = 0; pq0[0] = 0; pn0[0] = 0; ps1[0] = 0; pq1[0] = 0; pn1[0] = 0
        let off = offset
        for x in 0..<w {
            let f0 = v0[x], f1 = v1[x]
            // Branch-free (no short-circuit `&&`: random masks mispredict).
            let k0 = (masked ? (m0.unsafelyUnwrapped[x] != 0 ? 1 : 0) : 1) & (f0.isFinite ? 1 : 0)
            let k1 = (masked ? (m1.unsafelyUnwrapped[x] != 0 ? 1 : 0) : 1) & (f1.isFinite ? 1 : 0)
            let ok0 = k0 != 0, ok1 = k1 != 0
            let d0 = ok0 ? Double(f0) - off : 0, d1 = ok1 ? Double(f1) - off : 0
            s0 += d0; n0 += ok0 ? 1 : 0
            s1 += d1; n1 += ok1 ? 1 : 0
            ps0[x + 1] = s0; pn0[x + 1] = n0
            ps1[x + 1] = s1; pn1[x + 1] = n1
            if squares {
                q0 += d0 * d0; q1 += d1 * d1
                pq0[x + 1] = q0; pq1[x + 1] = q1
            }
        }
    }

    /// One row's prefix sums into `p` (the sequential scan; the reference of ``scan2``).
    private func scan(_ j: Int, into p: UnsafeMutablePointer<Double>) {
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
    }

    /// Row `j`'s prefix sums by the one-row scan, in fresh storage (3·(w+1) Doubles, as
    /// ``prefix(_:)`` lays them out), for tests.
    func prefixReference(_ j: Int) -> [Double] {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: 3 * (w + 1))
        defer { p.deallocate() }
        p.initialize(repeating: 0, count: 3 * (w + 1))
        scan(j, into: p)
        return Array(UnsafeBufferPointer(start: p, count: 3 * (w + 1)))
    }
}
