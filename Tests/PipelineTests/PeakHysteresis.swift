/// The hysteresis blob grown from a scene's strongest pixel, as detect's labeling would see it:
/// 8-connected pixels with |z| ≥ `low` around the peak, when the peak's |z| ≥ `high`. Shared by the
/// test scenes that build one blob from rendered hulls (`HullBlobScene`, `SpectralBlobScene`).
enum PeakHysteresis {
    /// Row-major indices (`row * size + col`) of the blob's pixels, sorted; nil when no pixel
    /// reaches `high`.
    static func members(z: [Double], size: Int, high: Double = 5, low: Double = 2.5) -> [Int]? {
        guard let seed = z.indices.max(by: { abs(z[$0]) < abs(z[$1]) }), abs(z[seed]) >= high else { return nil }
        var seen = [Bool](repeating: false, count: z.count)
        var queue = [seed]
        seen[seed] = true
        var head = 0
        while head < queue.count {
            let i = queue[head]
            head += 1
            let r = i / size, c = i % size
            for dr in -1...1 {
                for dc in -1...1 where dr != 0 || dc != 0 {
                    let rr = r + dr, cc = c + dc
                    guard rr >= 0, cc >= 0, rr < size, cc < size else { continue }
                    let j = rr * size + cc
                    if !seen[j] && abs(z[j]) >= low {
                        seen[j] = true
                        queue.append(j)
                    }
                }
            }
        }
        return queue.sorted()
    }
}
