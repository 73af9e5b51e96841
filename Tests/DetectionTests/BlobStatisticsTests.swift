import Detection
import Foundation
import Raster
import Testing

@Suite struct BlobStatisticsTests {
    static func blobs(_ fill: (Int, Int) -> Bool, width: Int, height: Int, pixelArea: Double = 1,
                      intensity: ((Int, Int) -> Float)? = nil) -> [BlobStatistics] {
        var keep: [PlaneBuffer] = []
        let m = TestPlanes.plane(UInt8.self, width: width, height: height, keepAlive: &keep)
        TestPlanes.fill(m) { x, y in fill(x, y) ? 1 : 0 }
        let l = TestPlanes.plane(Int32.self, width: width, height: height, keepAlive: &keep)
        var iv: PlaneView<Float>?
        if let intensity {
            let p = TestPlanes.plane(Float.self, width: width, height: height, keepAlive: &keep)
            TestPlanes.fill(p, intensity)
            iv = p
        }
        return ConnectedComponents.blobs(m, intensity: iv, pixelArea: pixelArea, labels: l)
    }

    @Test func axisAlignedRectangle() {
        // 20 columns × 6 rows at col 10, row 5.
        let b = Self.blobs({ x, y in x >= 10 && x < 30 && y >= 5 && y < 11 }, width: 40, height: 20, pixelArea: 100,
                           intensity: { x, y in Float(x + y) })
        #expect(b.count == 1)
        let r = b[0]
        #expect(r.numPixels == 120)
        #expect(r.area == 12000)
        #expect(r.bbox == PixelBox(minRow: 5, minCol: 10, maxRow: 11, maxCol: 30))
        #expect(r.centroid.row == 7.5 && r.centroid.col == 19.5)
        #expect(r.centre == PixelPoint(col: 20, row: 8))
        // skimage: variance of L consecutive integers is (L² − 1)/12, axis = 4·sqrt(var).
        #expect(abs(r.axisMajorLength - 4 * ((400.0 - 1) / 12).squareRoot()) < 1e-9)
        #expect(abs(r.axisMinorLength - 4 * ((36.0 - 1) / 12).squareRoot()) < 1e-9)
        // Wider than tall: the major axis is the column axis, π/2 from the row axis.
        #expect(abs(abs(r.orientation) - .pi / 2) < 1e-12)
        #expect(abs(r.footprint.length - 20) < 1e-9 && abs(r.footprint.width - 6) < 1e-9)
        let corners = r.footprint.corners
        #expect(corners.allSatisfy { abs(abs($0.col - 20) - 10) < 1e-9 && abs(abs($0.row - 8) - 3) < 1e-9 })
        #expect(r.intensityMin == 15 && r.intensityMax == 39)
        #expect(abs(r.intensityMean - 27) < 1e-9)
        let tall = Self.blobs({ x, y in x >= 3 && x < 5 && y >= 1 && y < 9 }, width: 10, height: 10)[0]
        #expect(tall.orientation == 0)
        #expect(tall.intensityMean.isNaN)
    }

    @Test(arguments: [20.0, 45.0, -30.0, 70.0])
    func rotatedRectangleOrientation(degrees: Double) {
        // A 40 × 8 px rectangle rotated so its long axis makes `degrees` with the row axis.
        let t = degrees * .pi / 180
        let u = (col: sin(t), row: cos(t)), v = (col: cos(t), row: -sin(t))
        let c = (col: 50.0, row: 50.0)
        let b = Self.blobs({ x, y in
            let dx = Double(x) + 0.5 - c.col, dy = Double(y) + 0.5 - c.row
            return abs(dx * u.col + dy * u.row) <= 20 && abs(dx * v.col + dy * v.row) <= 4
        }, width: 100, height: 100)
        #expect(b.count == 1)
        let r = b[0]
        #expect(abs(r.orientation - t) < 0.02)
        #expect(abs(r.footprint.length - 40) < 1.0)
        #expect(abs(r.footprint.width - 8) < 1.0)
        #expect(abs(r.centre.col - 50) < 0.3 && abs(r.centre.row - 50) < 0.3)
        // The skimage relation between the footprint and axis lengths (continuous limit).
        #expect(abs(r.axisMajorLength - 4 * ((r.footprint.length * r.footprint.length - 1) / 12).squareRoot()) < 1e-9)
    }

    @Test func axisBearing() {
        func bearing(_ theta: Double) -> Double {
            OrientedFootprint(centre: PixelPoint(col: 0, row: 0), length: 10, width: 2, orientation: theta).axisAngleDegrees
        }
        #expect(abs(bearing(0)) < 1e-9)              // along the rows: up/down
        #expect(abs(bearing(.pi / 2) - 90) < 1e-9)   // along the columns
        #expect(abs(bearing(-.pi / 2) - 90) < 1e-9)
        #expect(abs(bearing(.pi / 4) - 135) < 1e-9)  // major axis (dcol, drow) = (+, +): top-left to bottom-right
        #expect(abs(bearing(-.pi / 4) - 45) < 1e-9)
        // A rasterised bar from bottom-left to top-right bears 45°.
        let b = Self.blobs({ x, y in abs((x - 10) + (y - 10)) <= 0 && abs(x - 10) <= 6 }, width: 21, height: 21)[0]
        #expect(abs(b.footprint.axisAngleDegrees - 45) < 1e-9)
    }

