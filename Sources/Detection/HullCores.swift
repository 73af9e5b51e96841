/// Level-set ("component tree") decomposition of one blob into hull cores, and the seeded
/// flood that gives every pixel of the blob to one core.
///
/// Hulls rafted 2–5 m apart fuse into one hysteresis component because the blur carries
/// each hull's signal into the fender gap above the low threshold. Their interiors stay
/// far above the gap: thresholding |intensity| at a rising ladder of levels separates them
/// into one connected core per hull, whatever their relative heading, length or
/// longitudinal offset (a cross-section profile along the blob's axis smears the seam as
/// soon as the hulls are not parallel to that axis). Cores are 4-connected so that a seam
/// one pixel wide and diagonal still separates them.
///
/// Every pixel of the blob then goes to a core by a priority flood in descending |intensity|
/// (Meyer's seeded watershed, 8-neighbours): the boundary between two hulls runs along the
/// bottom of the valley between them.
public enum HullCores {
    /// One way to cut a blob: the level and the significant cores above it.
    public struct Candidate: Sendable, Hashable {
        /// |intensity| threshold the cores were taken at.
        public var level: Double
        /// The cores' pixels (a subset of the blob), at least two of them.
        public var cores: [[BlobPixel]]
    }

    /// Candidate core sets of `pixels` (one blob), ordered by number of cores (most first,
    /// at most `maxCores`) then by level (lowest first).
    ///
    /// Levels are `floor · step^k` (k ≥ 1) below the blob's peak |intensity|. At each level the
    /// 4-connected components of pixels with |intensity| ≥ level that pass `isSignificant`
    /// are the cores; a level is a candidate when it has between 2 and `maxCores` of them and
    /// its count differs from the previous level's (one candidate per configuration, the
    /// lowest level it appears at, where the cores are largest).
    public static func candidates(_ pixels: [BlobPixel], floor: Double, step: Double = 1.15, maxCores: Int = 3,
                                  isSignificant: ([BlobPixel]) -> Bool) -> [Candidate] {
        guard pixels.count >= 4, floor > 0, step > 1 else { return [] }
        let grid = Grid(pixels)
        let values = pixels.map { $0.intensity.isFinite ? abs(Double($0.intensity)) : 0 }
        guard let peak = values.max(), peak > floor * step else { return [] }
        var out: [Candidate] = []
        var previous = 1
        var level = floor * step
        var seen = [Int32](repeating: 0, count: pixels.count)
        var stamp: Int32 = 0
        var queue: [Int] = []
        queue.reserveCapacity(pixels.count)
        while level < peak {
            stamp += 1
            var cores: [[BlobPixel]] = []
            for start in pixels.indices where values[start] >= level && seen[start] != stamp {
                seen[start] = stamp
                queue.removeAll(keepingCapacity: true)
                queue.append(start)
                var head = 0
                while head < queue.count {
                    let i = queue[head]
                    head += 1
                    let p = pixels[i]
                    for (dr, dc) in [(0, 1), (0, -1), (1, 0), (-1, 0)] {
                        guard let j = grid.index(row: p.row + dr, col: p.col + dc), seen[j] != stamp,
                              values[j] >= level else { continue }
                        seen[j] = stamp
                        queue.append(j)
                    }
                }
                let core = queue.map { pixels[$0] }
                if isSignificant(core) { cores.append(core) }
            }
            if cores.count >= 2 && cores.count <= maxCores && cores.count != previous {
                out.append(Candidate(level: level, cores: cores))
            }
            previous = cores.count
            level *= step
        }
        return out.sorted { a, b in a.cores.count != b.cores.count ? a.cores.count > b.cores.count : a.level < b.level }
    }

