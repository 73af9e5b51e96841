import Detection
import Foundation
import GeoReferencing
import Pipeline
import Raster

/// A small synthetic scene drawn by the tests: sea with Gaussian noise and bright
/// rectangular hulls, uint16, 10 m UTM pixels (EPSG:32631). Fixed seeds.
struct TestHull {
    var col: Double, row: Double       // centre, pixels
    var length: Double, width: Double  // metres
    var headingDeg: Double             // axis angle, degrees clockwise from up
    var brightness: Double = 1500
}

enum TestScene {
    static func georeference(originX: Double = 500_000, originY: Double = 5_000_000) throws -> GeoReference {
        GeoReference(transform: GeoTransform(originX: originX, originY: originY, pixelWidth: 10, pixelHeight: -10),
                     crs: try CRS(epsg: 32631))
    }

    static func plane(width: Int, height: Int, seed: UInt64, hulls: [TestHull], sea: Double = 400,
                      noise: Double = 15) -> PlaneBuffer {
        var rng = SplitMix64(seed: seed)
        let out = PlaneBuffer(width: width, height: height, sampleType: .uint16)
        let v = out.view(as: UInt16.self)
        // Hull signal on a flat sea first (blurred below), noise added after the blur.
        var img = [Double](repeating: sea, count: width * height)
        let sea0 = img
        for h in hulls {
            let a = h.headingDeg * .pi / 180
            let ux = sin(a), uy = -cos(a)  // along the hull, pixels (col, row)
            let hl = h.length / 20, hw = h.width / 20
            let r = Int(hl + hw) + 2
            for y in max(0, Int(h.row) - r)..<min(height, Int(h.row) + r) {
                for x in max(0, Int(h.col) - r)..<min(width, Int(h.col) + r) {
                    var cover = 0.0
                    for sy in 0..<4 {
                        for sx in 0..<4 {
                            let px = Double(x) + (Double(sx) + 0.5) / 4 - h.col
                            let py = Double(y) + (Double(sy) + 0.5) / 4 - h.row
                            let along = px * ux + py * uy, across = -px * uy + py * ux
                            if abs(along) <= hl && abs(across) <= hw { cover += 1 / 16 }
                        }
                    }
                    img[y * width + x] += cover * h.brightness
                }
            }
        }
        // The sensor's blur: a separable [1 2 1]/4 kernel (Gaussian σ ≈ 0.7 px) on the hull signal.
        var blurred = img
        for pass in 0..<2 {
            let src = blurred
            for y in 0..<height {
                for x in 0..<width {
                    let (dx, dy) = pass == 0 ? (1, 0) : (0, 1)
                    let xa = max(0, x - dx), xb = min(width - 1, x + dx), ya = max(0, y - dy), yb = min(height - 1, y + dy)
                    blurred[y * width + x] = (src[ya * width + xa] + 2 * src[y * width + x] + src[yb * width + xb]) / 4
                }
            }
        }
        for i in img.indices { img[i] = sea + noise * rng.nextGaussian() + (blurred[i] - sea0[i]) }
        for y in 0..<height {
            for x in 0..<width { v[x, y] = UInt16(max(0, min(65535, img[y * width + x].rounded()))) }
        }
        return out
    }

    static func capture(_ name: String, width: Int = 320, height: Int = 320, seed: UInt64, hulls: [TestHull],
                        originX: Double = 500_000, originY: Double = 5_000_000) throws -> PlaneCapture {
        PlaneCapture(path: name, bands: [plane(width: width, height: height, seed: seed, hulls: hulls)],
                     georeference: try georeference(originX: originX, originY: originY))
    }

    /// A pair alongside (150 m + 110 m, 5 m gap) at heading 30°, ready to place.
    static func pair(col: Double, row: Double, heading: Double = 30) -> [TestHull] {
        let a = heading * .pi / 180
        // Perpendicular offset: (25/2 + 5 + 18/2) m = 26.5 m = 2.65 px.
        let px = cos(a) * 2.65, py = sin(a) * 2.65
        return [TestHull(col: col, row: row, length: 150, width: 25, headingDeg: heading),
                TestHull(col: col + px, row: row + py, length: 110, width: 18, headingDeg: heading)]
    }
}
