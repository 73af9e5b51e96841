import Foundation

/// Land along one edge of the scene with a fractal coastline. `mask(x, y)` is 1 on land,
/// 0 on water, with a one-pixel soft edge (world pixels).
public struct LandArea: Hashable, Sendable {
    /// 0 left, 1 top, 2 right, 3 bottom.
    public var edge: Int
    /// Mean depth of the land from its edge, pixels.
    public var depth: Double
    /// Coastline wiggle amplitude, pixels, and wavelength, pixels.
    public var amplitude: Double
    public var wavelength: Double
    public var noiseSeed: UInt64
    public var width: Int
    public var height: Int

    /// Signed distance-like value: positive on land (pixels beyond the coastline).
    public func inland(_ x: Double, _ y: Double) -> Double {
        let d: Double, t: Double
        switch edge {
        case 0: (d, t) = (x, y)
        case 1: (d, t) = (y, x)
        case 2: (d, t) = (Double(width) - x, y)
        default: (d, t) = (Double(height) - y, x)
        }
        let coast = depth + amplitude * ValueNoise(seed: noiseSeed).fractal(t, 0.5, scale: wavelength, octaves: 4)
        return coast - d
    }

    public func mask(_ x: Double, _ y: Double) -> Double {
        min(1, max(0, 0.5 + inland(x, y)))
    }

    /// The land as a polygon (world pixels): the image edge and the coastline sampled at
    /// `samples + 1` points along it.
    public func outline(samples: Int = 64) -> [(x: Double, y: Double)] {
        let along = Double(edge % 2 == 0 ? height : width)
        let extent = Double(edge % 2 == 0 ? width : height)
        func point(_ t: Double, _ d: Double) -> (x: Double, y: Double) {
            switch edge {
            case 0: (d, t)
            case 1: (t, d)
            case 2: (Double(width) - d, t)
            default: (t, Double(height) - d)
            }
        }
        var pts = [point(0, 0)]
        for k in 0...samples {
            let t = along * Double(k) / Double(samples)
            let coast = depth + amplitude * ValueNoise(seed: noiseSeed).fractal(t, 0.5, scale: wavelength, octaves: 4)
            pts.append(point(t, min(extent, max(0, coast))))
        }
        pts.append(point(along, 0))
        return pts
    }
}