    /// Indices (into `pixels`) of the 4-connected component of pixels with |intensity| ≥ `level`
    /// that holds `seed` (an index into `pixels`); empty when the seed itself is below `level`.
    /// Used by the wake rule: the hull is the component around the blob's peak at a fraction of it.
    public static func component(_ pixels: [BlobPixel], containing seed: Int, level: Double) -> [Int] {
        guard pixels.indices.contains(seed) else { return [] }
        let grid = Grid(pixels)
        let values = pixels.map { $0.intensity.isFinite ? abs(Double($0.intensity)) : 0 }
        guard values[seed] >= level else { return [] }
        var seen = [Bool](repeating: false, count: pixels.count)
        seen[seed] = true
        var queue = [seed]
        var head = 0
        while head < queue.count {
            let p = pixels[queue[head]]
            head += 1
            for (dr, dc) in [(0, 1), (0, -1), (1, 0), (-1, 0)] {
                guard let j = grid.index(row: p.row + dr, col: p.col + dc), !seen[j], values[j] >= level else { continue }
                seen[j] = true
                queue.append(j)
            }
        }
        return queue
    }

    /// Every pixel of `pixels` assigned to one of `cores` (subsets of `pixels`) by a priority
    /// flood in descending |intensity| over 8-neighbours. Pixels not connected to any core
    /// (impossible for one 8-connected blob) are left out. The parts keep the input order.
    public static func flood(_ pixels: [BlobPixel], cores: [[BlobPixel]]) -> [[BlobPixel]] {
        let grid = Grid(pixels)
        let values = pixels.map { $0.intensity.isFinite ? abs(Double($0.intensity)) : 0 }
        var owner = [Int](repeating: -1, count: pixels.count)
        var heap = MaxHeap()
        for (k, core) in cores.enumerated() {
            for p in core {
                guard let i = grid.index(row: p.row, col: p.col), owner[i] < 0 else { continue }
                owner[i] = k
                heap.push(values[i], i)
            }
        }
        while let i = heap.pop() {
            let p = pixels[i]
            for dr in -1...1 {
                for dc in -1...1 where dr != 0 || dc != 0 {
                    guard let j = grid.index(row: p.row + dr, col: p.col + dc), owner[j] < 0 else { continue }
                    owner[j] = owner[i]
                    heap.push(values[j], j)
                }
            }
        }
        var parts = [[BlobPixel]](repeating: [], count: cores.count)
        for (i, k) in owner.enumerated() where k >= 0 { parts[k].append(pixels[i]) }
        return parts
    }

    /// Pixel index lookup over the blob's bounding box.
    struct Grid {
        let minRow: Int, minCol: Int, width: Int, height: Int
        var slots: [Int32]

        init(_ pixels: [BlobPixel]) {
            let r0 = pixels.map(\.row).min() ?? 0, r1 = pixels.map(\.row).max() ?? -1
            let c0 = pixels.map(\.col).min() ?? 0, c1 = pixels.map(\.col).max() ?? -1
            minRow = r0
            minCol = c0
            width = c1 - c0 + 1
            height = r1 - r0 + 1
            slots = [Int32](repeating: -1, count: max(0, width * height))
            for (i, p) in pixels.enumerated() { slots[(p.row - r0) * width + p.col - c0] = Int32(i) }
        }

        func index(row: Int, col: Int) -> Int? {
            let r = row - minRow, c = col - minCol
            guard r >= 0, c >= 0, r < height, c < width else { return nil }
            let s = slots[r * width + c]
            return s >= 0 ? Int(s) : nil
        }
    }

    /// Binary max-heap of (key, index); ties pop the lower index first (deterministic).
    struct MaxHeap {
        private var items: [(key: Double, index: Int)] = []

        private static func above(_ a: (key: Double, index: Int), _ b: (key: Double, index: Int)) -> Bool {
            a.key != b.key ? a.key > b.key : a.index < b.index
        }

        mutating func push(_ key: Double, _ index: Int) {
            items.append((key, index))
            var i = items.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard Self.above(items[i], items[parent]) else { break }
                items.swapAt(i, parent)
                i = parent
            }
        }

        mutating func pop() -> Int? {
            guard let top = items.first else { return nil }
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var best = i
                    if l < items.count && Self.above(items[l], items[best]) { best = l }
                    if r < items.count && Self.above(items[r], items[best]) { best = r }
                    if best == i { break }
                    items.swapAt(i, best)
                    i = best
                }
            }
            return top.index
        }
    }
}
