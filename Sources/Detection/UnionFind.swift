/// Equivalences between provisional labels, as an array-based union-find whose roots are
/// always the smallest label of their set (Wu, Otoo & Suzuki 2009, "Optimizing
/// two-pass connected-component labeling algorithms", Pattern Anal. Appl. 12: the
/// "array-based union-find" with path compression that OpenCV's `LabelingWu` uses).
///
/// Keeping the minimum as root makes the final labels follow the raster order of each
/// component's first pixel: that pixel always received the component's smallest
/// provisional label.
final class UnionFind {
    private(set) var parent: UnsafeMutablePointer<Int32>
    private var capacity: Int
    /// Labels handed out so far, including the background 0.
    private(set) var count: Int = 1

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        parent = .allocate(capacity: self.capacity)
        parent[0] = 0
    }

    deinit { parent.deallocate() }

    @inline(__always)
    func makeLabel() -> Int32 {
        if count == capacity { grow() }
        let l = Int32(count)
        parent[count] = l
        count += 1
        return l
    }

    private func grow() {
        let n = capacity * 2
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        p.update(from: parent, count: count)
        parent.deallocate()
        parent = p
        capacity = n
    }

    @inline(__always)
    func find(_ i: Int32) -> Int32 {
        var r = i
        while parent[Int(r)] < r { r = parent[Int(r)] }
        return r
    }

    /// Joins the sets of `i` and `j`; returns the new root (the smaller one).
    @inline(__always)
    func union(_ i: Int32, _ j: Int32) -> Int32 {
        var root = find(i)
        if i != j {
            let rj = find(j)
            if root > rj { root = rj }
            setRoot(j, root)
        }
        setRoot(i, root)
        return root
    }

    /// Path compression: every node on the path from `i` points at `root`.
    @inline(__always)
    private func setRoot(_ i: Int32, _ root: Int32) {
        var k = i
        while parent[Int(k)] < k {
            let next = parent[Int(k)]
            parent[Int(k)] = root
            k = next
        }
        parent[Int(k)] = root
    }

    /// Replaces each provisional label by its final consecutive label 1…n (roots numbered
    /// in increasing order); returns n. Relies on parent[i] ≤ i.
    func flatten() -> Int {
        var k: Int32 = 1
        for i in 1..<count {
            if parent[i] < Int32(i) {
                parent[i] = parent[Int(parent[i])]
            } else {
                parent[i] = k
                k += 1
            }
        }
        return Int(k - 1)
    }
}
