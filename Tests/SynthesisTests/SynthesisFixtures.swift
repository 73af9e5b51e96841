import Foundation
import Raster
import Report
@testable import Synthesis

/// Small scenes (debug builds render them in well under a second), cached per process.
enum SynthesisFixtures {
    static func spec(size: Int = 256, resolution: Double = 10, crs: CRSChoice = .utm, content: SceneContent = .all) -> SceneSpec {
        SceneSpec(width: size, height: size, resolutionM: resolution, crs: crs, content: content)
    }

    static func temporaryDirectory() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("alongside-synth-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Sample (band, col, row) of a UInt16 plane list as Double.
    static func value(_ planes: [PlaneBuffer], band: String, col: Int, row: Int) -> Double {
        planes[SyntheticPair.bandNames.firstIndex(of: band)!].value(x: col, y: row)
    }

    /// Median of a band over pixels where `keep(col, row)` holds.
    static func median(_ planes: [PlaneBuffer], band: String, where keep: (Int, Int) -> Bool) -> Double? {
        let p = planes[SyntheticPair.bandNames.firstIndex(of: band)!]
        var v: [Double] = []
        for r in Swift.stride(from: 0, to: p.height, by: 2) {
            for c in Swift.stride(from: 0, to: p.width, by: 2) where keep(c, r) { v.append(p.value(x: c, y: r)) }
        }
        guard !v.isEmpty else { return nil }
        v.sort()
        return v[v.count / 2]
    }
}
