import CTIFF
import Foundation
import RasterIO

/// libtiff handles are not thread-safe, so each read borrows a handle of its own: idle
/// handles are kept (up to ``maxIdle``) and new ones are opened when all are busy. Each
/// handle carries its own block scratch buffer and a one-block cache.
final class TIFFHandlePool: @unchecked Sendable {
    /// A handle positioned on the dataset's directory, with its decoding state.
    final class Entry {
        let handle: TIFFHandle
        /// Scratch for one decoded block (allocated on first use, `blockBytes` long).
        var scratch: UnsafeMutableRawPointer?
        var scratchBytes = 0
        /// Which block the scratch holds (plane, block index), to reuse it across windows.
        var cached: (plane: Int, block: Int)?

        init(handle: TIFFHandle) { self.handle = handle }

        func scratch(bytes: Int) -> UnsafeMutableRawPointer {
            if let s = scratch, scratchBytes >= bytes { return s }
            scratch?.deallocate()
            cached = nil
            let s = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 64), alignment: 64)
            scratch = s
            scratchBytes = bytes
            return s
        }

        deinit { scratch?.deallocate() }
    }

    private let lock = NSLock()
    private var idle: [Entry] = []
    private let maxIdle: Int
    private let opener: () throws(RasterIOError) -> TIFFHandle

    init(maxIdle: Int = max(2, ProcessInfo.processInfo.activeProcessorCount), first: TIFFHandle? = nil,
         opener: @escaping () throws(RasterIOError) -> TIFFHandle) {
        self.maxIdle = maxIdle
        self.opener = opener
        if let first { idle.append(Entry(handle: first)) }
    }

    /// Runs `body` with a handle no other thread uses meanwhile.
    func with<R>(_ body: (Entry) throws -> R) throws -> R {
        lock.lock()
        let e = idle.popLast()
        lock.unlock()
        let entry = try e ?? Entry(handle: opener())
        defer {
            lock.lock()
            if idle.count < maxIdle { idle.append(entry) }
            lock.unlock()
        }
        return try body(entry)
    }
}
