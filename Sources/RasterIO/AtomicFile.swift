import Foundation

/// Writes a file atomically: the content goes to a temporary file in the same folder,
/// which is renamed over the destination only once it is complete. A reader never
/// sees a partial file, and a failed or killed write leaves the old file (or nothing).
public enum AtomicFile {
    /// Temporary path beside `path` (same filesystem, so `rename` is atomic).
    public static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        return dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Calls `body` with a temporary path to write to, then renames it to `path`.
    /// On any error the temporary file is removed and the error rethrown.
    public static func write<R>(to path: String, _ body: (String) throws -> R) throws -> R {
        let tmp = temporaryPath(for: path)
        do {
            let r = try body(tmp)
            guard rename(tmp, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(tmp)
                throw RasterIOError.writeFailed(path: path, reason: reason)
            }
            return r
        } catch {
            unlink(tmp)
            throw error
        }
    }

    /// Writes `data` to `path` atomically. A failure names the system's reason (e.g. "No such
    /// file or directory", "Not a directory", "Permission denied", "No space left on device").
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { tmp in
            func failure() -> RasterIOError { .writeFailed(path: path, reason: String(cString: strerror(errno))) }
            let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw failure() }
            var ok = true
            data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        ok = false
                        return
                    }
                    offset += n
                }
            }
            if !ok { let e = failure(); close(fd); throw e }
            guard close(fd) == 0 else { throw failure() }
        }
    }
}
