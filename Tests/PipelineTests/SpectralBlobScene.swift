import Detection
import Foundation
import Raster

@testable import Pipeline

/// A generated two-band blob for the spectral wake rule: shapes drawn in ground metres with an
/// excess over the sea in NIR and in green (in sea standard deviations; each band's σ is 1),
/// blurred like a sensor (erf coverage of each rectangle, as synth draws), plus unit Gaussian
/// noise per band from a fixed seed. The blob is the hysteresis component (|z| ≥ 2.5 connected
/// to the peak, ≥ 5) of the detection contrast: NIR, or green where green is darker than NIR is
/// bright (the pipeline's second band for dark objects).
struct SpectralBlobScene {
    /// One rectangle: centre (metres from the scene centre), length, beam (metres), axis angle
    /// (degrees from +x), excess in NIR and green (sea σ).
    struct Shape {
        var x: Double, y: Double, length: Double, beam: Double, angle: Double, nir: Double, green: Double
    }

    var pixels: [SpectralWakeRule.Pixel] = []
    var box = OrientedBox(centerX: 0, centerY: 0, length: 0, width: 0, angle: 0)
    var peak = 0.0
    let gsd: Double
    let size: Int

    init(_ shapes: [Shape], gsd: Double, sigmaPx: Double = 0.55, seed: UInt64 = 3, size: Int = 96) {
        self.gsd = gsd
        self.size = size
        var rng = SplitMix64(seed: seed)
        let sigma = (sigmaPx * sigmaPx + 1.0 / 12 + (0.5 / gsd) * (0.5 / gsd)).squareRoot()
        let s = sigma * 2.squareRoot()
        var nir = [Double](repeating: 0, count: size * size), green = nir, z = nir
        for r in 0..<size {
            for c in 0..<size {
                let x = (Double(c) + 0.5 - Double(size) / 2) * gsd, y = (Double(r) + 0.5 - Double(size) / 2) * gsd
                var n = 0.0, g = 0.0
                for h in shapes {
                    let t = h.angle * .pi / 180
                    let along = ((x - h.x) * cos(t) + (y - h.y) * sin(t)) / gsd
                    let across = (-(x - h.x) * sin(t) + (y - h.y) * cos(t)) / gsd
                    func cover(_ u: Double, _ half: Double) -> Double { 0.5 * (erf((half - u) / s) + erf((half + u) / s)) }
                    let k = cover(along, h.length / gsd / 2) * cover(across, h.beam / gsd / 2)
                    n += h.nir * k
                    g += h.green * k
                }
                let i = r * size + c
                nir[i] = n + rng.nextGaussian()
                green[i] = g + rng.nextGaussian()
                z[i] = -green[i] > abs(nir[i]) ? green[i] : nir[i]
            }
        }
        guard let members = PeakHysteresis.members(z: z, size: size) else { return }
        pixels = members.map { SpectralWakeRule.Pixel(row: $0 / size, col: $0 % size, nir: Float(nir[$0]), green: Float(green[$0])) }
        box = MergedHullRule.footprint(of: members.map { BlobPixel(row: $0 / size, col: $0 % size) })
        peak = members.map { abs(z[$0]) }.max() ?? 0
    }

    /// The rule's hull for this blob (σ = 1 in both bands), nil when it keeps the blob whole.
    func hull(_ p: DetectionParameters = DetectionParameters()) -> OrientedBox? {
        SpectralWakeRule.hull(pixels: pixels, blob: box, sigma: (1, 1), blurPx: MergedHullRule.blurExtent(peak: peak, parameters: p),
                              metresPerPixel: (gsd, gsd), parameters: p)?.box
    }

    /// Pixel position of a point `(x, y)` metres from the scene centre.
    func pixel(x: Double, y: Double) -> (col: Double, row: Double) {
        (x / gsd + Double(size) / 2, y / gsd + Double(size) / 2)
    }

    /// A hull heading `angle` degrees, centred at `(x, y)` metres, with foam behind its stern:
    /// a turbulent wake `wakeLength` long that widens and fades (synth's law: green excess
    /// `foamGreen`·exp(−s / (0.4·wakeLength)) at distance s behind the stern) and two Kelvin
    /// arms at ±19.47° from the bow, fainter; foam's NIR excess is `foamRatio` × its green
    /// excess (synth draws 0.035 / 0.065 ≈ 0.54).
    static func hullWithFoam(x: Double, y: Double, length: Double, beam: Double, angle: Double, nir: Double, green: Double,
                             wakeLength: Double, foamGreen: Double, foamRatio: Double = 0.54, arms: Bool = true,
                             segments: Int = 6) -> [Shape] {
        var out = [Shape(x: x, y: y, length: length, beam: beam, angle: angle, nir: nir, green: green)]
        let t = angle * .pi / 180, seg = wakeLength / Double(segments)
        for k in 0..<segments {
            let back = length / 2 + seg * (Double(k) + 0.5)
            let g = foamGreen * exp(-(Double(k) + 0.5) / (0.4 * Double(segments)))
            out.append(Shape(x: x - back * cos(t), y: y - back * sin(t), length: seg, beam: beam * (1 + 0.3 * Double(k)),
                             angle: angle, nir: foamRatio * g, green: g))
        }
        if arms {
            let arm = 0.6 * wakeLength, kelvin = 19.47
            for side in [-1.0, 1.0] {
                let a = (angle + 180 + side * kelvin) * .pi / 180
                let cx = x + length / 2 * cos(t) + arm / 2 * cos(a), cy = y + length / 2 * sin(t) + arm / 2 * sin(a)
                out.append(Shape(x: cx, y: cy, length: arm, beam: max(0.6 * beam, 4), angle: angle + 180 + side * kelvin,
                                 nir: foamRatio * 0.3 * foamGreen, green: 0.3 * foamGreen))
            }
        }
        return out
    }
}
