import TestSupport

/// The end-to-end tests' name for ``ToolRun`` (which reports exit status, signal and deadline).
typealias InfoProcess = ToolRun

extension ToolRun {
    /// ``ToolRun/run(_:_:environment:timeout:)`` with the deadline named as these tests name it.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    deadline seconds: Double) throws -> ToolRun {
        try run(executable, arguments, environment: environment, timeout: seconds)
    }

    /// The tool's path, or nil when it is not installed.
    static func which(_ tool: String) -> String? { path(of: tool) }
}
