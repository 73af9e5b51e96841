import Foundation
import Raster

/// Deterministic test planes and scratch paths.
enum TestRasters {
    /// A plane of `type` filled from `seed`, spanning most of the type's range (floats include
    /// fractions and negatives).
    static func plane(width: Int, height: Int, type: SampleType, seed: UInt64) -> PlaneBuffer {
        var rng = SplitMix64(seed: seed)
        let p = PlaneBuffer(width: width, height: height, sampleType: type)
        func fill<T: RasterSample>(_: T.Type, _ make: (inout SplitMix64) -> T) {
            let v = p.view(as: T.self)
            for y in 0..<height { for x in 0..<width { v[x, y] = make(&rng) } }
        }
        switch type {
        case .uint8: fill(UInt8.self) { UInt8.random(in: 0...255, using: &$0) }
        case .int8: fill(Int8.self) { Int8.random(in: -128...127, using: &$0) }
        case .uint16: fill(UInt16.self) { UInt16.random(in: 0...UInt16.max, using: &$0) }
        case .int16: fill(Int16.self) { Int16.random(in: Int16.min...Int16.max, using: &$0) }
        case .uint32: fill(UInt32.self) { UInt32.random(in: 0...UInt32.max, using: &$0) }
        case .int32: fill(Int32.self) { Int32.random(in: Int32.min...Int32.max, using: &$0) }
        case .float32: fill(Float.self) { Float.random(in: -5000...5000, using: &$0) }
        case .float64: fill(Double.self) { Double.random(in: -1e6...1e6, using: &$0) }
        }
        return p
    }

    /// A fresh temporary directory for one test.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("alongside-geotiff-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
