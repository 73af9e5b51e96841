import Foundation
import Raster
import Synthesis
import Testing

@testable import Pipeline

/// The scene-level residual shift: windows spread over the whole grid, and the estimate on
/// synthetic pairs whose after capture is shifted by a recorded (often fractional) amount.
@Suite struct ShiftSetupTests {
    @Test(arguments: [(100, 80), (384, 384), (1024, 1024), (2048, 700), (5000, 300)])
    func windowsSpanTheGrid(size: (Int, Int)) {
        let (w, h) = size
        let ws = SceneSetup.shiftWindows(width: w, height: h)
        #expect(!ws.isEmpty && ws.count <= 64)
        let side = ws[0].width
        #expect(side == min(256, w, h))
        for x in ws {
            #expect(x.col >= 0 && x.row >= 0 && x.col + x.width <= w && x.row + x.height <= h)
            #expect(x.width == side && x.height == side)
        }
        // Edge to edge; abutting or overlapping (no gaps) while 8 windows per axis suffice.
        #expect(ws.map(\.col).min() == 0 && ws.map { $0.col + $0.width }.max() == w)
        #expect(ws.map(\.row).min() == 0 && ws.map { $0.row + $0.height }.max() == h)
        if w <= 8 * side {
            let cols = Set(ws.map(\.col)).sorted()
            for (a, b) in zip(cols, cols.dropFirst()) { #expect(b - a <= side) }
        }
    }

    /// Synthetic pairs with land, statics, clouds and moving vessels at 5 m, 512² px: the estimate
    /// is within 0.2 px of the recorded shift, and its whole-pixel part is the rounded estimate
    /// (recorded shifts: (1.51, −0.64), (1, −2), (−0.85, −1.14), (0.57, 0.56) px).
    @Test(arguments: [101, 102, 104, 105] as [UInt64])
    func synthPairShiftIsRecovered(seed: UInt64) throws {
        let spec = SceneSpec(width: 512, height: 512, resolutionM: 5)
        let p = try SceneSynthesizer.make(seed: seed, spec: spec)
        let roles = Dictionary(uniqueKeysWithValues: SyntheticPair.bandNames.enumerated().map { ($1, $0) })
        let before = PlaneCapture(path: "before", bands: p.before, roles: roles, georeference: p.geoReference)
        let after = PlaneCapture(path: "after", bands: p.after, roles: roles, georeference: p.geoReference)
        let scene = try SceneSetup.make(before: before, after: after, parameters: DetectionParameters(), landMask: nil)
        let (tx, ty) = (p.layout.shiftX, p.layout.shiftY)
        #expect(abs(scene.shiftEstimate.dx - tx) < 0.2 && abs(scene.shiftEstimate.dy - ty) < 0.2,
                "seed \(seed): true (\(tx), \(ty)), estimated \(scene.shiftEstimate)")
        #expect(scene.shift.dx == Int(scene.shiftEstimate.dx.rounded()) && scene.shift.dy == Int(scene.shiftEstimate.dy.rounded()))
    }

    @Test func residualBelowThresholdIsNotResampled() {
        #expect(SceneSetup.subPixelResidual(shift: (1, -2), estimate: (1.04, -2.09)) == nil)
        let f = SceneSetup.subPixelResidual(shift: (1, -2), estimate: (1.3, -1.9))
        #expect(abs((f?.dx ?? 9) - 0.3) < 1e-12 && abs((f?.dy ?? 9) - 0.1) < 1e-12)
        #expect(SceneSetup.subPixelResidual(shift: (0, 0), estimate: (.nan, 0.3)) == nil)
    }
}
