import Foundation

/// Runs an external program to its end and captures how it ended and what it wrote.
///
/// Standard input is `/dev/null` (a tool that reads it sees end of file instead of hanging
/// the test), both pipes are drained concurrently (a chatty tool never blocks on a full pipe),
/// and a process still running at the deadline is killed with SIGKILL (some tools, GDAL among
/// them, ignore SIGTERM while grinding through a hostile file).
public struct ToolRun: Sendable {
    /// The exit status, or the signal number when `signalled`.
    public var status: Int32
    /// True when the process ended by a signal (a crash, or the deadline's SIGKILL).
    public var signalled: Bool
    /// True when the deadline passed and the process was killed.
    public var timedOut: Bool
    public var stdout: Data
    public var stderr: String
    public var stdoutString: String { String(decoding: stdout, as: UTF8.self) }

    /// Runs `executable` (searched in PATH when not absolute) with `arguments`.
    /// - Parameters:
    ///   - environment: variables added to (or replacing those of) this process's environment.
    ///   - timeout: the deadline, seconds from the start.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           timeout: Double = 120) throws -> ToolRun {
        let p = Process()
        if executable.hasPrefix("/") {
            p.executableURL = URL(fileURLWithPath: executable)
            p.arguments = arguments
        } else {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [executable] + arguments
        }
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        var timedOut = false
        if group.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(p.processIdentifier, SIGKILL)
        }
        group.wait()
        p.waitUntilExit()
        return ToolRun(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal,
                       timedOut: timedOut, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The full path of `tool` found in PATH, or nil when it is not installed.
    public static func path(of tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Whether `tool` is on PATH.
    public static func available(_ tool: String) -> Bool { path(of: tool) != nil }

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
