import Detection
import Dispatch
import Raster
import Testing

@Suite struct ConcurrencyTests {
    /// Kernels keep no shared mutable state: four windows processed at once give the
    /// same results as one after another (the pipeline runs windows in parallel).
    @Test func windowsInParallelMatchSequential() {
        var keep: [PlaneBuffer] = []
        let v = TestPlanes.plane(Float.self, width: 160, height: 120, keepAlive: &keep)
        let m = TestPlanes.plane(UInt8.self, width: 160, height: 120, keepAlive: &keep)
        TestPlanes.randomFloat(v, seed: 31, mean: 100, sigma: 3)
        for y in 40..<43 { for x in 30..<45 { v[x, y] = 150 } }
        TestPlanes.randomMask(m, seed: 32, density: 0.95)
        let windows = (0..<4).map { Window(col: ($0 % 2) * 80, row: ($0 / 2) * 60, width: 80, height: 60) }
        @Sendable func run(_ w: Window) -> (PlaneBuffer, PlaneBuffer, [BlobStatistics]) {
            let z = PlaneBuffer(width: w.width, height: w.height, sampleType: .float32)
            let hit = PlaneBuffer(width: w.width, height: w.height, sampleType: .uint8)
            let l = PlaneBuffer(width: w.width, height: w.height, sampleType: .int32)
            LocalContrast.zScore(v.window(w), valid: m.window(w), outerRadius: 14, guardRadius: 8, into: z.view(as: Float.self))
            Threshold.absGreaterOrEqual(z.view(as: Float.self), 4, valid: m.window(w), into: hit.view(as: UInt8.self))
            let b = ConnectedComponents.blobs(hit.view(as: UInt8.self), intensity: z.view(as: Float.self), labels: l.view(as: Int32.self))
            return (z, hit, b)
        }
        let sequential = windows.map(run)
        nonisolated(unsafe) var parallel = [(PlaneBuffer, PlaneBuffer, [BlobStatistics])?](repeating: nil, count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            let r = run(windows[i])
            parallel[i] = r
        }
        for i in 0..<4 {
            #expect(TestPlanes.equal(sequential[i].0.view(as: Float.self), parallel[i]!.0.view(as: Float.self)))
            #expect(TestPlanes.equal(sequential[i].1.view(as: UInt8.self), parallel[i]!.1.view(as: UInt8.self)))
            #expect(sequential[i].2 == parallel[i]!.2)
        }
        #expect(sequential[0].2.contains { $0.numPixels >= 30 })
    }
}
