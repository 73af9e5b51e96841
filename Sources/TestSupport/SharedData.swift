import Foundation

/// Locates `../shared` (the read-only conformance data beside the clone) and runs tools.
public enum SharedData {
    /// The package root (the folder holding Package.swift), found from this source file.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared/data` if present (override with `ALONGSIDE_SHARED`, the folder holding `data/`).
    public static let dataRoot: URL? = {
        let env = ProcessInfo.processInfo.environment["ALONGSIDE_SHARED"]
        var candidates: [URL] = []
        if let env { candidates.append(URL(fileURLWithPath: env)) }
        candidates.append(packageRoot.deletingLastPathComponent().appendingPathComponent("shared"))
        candidates.append(URL(fileURLWithPath: "/work/shared"))
        for c in candidates {
            let d = c.appendingPathComponent("data")
            if FileManager.default.fileExists(atPath: d.path) { return d }
        }
        return nil
    }()

    /// Message for tests that skip because the data is absent.
    public static let absentMessage = "../shared/data is absent: skipping tests that read shared conformance data"

    /// Every file under `sub` (relative to data/) whose extension is in `extensions` (lower-case), sorted.
    public static func files(under sub: String, extensions: Set<String>) -> [String] {
        guard let root = dataRoot else { return [] }
        let base = root.appendingPathComponent(sub)
        guard let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var out: [String] = []
        for case let u as URL in e where extensions.contains(u.pathExtension.lowercased()) { out.append(u.path) }
        return out.sorted()
    }

    /// Path relative to the data root, for readable test names.
    public static func relative(_ path: String) -> String {
        guard let root = dataRoot?.path, path.hasPrefix(root) else { return path }
        return String(path.dropFirst(root.count + 1))
    }
}
