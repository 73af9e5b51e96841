import Foundation

/// A cloud in one capture: a sum of Gaussian blobs (world pixels) whose density sets
/// the opacity, `maxOpacity · (1 − e^(−2·density))`, blending towards `reflectance`.
public struct SceneCloud: Hashable, Sendable {
    public struct Blob: Hashable, Sendable {
        public var x: Double, y: Double, sigma: Double, weight: Double
    }

    public var inBefore: Bool
    public var blobs: [Blob]
    public var maxOpacity: Double
    public var reflectance: [Double]

    /// Opacity 0…1 at world point `(x, y)` (without the texture modulation).
    public func opacity(_ x: Double, _ y: Double) -> Double {
        var d = 0.0
        for b in blobs {
            let dx = x - b.x, dy = y - b.y
            let r2 = dx * dx + dy * dy
            if r2 < 16 * b.sigma * b.sigma { d += b.weight * exp(-r2 / (2 * b.sigma * b.sigma)) }
        }
        return maxOpacity * (1 - exp(-2 * d))
    }

    /// World-pixel bounding box (3σ around every blob): minX, minY, maxX, maxY.
    public var bounds: (Double, Double, Double, Double) {
        var b = (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)
        for k in blobs {
            b.0 = min(b.0, k.x - 4 * k.sigma)
            b.1 = min(b.1, k.y - 4 * k.sigma)
            b.2 = max(b.2, k.x + 4 * k.sigma)
            b.3 = max(b.3, k.y + 4 * k.sigma)
        }
        return b
    }
}
