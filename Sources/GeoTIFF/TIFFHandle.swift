import CTIFF
import CTIFFShims
import RasterIO

/// One open libtiff handle plus the message context its error handlers write into.
/// Not thread-safe: libtiff handles keep decoder state; a handle is used by one thread at a time.
final class TIFFHandle {
    let tif: OpaquePointer
    let path: String
    private let messages: UnsafeMutablePointer<alongside_tiff_messages>

    /// Opens `path`. `mode` is libtiff's ("r", "w", "w8" for BigTIFF).
    /// The corresponding C function is `TIFFOpenExt`.
    init(path: String, mode: String, maxSingleAlloc: Int) throws(RasterIOError) {
        let m = UnsafeMutablePointer<alongside_tiff_messages>.allocate(capacity: 1)
        m.initialize(to: alongside_tiff_messages())
        alongside_tiff_clear(m)
        guard let t = alongside_tiff_open(path, mode, m, Int64(maxSingleAlloc)) else {
            let reason = m.pointee.error_count > 0 ? Self.string(m.pointee.error) : "libtiff cannot open it"
            m.deallocate()
            if mode.hasPrefix("r") { throw .corrupt(path: path, reason: reason) }
            throw .writeFailed(path: path, reason: reason)
        }
        tif = t
        self.path = path
        messages = m
    }

    deinit {
        TIFFClose(tif)
        messages.deallocate()
    }

    /// Forgets earlier messages (call before an operation whose failure you will report).
    func clearMessages() { alongside_tiff_clear(messages) }

    var errorCount: Int { Int(messages.pointee.error_count) }

    /// The first error since the last clear, or `fallback` when libtiff said nothing.
    func lastError(or fallback: String) -> String {
        messages.pointee.error_count > 0 ? Self.string(messages.pointee.error) : fallback
    }

    var messageContext: UnsafeMutablePointer<alongside_tiff_messages> { messages }

    private static func string<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    // MARK: Typed tag access (the C variadics wrapped in CTIFFShims)

    func u16(_ tag: Int32) -> UInt16? {
        var v: UInt16 = 0
        return alongside_tiff_get_u16(tif, UInt32(tag), &v) == 1 ? v : nil
    }

    func u16Defaulted(_ tag: Int32) -> UInt16? {
        var v: UInt16 = 0
        return alongside_tiff_get_u16_defaulted(tif, UInt32(tag), &v) == 1 ? v : nil
    }

    func u32(_ tag: Int32) -> UInt32? {
        var v: UInt32 = 0
        return alongside_tiff_get_u32(tif, UInt32(tag), &v) == 1 ? v : nil
    }

    func u32Defaulted(_ tag: Int32) -> UInt32? {
        var v: UInt32 = 0
        return alongside_tiff_get_u32_defaulted(tif, UInt32(tag), &v) == 1 ? v : nil
    }

    func string(_ tag: Int32) -> String? {
        var p: UnsafePointer<CChar>? = nil
        guard alongside_tiff_get_string(tif, UInt32(tag), &p) == 1, let p else { return nil }
        return String(cString: p)
    }

    func doubles(_ tag: Int32) -> [Double]? {
        var n: UInt32 = 0
        var p: UnsafeRawPointer? = nil
        guard alongside_tiff_get_array(tif, UInt32(tag), &n, &p) == 1, let p, n > 0 else { return nil }
        return Array(UnsafeBufferPointer(start: p.assumingMemoryBound(to: Double.self), count: Int(n)))
    }

    @discardableResult
    func set(_ tag: Int32, int value: Int) -> Bool { alongside_tiff_set_int(tif, UInt32(tag), Int32(value)) == 1 }

    @discardableResult
    func set(_ tag: Int32, u32 value: UInt32) -> Bool { alongside_tiff_set_u32(tif, UInt32(tag), value) == 1 }

    @discardableResult
    func set(_ tag: Int32, string value: String) -> Bool { alongside_tiff_set_string(tif, UInt32(tag), value) == 1 }

    @discardableResult
    func set(_ tag: Int32, doubles value: [Double]) -> Bool {
        value.withUnsafeBufferPointer { alongside_tiff_set_array(tif, UInt32(tag), UInt32($0.count), $0.baseAddress) == 1 }
    }
}
