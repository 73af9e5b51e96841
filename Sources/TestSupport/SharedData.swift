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

/// Runs an external program and captures its output.
public struct ToolRun: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: String
    public var stdoutString: String { String(decoding: stdout, as: UTF8.self) }

    /// Runs `executable` (searched in PATH when not absolute) with `arguments`; `timeout` in seconds.
    public static func run(_ executable: String, _ arguments: [String], timeout: Double = 120) throws -> ToolRun {
        let p = Process()
        if executable.hasPrefix("/") { p.executableURL = URL(fileURLWithPath: executable) } else {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        }
        p.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let deadline = DispatchTime.now() + timeout
        if group.wait(timeout: deadline) == .timedOut { p.terminate() }
        group.wait()
        p.waitUntilExit()
        return ToolRun(status: p.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Whether `tool` is on PATH.
    public static func available(_ tool: String) -> Bool {
        (try? run("which", [tool]).status) == 0
    }

    /// The debug-built `alongside` binary (built by `make test` before the tests run).
    /// `ALONGSIDE_BIN` overrides (worktrees with their own `--scratch-path`).
    public static var alongsideBinary: String {
        if let b = ProcessInfo.processInfo.environment["ALONGSIDE_BIN"] { return b }
        for c in [".build/debug/alongside", ".build/release/alongside"] {
            let p = SharedData.packageRoot.appendingPathComponent(c).path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return SharedData.packageRoot.appendingPathComponent(".build/debug/alongside").path
    }
}
