import Foundation
import GeoReferencing
import Raster
import Testing

@testable import Pipeline

@Suite struct AlignmentTests {
    func capture(_ name: String, width: Int, height: Int, originX: Double, originY: Double, pixel: Double = 10,
                 epsg: Int = 32631) throws -> PlaneCapture {
        PlaneCapture(path: name, bands: [PlaneBuffer(width: width, height: height, sampleType: .uint16)],
                     georeference: GeoReference(transform: GeoTransform(originX: originX, originY: originY,
                                                                        pixelWidth: pixel, pixelHeight: -pixel),
                                                crs: try CRS(epsg: epsg)))
    }

    @Test func differentExtentsAreCroppedToTheOverlap() throws {
        // Before starts 30 px right and 20 px down of after.
        let after = try capture("a", width: 100, height: 80, originX: 500_000, originY: 5_000_000)
        let before = try capture("b", width: 100, height: 100, originX: 500_300, originY: 4_999_800)
        let a = try Alignment(before: before, after: after)
        #expect(a.width == 70 && a.height == 60)
        #expect(a.afterCol == 30 && a.afterRow == 20)
        #expect(a.beforeCol == 0 && a.beforeRow == 0)
        // Reference pixel (0,0) is the same ground point in both.
        let ga = after.georeference!.map(col: Double(a.afterCol), row: Double(a.afterRow))
        let gb = before.georeference!.map(col: Double(a.beforeCol), row: Double(a.beforeRow))
        #expect(ga.x == gb.x && ga.y == gb.y)
    }

    @Test func differentCRSIsAnErrorThatSuggestsGdalwarp() throws {
        let after = try capture("a.tif", width: 10, height: 10, originX: 0, originY: 0)
        let before = try capture("b.tif", width: 10, height: 10, originX: 0, originY: 0, epsg: 32632)
        #expect {
            try Alignment(before: before, after: after)
        } throws: { e in
            guard let e = e as? PipelineError, case .crsMismatch = e else { return false }
            return e.description.contains("gdalwarp") && e.description.contains("b.tif")
        }
    }

    @Test func differentPixelSizeIsAnError() throws {
        let after = try capture("a", width: 10, height: 10, originX: 0, originY: 0)
        let before = try capture("b", width: 10, height: 10, originX: 0, originY: 0, pixel: 20)
        #expect(throws: PipelineError.self) { try Alignment(before: before, after: after) }
    }

    @Test func disjointCapturesAreAnError() throws {
        let after = try capture("a", width: 10, height: 10, originX: 0, originY: 0)
        let before = try capture("b", width: 10, height: 10, originX: 1000, originY: 0)
        #expect(throws: PipelineError.noOverlap(before: "b", after: "a")) { try Alignment(before: before, after: after) }
    }
}

@Suite struct LandMaskTests {
    @Test func polygonWithHoleIsFilledEvenOdd() throws {
        // A 10×10 px square with a 4×4 hole, in pixel coordinates.
        let outer: [SIMD2<Double>] = [[2, 2], [12, 2], [12, 12], [2, 12], [2, 2]]
        let hole: [SIMD2<Double>] = [[5, 5], [9, 5], [9, 9], [5, 9], [5, 5]]
        let m = PreparedLandMask(polygons: [[outer, hole]])
        let plane = PlaneBuffer(width: 16, height: 16, sampleType: .uint8)
        try m.fill(window: Window(width: 16, height: 16), into: plane.view(as: UInt8.self))
        var count = 0
        for y in 0..<16 { for x in 0..<16 where plane.value(x: x, y: y) != 0 { count += 1 } }
        #expect(count == 100 - 16)
        #expect(plane.value(x: 2, y: 2) == 1 && plane.value(x: 11, y: 11) == 1)
        #expect(plane.value(x: 6, y: 6) == 0 && plane.value(x: 1, y: 5) == 0 && plane.value(x: 12, y: 5) == 0)
        // A window offset into the grid sees the same pixels.
        let part = PlaneBuffer(width: 8, height: 8, sampleType: .uint8)
        try m.fill(window: Window(col: 4, row: 4, width: 8, height: 8), into: part.view(as: UInt8.self))
        for y in 0..<8 { for x in 0..<8 { #expect(part.value(x: x, y: y) == plane.value(x: x + 4, y: y + 4)) } }
    }

    @Test func geoJSONIsParsed() throws {
        let path = NSTemporaryDirectory() + "land-\(getpid()).geojson"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":
            {"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}}]}
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let m = try LandMask.load(path: path)
        #expect(m.polygons.count == 2)
        try "not json".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: PipelineError.self) { try LandMask.load(path: path) }
    }
}
