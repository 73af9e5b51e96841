import ArgumentParser
import Detection
import Foundation

/// `alongside-bench kernels`: `KernelBench.run` (every Detection kernel, one thread, best of
/// `repeats`, thread CPU time) on a synthetic N × N uint16 scene.
struct KernelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "Mpx/s of every Detection kernel on a synthetic N×N scene (≈ 26 bytes per pixel of memory).")

    @Option(help: "Scene side, pixels.") var size: Int = 2048
    @Option(help: "Timed runs per kernel (the best counts).") var repeats: Int = 3
    @Flag(help: "Print one JSON line instead of a table.") var json = false

    func validate() throws {
        guard size >= 16 else { throw ValidationError("--size must be ≥ 16") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be ≥ 1") }
    }

    func run() throws {
        let load = ResourceUsage.loadAverage()
        let t0 = ResourceUsage.wallSeconds()
        let mpxs = KernelBench.run(width: size, height: size, repeats: repeats)
        let seconds = ResourceUsage.wallSeconds() - t0
        if json {
            var d: [String: Any] = ["tool": "alongside", "mode": "kernels", "size": size, "repeats": repeats,
                                    "mpxs": mpxs, "seconds": seconds, "peak_rss_mb": ResourceUsage.peakRSSMegabytes()]
            if let load { d["load_avg"] = load }
            let data = try JSONSerialization.data(withJSONObject: d, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("kernels on \(size)×\(size), best of \(repeats), one thread (Mpx/s)")
            for k in mpxs.keys.sorted() {
                print("  " + k.padding(toLength: max(32, k.count), withPad: " ", startingAt: 0) + String(format: " %10.1f", mpxs[k]!))
            }
            print(String(format: "  peak RSS %.0f MB, %.1f s", ResourceUsage.peakRSSMegabytes(), seconds))
        }
    }
}
