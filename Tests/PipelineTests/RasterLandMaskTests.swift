import Foundation
import GeoReferencing
import GeoTIFF
import Raster
import Testing

@testable import Pipeline

/// Raster land masks (`--land-mask mask.tif`): nearest-neighbour sampling onto the capture
/// grid, whatever the mask's extent and pixel size, and clear refusals.
@Suite struct RasterLandMaskTests {
    static func temporary(_ name: String) -> String {
        NSTemporaryDirectory() + "alongside-rlm-\(getpid())-\(name)"
    }

    /// Writes a uint8 mask whose value at (x, y) is `value(x, y)`.
    static func writeMask(_ path: String, width: Int, height: Int, transform: GeoTransform, epsg: Int,
                          noData: Double? = nil, value: (Int, Int) -> UInt8) throws {
        let b = PlaneBuffer(width: width, height: height, sampleType: .uint8)
        let v = b.view(as: UInt8.self)
        for y in 0..<height { for x in 0..<width { v.row(y)[x] = value(x, y) } }
        try GeoTIFFWriter.write(path: path, bands: [b], geoTransform: transform, crs: try CRS(epsg: epsg), noData: noData,
                                tileSize: 16)
    }

    @Test func coarserShiftedMaskIsSampledUnderPixelCentres() throws {
        // Capture: 10 m pixels from (500 000, 5 000 000). Mask: 25 m pixels from (499 930, 5 000 040),
        // a checkerboard, with nodata 7 on one column (nodata is water).
        let path = Self.temporary("coarse.tif")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let mt = GeoTransform(originX: 499_930, originY: 5_000_040, pixelWidth: 25, pixelHeight: -25)
        func maskValue(_ x: Int, _ y: Int) -> UInt8 { x == 3 ? 7 : UInt8((x + y) % 2) }
        try Self.writeMask(path, width: 12, height: 9, transform: mt, epsg: 32631, noData: 7, value: maskValue)
        let mask = try LandMask.load(path: path)
        #expect(mask.raster != nil && mask.polygons.isEmpty)
        let capture = try TestScene.georeference()
        // Reference grid starts at capture pixel (2, 1).
        let prepared = try mask.prepared(for: capture, originCol: 2, originRow: 1)
        let window = Window(col: 3, row: 5, width: 23, height: 17)
        let plane = PlaneBuffer(width: window.width, height: window.height, sampleType: .uint8)
        try prepared.fill(window: window, into: plane.view(as: UInt8.self))
        var land = 0
        for y in 0..<window.height {
            for x in 0..<window.width {
                // Centre of the pixel in map coordinates, then the mask pixel under it.
                let e = 500_000 + (Double(2 + window.col + x) + 0.5) * 10
                let n = 5_000_000 - (Double(1 + window.row + y) + 0.5) * 10
                let mx = Int(((e - 499_930) / 25).rounded(.down)), my = Int(((5_000_040 - n) / 25).rounded(.down))
                let inside = (0..<12).contains(mx) && (0..<9).contains(my)
                let want: UInt8 = inside && maskValue(mx, my) == 1 ? 1 : 0
                #expect(plane.value(x: x, y: y) == Double(want), "pixel (\(x), \(y)) → mask (\(mx), \(my))")
                land += Int(want)
            }
        }
        #expect(land > 50, "the window should see both land and water")
    }

    @Test func landInARasterMaskRemovesThePairOnIt() throws {
        let (b, a) = try PipelineRunTests.scenes()
        let without = try Pipeline.run(before: b, after: a, parameters: DetectionParameters()).document.events
        #expect(without.contains { $0.change == .newPair })
        // 5 m mask pixels (finer than the captures) marking a 60×60-pixel square around the new pair
        // at capture pixel (180, 100) as land.
        let path = Self.temporary("fine.tif")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let mt = GeoTransform(originX: 500_000, originY: 5_000_000, pixelWidth: 5, pixelHeight: -5)
        try Self.writeMask(path, width: 600, height: 500, transform: mt, epsg: 32631) { x, y in
            (300..<420).contains(x) && (140..<260).contains(y) ? 255 : 0
        }
        let run = try Pipeline.run(before: b, after: a, parameters: DetectionParameters(), landMask: try LandMask.load(path: path))
        let with = run.document.events
        #expect(!with.contains { $0.change == .newPair }, "\(with.map(\.change))")
        #expect(with.contains { $0.change == .joined }, "the joined pair lies outside the land")
    }