    @Test func squareTieAndSinglePixel() {
        let sq = Self.blobs({ x, y in x < 3 && y < 3 }, width: 5, height: 5)[0]
        #expect(sq.orientation == -.pi / 4) // skimage: a − c == 0 and b == 0 → −π/4
        #expect(sq.eccentricity == 0)
        let one = Self.blobs({ x, y in x == 2 && y == 1 }, width: 5, height: 5)[0]
        #expect(one.axisMajorLength == 0 && one.axisMinorLength == 0)
        #expect(one.footprint.length == 1 && one.footprint.width == 1)
        #expect(one.bbox == PixelBox(minRow: 1, minCol: 2, maxRow: 2, maxCol: 3))
    }

    @Test func mergingMomentsEqualsLabelingTheUnion() {
        let two = Self.blobs({ x, y in (x < 5 && y < 3) || (x >= 8 && x < 12 && y >= 2 && y < 9) }, width: 15, height: 10,
                             intensity: { x, y in Float(x * y) })
        #expect(two.count == 2)
        let merged = two[0].merged(with: two[1])
        // Same pixels as one component: join them with a bridge-free union (compare against direct moments).
        var m = RawMoments()
        for y in 0..<10 { for x in 0..<15 where (x < 5 && y < 3) || (x >= 8 && x < 12 && y >= 2 && y < 9) {
            m.addPixel(row: y, col: x, intensity: Float(x * y))
        } }
        let direct = BlobStatistics(label: 1, moments: m)
        #expect(merged.numPixels == direct.numPixels)
        #expect(merged.bbox == direct.bbox)
        #expect(abs(merged.orientation - direct.orientation) < 1e-12)
        #expect(abs(merged.axisMajorLength - direct.axisMajorLength) < 1e-9)
        #expect(merged.intensityMax == direct.intensityMax && abs(merged.intensityMean - direct.intensityMean) < 1e-9)
    }

    /// Golden values from scikit-image 0.26.0, `regionprops(label(m, connectivity=2), intensity_image=i)`
    /// on the same mask built with numpy (L shape; a 24 × 6 bar rotated 30°; a 5 × 5 square with
    /// a diagonal neighbour; a lone pixel; intensity = flat index % 97):
    /// label, area, bbox, centroid, orientation, axis_major_length, axis_minor_length,
    /// intensity_mean, intensity_max, intensity_min.
    static let skimageGolden: [(Int32, Int, [Int], (Double, Double), Double, Double, Double, Double, Double, Double)] = [
        (1, 102, [5, 3, 25, 20], (11.0, 7.5), -0.6107259643892086, 28.166173565703478, 14.047538337136984, 43.98039215686274, 96.0, 0.0),
        (2, 144, [23, 42, 47, 58], (34.5, 49.5), 0.5205073615499269, 27.894330283405125, 6.873112204354093, 45.673611111111114, 96.0, 0.0),
        (3, 26, [45, 10, 51, 16], (47.11538461538461, 12.115384615384615), 0.7853981633974483, 6.435846357954427, 5.547001962252291, 46.84615384615385, 88.0, 4.0),
        (4, 1, [47, 16, 48, 17], (47.0, 16.0), -0.7853981633974483, 0.0, 0.0, 90.0, 90.0, 90.0),
    ]

    @Test func matchesScikitImageRegionprops() {
        let h = 60, w = 80
        let t = 30 * (Double.pi / 180)
        let inMask: (Int, Int) -> Bool = { x, y in
            if (y >= 5 && y < 8 && x >= 3 && x < 20) || (y >= 5 && y < 25 && x >= 3 && x < 6) { return true }
            let u = (Double(x) + 0.5 - 50) * sin(t) + (Double(y) + 0.5 - 35) * cos(t)
            let v = (Double(x) + 0.5 - 50) * cos(t) - (Double(y) + 0.5 - 35) * sin(t)
            if abs(u) <= 12 && abs(v) <= 3 { return true }
            return (y >= 45 && y < 50 && x >= 10 && x < 15) || (y == 47 && x == 16) || (y == 50 && x == 15)
        }
        let b = Self.blobs(inMask, width: w, height: h, intensity: { x, y in Float((y * w + x) % 97) })
        #expect(b.count == Self.skimageGolden.count)
        for (r, g) in zip(b, Self.skimageGolden) {
            #expect(r.label == g.0)
            #expect(r.numPixels == g.1)
            #expect([r.bbox.minRow, r.bbox.minCol, r.bbox.maxRow, r.bbox.maxCol] == g.2)
            #expect(abs(r.centroid.row - g.3.0) < 1e-12 && abs(r.centroid.col - g.3.1) < 1e-12)
            #expect(abs(r.orientation - g.4) < 1e-12)
            #expect(abs(r.axisMajorLength - g.5) < 1e-10 && abs(r.axisMinorLength - g.6) < 1e-10)
            #expect(abs(r.intensityMean - g.7) < 1e-9 && r.intensityMax == g.8 && r.intensityMin == g.9)
        }
    }
}
