import Foundation

/// The correlation surfaces of the shift-estimation windows, filled by several threads (one
/// slot per window, so the consensus sums them in window order whatever the thread count).
final class ShiftSurfaces: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private(set) var surfaces: [(ncc: [Double], counts: [Int])]
    private(set) var error: Error?

    init(count: Int) {
        surfaces = Array(repeating: (ncc: [], counts: []), count: count)
    }

    /// The next window to compute, nil when all are taken or one failed.
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard error == nil, cursor < surfaces.count else { return nil }
        cursor += 1
        return cursor - 1
    }

    func store(_ i: Int, _ s: (ncc: [Double], counts: [Int])) {
        lock.lock(); defer { lock.unlock() }
        surfaces[i] = s
    }

    func fail(_ e: Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }
}
