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

    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { tmp in
            do { try data.write(to: URL(fileURLWithPath: tmp)) } catch {
                throw RasterIOError.writeFailed(path: path, reason: "\(error.localizedDescription)")
            }
        }
    }
}
