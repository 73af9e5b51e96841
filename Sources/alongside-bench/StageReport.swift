import Foundation

/// One benchmark process's result, printed as one JSON line (`--json`) or as a table.
/// Field names follow the Python peer's `--json` line (`times`, `rss_mb`, `peak_rss_mb`)
/// so scripts/bench.sh reads both the same way. Times are wall seconds; `cpu` is the
/// calling thread's CPU seconds (the pipeline stage's worker threads are not in it).
struct StageReport: Encodable {
    var tool = "alongside"
    var mode: String
    /// [height, width] of one capture, pixels.
    var size: [Int]
    var npx: Int
    var order: [String]
    var times: [String: Double]
    var cpu: [String: Double]
    var rssMB: [String: Double]
    var peakRSSMB: Double
    var loadAverage: Double?
    var info: [String: Double]

    enum CodingKeys: String, CodingKey {
        case tool, mode, size, npx, order, times, cpu, info
        case rssMB = "rss_mb", peakRSSMB = "peak_rss_mb", loadAverage = "load_avg"
    }

    func jsonLine() -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        guard let d = try? e.encode(self), let s = String(data: d, encoding: .utf8) else { return "{}" }
        return s
    }

    func table() -> String {
        var out = "\(size[1])×\(size[0]) (\(String(format: "%.1f", Double(npx) / 1e6)) Mpx per capture)\n"
        out += "  stage              wall s     Mpx/s    cpu s   peak RSS MB\n"
        for s in order {
            let t = times[s] ?? 0
            out += "  " + s.padding(toLength: max(16, s.count), withPad: " ", startingAt: 0)
                + String(format: " %8.3f %9.1f %8.3f %10.0f\n", t, Double(npx) / max(t, 1e-9) / 1e6, cpu[s] ?? 0, rssMB[s] ?? 0)
        }
        out += String(format: "  peak RSS %.0f MB", peakRSSMB)
        if let l = loadAverage { out += String(format: ", load average %.2f", l) }
        out += "\n"
        for k in info.keys.sorted() { out += "  \(k): \(info[k]!)\n" }
        return out
    }
}
