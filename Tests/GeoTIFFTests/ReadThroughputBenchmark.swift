import Foundation
import GeoReferencing
import Raster
import RasterIO
import Testing
@testable import GeoTIFF

/// Throughput numbers for docs/geotiff.md; runs only with ALONGSIDE_BENCH=1 (use a release build:
/// `ALONGSIDE_BENCH=1 swift test -c release --filter ReadThroughputBenchmark`). Prints, asserts nothing
/// about time; checks only that the windowed read equals the single whole read.
@Suite struct ReadThroughputBenchmark {
    @Test func windowedReadThroughput() async throws {
        guard ProcessInfo.processInfo.environment["ALONGSIDE_BENCH"] == "1" else { return }
        let side = 8192
        let dir = TestRasters.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bench.tif").path
        // Smooth field + noise: compresses like imagery, not like random bytes.
        let band = PlaneBuffer(width: side, height: side, sampleType: .uint16)
        var rng = SplitMix64(seed: 9)
        let v = band.view(as: UInt16.self)
        for y in 0..<side {
            let row = v.row(y)
            for x in 0..<side { row[x] = UInt16(1000 + (x / 7 + y / 5) % 800) &+ UInt16(truncatingIfNeeded: rng.next() & 63) }
        }
        var t = Date()
        try GeoTIFFWriter.write(path: path, bands: [band], geoTransform: GeoTransform(originX: 0, originY: 0, pixelWidth: 10, pixelHeight: -10),
                                crs: try CRS(epsg: 32633), noData: 0, tileSize: 256)
        let writeSeconds = Date().timeIntervalSince(t)
        t = Date()
        let fastPath = dir.appendingPathComponent("fast.tif").path
        try GeoTIFFWriter.write(path: fastPath, bands: [band], geoTransform: nil, crs: nil, noData: 0, tileSize: 256, deflateLevel: 1)
        let fastSeconds = Date().timeIntervalSince(t)
        let fastSize = (try? FileManager.default.attributesOfItem(atPath: fastPath)[.size] as? Int) ?? 0
        print(String(format: "BENCH write deflate level 1: %.2f s (%.0f MB/s, file %.0f MB)", fastSeconds,
                     Double(side * side * 2) / 1e6 / fastSeconds, Double(fastSize) / 1e6))
        let ds = try GeoTIFFDataset.open(path: path)
        t = Date()
        let whole = try ds.readAll(band: 0)
        let wholeSeconds = Date().timeIntervalSince(t)
        let windows = stride(from: 0, to: side, by: 1024).flatMap { r in stride(from: 0, to: side, by: 1024).map { c in
            Window(col: c - 32, row: r - 32, width: 1088, height: 1088) } }
        t = Date()
        let bad = await withTaskGroup(of: Int.self) { group in
            for w in windows {
                group.addTask {
                    guard let p = try? ds.read(band: 0, window: w) else { return 1 }
                    let inner = w.clipped(width: side, height: side)
                    let a = p.copy(window: inner.offset(dx: -w.col, dy: -w.row)), b = whole.copy(window: inner)
                    for y in 0..<a.height where memcmp(a.rowPointer(y), b.rowPointer(y), a.width * 2) != 0 { return 1 }
                    return 0
                }
            }
            return await group.reduce(0, +)
        }
        let windowSeconds = Date().timeIntervalSince(t)
        #expect(bad == 0)
        let mb = Double(side * side * 2) / 1e6
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(String(format: "BENCH write %.2f s (%.0f MB/s, file %.0f MB); whole read %.2f s (%.0f MB/s); 64 windows 1088² on %d cores %.2f s (%.0f MB/s)",
                     writeSeconds, mb / writeSeconds, Double(size) / 1e6, wholeSeconds, mb / wholeSeconds,
                     ProcessInfo.processInfo.activeProcessorCount, windowSeconds, Double(windows.count * 1088 * 1088 * 2) / 1e6 / windowSeconds))
    }
}
