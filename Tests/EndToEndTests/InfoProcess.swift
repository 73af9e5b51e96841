import Foundation

/// Runs a program with a deadline and tells how it ended (exit status or signal), for
/// the `alongside info` end-to-end tests. `ToolRun` cannot tell an exit from a signal.
struct InfoProcess: Sendable {
    var status: Int32
    /// True when the process ended by a signal (a crash, or our deadline's SIGKILL).
    var signalled: Bool
    var timedOut: Bool
    var stdout: Data
    var stderr: String

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    deadline seconds: Double) throws -> InfoProcess {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
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
        if group.wait(timeout: .now() + seconds) == .timedOut {
            timedOut = true
            kill(p.processIdentifier, SIGKILL)
        }
        group.wait()
        p.waitUntilExit()
        return InfoProcess(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal,
                           timedOut: timedOut, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The gdal tool's path, or nil when it is not installed.
    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}