    @Test func badMasksAreRefusedWithTheReason() throws {
        let capture = try TestScene.georeference()
        let fine = Self.temporary("fine.tif"), plain = Self.temporary("plain.png")
        let junk = Self.temporary("junk.tif")
        defer { for p in [fine, plain, junk] { try? FileManager.default.removeItem(atPath: p) } }
        try Self.writeMask(fine, width: 4, height: 4, transform: GeoTransform(originX: 500_000, originY: 5_000_000, pixelWidth: 1,
                                                                              pixelHeight: -1), epsg: 32631) { _, _ in 1 }
        try GeoTIFFWriter.write(path: junk, bands: [PlaneBuffer(width: 4, height: 4, sampleType: .uint8)], geoTransform: nil,
                                crs: nil, noData: nil)
        func reason(_ body: () throws -> Void) -> String {
            do { try body() } catch { return "\(error)" }
            return "accepted"
        }
        let tooFine = reason { _ = try LandMask.load(path: fine).prepared(for: capture, originCol: 0, originRow: 0) }
        #expect(tooFine.contains(fine) && tooFine.contains("finer"), "\(tooFine)")
        let noGeo = reason { _ = try LandMask.load(path: junk) }
        #expect(noGeo.contains(junk) && noGeo.contains("georeferenced"), "\(noGeo)")
        try Data("PK\u{3}\u{4} not a raster".utf8).write(to: URL(fileURLWithPath: plain))
        let garbage = reason { _ = try LandMask.load(path: plain) }
        #expect(garbage.contains(plain) && garbage != "accepted", "\(garbage)")
    }

    @Test func maskInAnotherCRSIsSampledThroughPROJ() throws {
        // Capture: UTM 31N, 10 m. Mask: EPSG:4326, 0.00005° pixels (≈ 5.6 × 3.7 m), cells of 7 px
        // alternating land and water, around the capture's first few hundred pixels.
        let path = Self.temporary("geographic.tif")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let capture = try TestScene.georeference()
        let toLonLat = try CoordinateTransformer(from: capture.crs)
        let corner = try toLonLat.lonLat(x: 500_000, y: 5_000_000)
        let mt = GeoTransform(originX: corner.lon - 0.001, originY: corner.lat + 0.001, pixelWidth: 0.00005, pixelHeight: -0.00005)
        func maskValue(_ x: Int, _ y: Int) -> UInt8 { UInt8((x / 7 + y / 7) % 2) }
        try Self.writeMask(path, width: 900, height: 1200, transform: mt, epsg: 4326, value: maskValue)
        let prepared = try LandMask.load(path: path).prepared(for: capture, originCol: 3, originRow: 2)
        let window = Window(col: 5, row: 7, width: 150, height: 131)
        let plane = PlaneBuffer(width: window.width, height: window.height, sampleType: .uint8)
        try prepared.fill(window: window, into: plane.view(as: UInt8.self))
        var checked = 0, wrong = 0, land = 0
        for y in 0..<window.height {
            for x in 0..<window.width {
                let e = 500_000 + (Double(3 + window.col + x) + 0.5) * 10
                let n = 5_000_000 - (Double(2 + window.row + y) + 0.5) * 10
                let ll = try toLonLat.lonLat(x: e, y: n)
                let fx = (ll.lon - mt.c0) / mt.c1, fy = (ll.lat - mt.c3) / mt.c5
                // The lattice interpolation may round differently within 0.01 px of a mask pixel edge.
                let nearEdge = abs(fx - fx.rounded()) < 0.01 || abs(fy - fy.rounded()) < 0.01
                let mx = Int(fx.rounded(.down)), my = Int(fy.rounded(.down))
                let want: UInt8 = (0..<900).contains(mx) && (0..<1200).contains(my) && maskValue(mx, my) == 1 ? 1 : 0
                land += Int(want)
                guard !nearEdge else { continue }
                checked += 1
                if plane.value(x: x, y: y) != Double(want) { wrong += 1 }
            }
        }
        #expect(wrong == 0, "\(wrong) of \(checked) pixels differ from an exact PROJ transform")
        #expect(checked > 15_000 && land > 5_000 && land < checked)
    }
}
