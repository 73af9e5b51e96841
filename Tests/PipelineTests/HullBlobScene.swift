import Detection
import Foundation

@testable import Pipeline

/// A generated blob for the merged-hull rule: hulls drawn in ground metres, blurred like a
/// sensor (Gaussian blur, erf coverage of each rectangle, as synth draws), contrast in
/// sea standard deviations plus unit Gaussian noise from a fixed seed, thresholded by
/// hysteresis (|z| ≥ 2.5 connected to |z| ≥ 5) and the component holding the peak kept.
struct HullBlobScene {
    /// One rectangle: centre (metres from the scene centre), length, beam (metres), axis
    /// angle (degrees from +x), peak contrast (sea σ; negative for a dark hull).
    struct Hull {
        var x: Double, y: Double, length: Double, beam: Double, angle: Double, contrast: Double
    }

    var pixels: [BlobPixel] = []
    var box = OrientedBox(centerX: 0, centerY: 0, length: 0, width: 0, angle: 0)
    var peak = 0.0
    let gsd: Double

    /// `sigmaPx` is the sensor PSF; as synth, the pixel integration (1/12 px²) and a soft hull
    /// edge of 0.5 m are added in quadrature.
    init(_ hulls: [Hull], gsd: Double, sigmaPx: Double = 0.55, seed: UInt64 = 1, size: Int = 96) {
        self.gsd = gsd
        var rng = SplitMix64(seed: seed)
        let sigma = (sigmaPx * sigmaPx + 1.0 / 12 + (0.5 / gsd) * (0.5 / gsd)).squareRoot()
        let s = sigma * 2.squareRoot()
        var z = [Double](repeating: 0, count: size * size)
        for r in 0..<size {
            for c in 0..<size {
                let x = (Double(c) + 0.5 - Double(size) / 2) * gsd, y = (Double(r) + 0.5 - Double(size) / 2) * gsd
                var v = 0.0
                for h in hulls {
                    let t = h.angle * .pi / 180
                    let along = ((x - h.x) * cos(t) + (y - h.y) * sin(t)) / gsd
                    let across = (-(x - h.x) * sin(t) + (y - h.y) * cos(t)) / gsd
                    func cover(_ u: Double, _ half: Double) -> Double { 0.5 * (erf((half - u) / s) + erf((half + u) / s)) }
                    v += h.contrast * cover(along, h.length / gsd / 2) * cover(across, h.beam / gsd / 2)
                }
                z[r * size + c] = v + rng.nextGaussian()
            }
        }
        // Hysteresis from the peak: 8-connected |z| ≥ 2.5.
        guard let members = PeakHysteresis.members(z: z, size: size) else { return }
        pixels = members.map { BlobPixel(row: $0 / size, col: $0 % size, intensity: Float(z[$0])) }
        box = MergedHullRule.footprint(of: pixels.map { BlobPixel(row: $0.row, col: $0.col) })
        peak = pixels.map { abs(Double($0.intensity)) }.max() ?? 0
    }

    /// The merged-hull rule's parts for this blob (nil: one hull).
    func split(_ p: DetectionParameters = DetectionParameters()) -> [OrientedBox]? {
        MergedHullRule.split(pixels: pixels, box: box, peak: peak, metresPerPixel: (gsd, gsd), parameters: p)
    }
}
