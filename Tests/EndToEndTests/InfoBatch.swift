import Foundation
import TestSupport

/// `alongside info --each --json --checksum` over many files in a few processes (process
/// start-up dominates on this machine), computed once per test run. Files whose process
/// died (a crash takes the rest of its batch) or was stopped at `deadline` (a file that
/// hangs) are absent, so their test case runs them alone.
enum InfoBatch {
    /// By absolute path: the JSON object our tool printed for it (a report, or
    /// `{"description", "error"}`).
    static func compute(_ paths: [String], processes: Int = 3, deadline: Double = 300) -> [String: [String: Any]] {
        guard !paths.isEmpty else { return [:] }
        let chunks = stride(from: 0, to: paths.count, by: max(1, (paths.count + processes - 1) / processes)).map {
            Array(paths[$0..<min(paths.count, $0 + (paths.count + processes - 1) / processes)])
        }
        nonisolated(unsafe) var outputs = [Data](repeating: Data(), count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { i in
            let r = try? InfoProcess.run(ToolRun.alongsideBinary, ["info", "--each", "--json", "--checksum"] + chunks[i],
                                         deadline: deadline)
            outputs[i] = r?.stdout ?? Data()  // lines before a crash are complete reports
        }
        var out: [String: [String: Any]] = [:]
        for data in outputs {
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                      let d = o["description"] as? String else { continue }
                out[d] = o
            }
        }
        return out
    }
}
