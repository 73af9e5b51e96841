import Foundation

/// Decoded blocks shared by all reads of one dataset, least recently used evicted first
/// within a byte budget. Only blocks that stick out of the window being read are cached: those
/// are the ones a neighbouring window (often on another thread) will need again; for a striped
/// scene read by windows narrower than the image this avoids decoding each strip once per
/// window column.
final class BlockCache: @unchecked Sendable {
    /// One decoded block; immutable once inserted.
    final class Block: @unchecked Sendable {
        let bytes: UnsafeMutableRawPointer
        let count: Int
        init(count: Int) {
            self.count = count
            bytes = UnsafeMutableRawPointer.allocate(byteCount: max(count, 64), alignment: 64)
        }
        deinit { bytes.deallocate() }
    }

    struct Key: Hashable { var plane: Int; var block: Int }

    private let lock = NSLock()
    private var entries: [Key: (block: Block, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0
    private var bytes = 0
    let budget: Int

    init(budget: Int) { self.budget = budget }

    func get(_ key: Key) -> Block? {
        lock.lock()
        defer { lock.unlock() }
        guard let e = entries[key] else { return nil }
        clock += 1
        entries[key] = (e.block, clock)
        return e.block
    }

    func put(_ key: Key, _ block: Block) {
        guard block.count <= budget / 4 else { return }
        lock.lock()
        defer { lock.unlock() }
        clock += 1
        if let old = entries[key] { bytes -= old.block.count }
        entries[key] = (block, clock)
        bytes += block.count
        while bytes > budget, let victim = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            bytes -= victim.value.block.count
            entries[victim.key] = nil
        }
    }
}
