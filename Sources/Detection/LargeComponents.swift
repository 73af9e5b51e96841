import Raster

/// Keeps only the large 8-connected components of a 0/1 mask, by runs instead of pixels.
///
/// A component is large when its bounding box is more than `extent` pixels high or wide, or it
/// has more than `area` pixels. The mask is cut into horizontal runs of set pixels, runs of
/// adjacent rows that touch (8-connectivity: their column ranges overlap or meet diagonally)
/// are joined in a union-find over runs, and each component's box and pixel count are summed
/// per run. Work is proportional to the number of runs, not of pixels: open sea (one run per
/// row) or an empty mask costs one scan of the bytes, 16 at a time. The result equals
/// ``keepReference(_:extent:area:labels:)`` (pixel labeling, `ConnectedComponents`) exactly.
public enum LargeComponents {
    /// Sets, in `mask` (in place), the pixels of large components to 1 and every other pixel to 0.
    /// - Parameters:
    ///   - extent: a component is kept when its bounding box (pixels, rows or columns) exceeds this;
    ///   - area: or when it has more pixels than this.
    public static func keep(_ mask: PlaneView<UInt8>, extent: Double, area: Double) {
        let w = mask.width, h = mask.height
        guard w > 0, h > 0 else { return }
        precondition(w < Int(Int32.max) && w * h / 2 < Int(Int32.max), "LargeComponents: mask too large")
        var start: [Int32] = [], end: [Int32] = []
        start.reserveCapacity(4 * h); end.reserveCapacity(4 * h)
        var rowFirst = [Int](repeating: 0, count: h + 1)  // runs of row y: rowFirst[y] ..< rowFirst[y + 1]
        let zero16 = SIMD16<UInt8>(repeating: 0)
        for y in 0..<h {
            rowFirst[y] = start.count
            let m = UnsafePointer(mask.base + y * mask.stride)
            var x = 0
            while x < w {
                while x + 16 <= w && UnsafeRawPointer(m + x).loadUnaligned(as: SIMD16<UInt8>.self) == zero16 { x += 16 }
                while x < w && m[x] == 0 { x += 1 }
                guard x < w else { break }
                let s = x
                while x + 16 <= w && !any(UnsafeRawPointer(m + x).loadUnaligned(as: SIMD16<UInt8>.self) .== zero16) {
                    x += 16
                }
                while x < w && m[x] != 0 { x += 1 }
                start.append(Int32(s)); end.append(Int32(x))
            }
        }
        rowFirst[h] = start.count
        let n = start.count
        guard n > 0 else { return }

        // Union-find over runs; the root of a component is its first run (smallest index).
        var parent = [Int32](unsafeUninitializedCapacity: n) { b, c in
            for i in 0..<n { b[i] = Int32(i) }
            c = n
        }
        parent.withUnsafeMutableBufferPointer { p in
            @inline(__always) func find(_ i: Int32) -> Int32 {
                var i = i
                while p[Int(i)] != i {
                    p[Int(i)] = p[Int(p[Int(i)])]  // path halving
                    i = p[Int(i)]
                }
                return i
            }
            for y in 1..<max(1, h) {
                var i = rowFirst[y - 1], j = rowFirst[y]
                let iEnd = rowFirst[y], jEnd = rowFirst[y + 1]
                while i < iEnd && j < jEnd {
                    // Runs [ps, pe) above and [cs, ce) here touch unless one ends before the other
                    // starts, diagonal contact included: pe < cs or ce < ps.
                    let ps = start[i], pe = end[i], cs = start[j], ce = end[j]
                    if pe < cs { i += 1; continue }
                    if ce < ps { j += 1; continue }
                    let a = find(Int32(i)), b = find(Int32(j))
                    if a < b { p[Int(b)] = a } else if b < a { p[Int(a)] = b }
                    if pe < ce { i += 1 } else { j += 1 }
                }
            }
            for i in 0..<n { p[i] = p[Int(p[i])] }  // roots precede their runs: one pass flattens
        }

        // Box and pixel count per root.
        var minRow = [Int32](repeating: .max, count: n), maxRow = [Int32](repeating: .min, count: n)
        var minCol = [Int32](repeating: .max, count: n), maxCol = [Int32](repeating: .min, count: n)
        var count = [Int](repeating: 0, count: n)
        for y in 0..<h {
            for r in rowFirst[y]..<rowFirst[y + 1] {
                let root = Int(parent[r])
                minRow[root] = min(minRow[root], Int32(y)); maxRow[root] = max(maxRow[root], Int32(y + 1))
                minCol[root] = min(minCol[root], start[r]); maxCol[root] = max(maxCol[root], end[r])
                count[root] += Int(end[r] - start[r])
            }
        }
        // Large: box (exclusive max, as `RawMoments.bbox`) longer than `extent`, or more than `area` pixels.
        var big = [Bool](repeating: false, count: n)
        for r in 0..<n where parent[r] == Int32(r) {
            let e = Double(max(maxRow[r] - minRow[r], maxCol[r] - minCol[r]))
            big[r] = e > extent || Double(count[r]) > area
        }
        for y in 0..<h {
            let row = mask.base + y * mask.stride
            for r in rowFirst[y]..<rowFirst[y + 1] {
                let s = Int(start[r])
                UnsafeMutableBufferPointer(start: row + s, count: Int(end[r]) - s)
                    .update(repeating: big[Int(parent[r])] ? 1 : 0)
            }
        }
    }

    /// Reference of ``keep(_:extent:area:)``: pixel labeling (`ConnectedComponents`, 8-connected)
    /// into `labels` (same size), then the same rule on each component's `RawMoments`.
    public static func keepReference(_ mask: PlaneView<UInt8>, extent: Double, area: Double, labels: PlaneView<Int32>) {
        var collector = BlobCollector()
        ConnectedComponents.label(mask, connectivity: .eight, into: labels, collector: &collector)
        let big = collector.moments.map { m -> Bool in
            let b = m.bbox
            let e = Double(max(b.maxRow - b.minRow, b.maxCol - b.minCol))
            return e > extent || Double(m.count) > area
        }
        for y in 0..<mask.height {
            let l = labels.row(y), d = mask.row(y)
            for x in 0..<mask.width { d[x] = l[x] > 0 && big[Int(l[x]) - 1] ? 1 : 0 }
        }
    }
}
