import Foundation
import GeoReferencing
import Raster
import TestSupport
import Testing

@testable import Pipeline

/// Seeded mutations of GeoJSON land masks (`--land-mask coast.geojson`): each mutant either
/// loads — and then rasterizes onto a capture grid without trapping — or is refused with a
/// `PipelineError` naming the file. Plus the hostile shapes by hand: degenerate and
/// non-closed rings, a 10⁶-vertex ring, positions off the globe, wrong nesting, deep JSON.
@Suite struct LandMaskMutationTests {
    static func temporary(_ name: String) -> String {
        NSTemporaryDirectory() + "alongside-lmfuzz-\(getpid())-\(name)"
    }

    /// Polygons around the test capture (UTM 31N, 10 m pixels from (500 000, 5 000 000)):
    /// lon ≈ 3.0…3.025, lat ≈ 45.139…45.153 (the 200 × 160 pixels from the origin).
    static let valid = #"""
    {"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"name": "quay"}, "geometry": {"type": "Polygon", "coordinates": [
        [[3.0, 45.14], [3.004, 45.14], [3.004, 45.146], [3.0, 45.146], [3.0, 45.14]],
        [[3.001, 45.141], [3.002, 45.141], [3.002, 45.142], [3.001, 45.141]]]}},
      {"type": "Feature", "properties": null, "geometry": {"type": "MultiPolygon", "coordinates": [
        [[[3.006, 45.143], [3.009, 45.143], [3.0075, 45.1445]]],
        [[[3.0, 45.149], [3.01, 45.149], [3.01, 45.1495], [3.0, 45.1495], [3.0, 45.149]]]]}},
      {"type": "Feature", "geometry": {"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [3.005, 45.145]},
        {"type": "Polygon", "coordinates": [[[3.008, 45.147], [3.0085, 45.147], [3.0085, 45.1475]]]}]}}
    ]}
    """#

    static let tokens = ["\"type\":", "\"Polygon\"", "\"MultiPolygon\"", "\"GeometryCollection\"", "\"coordinates\":",
                         "[[", "]]", "[[[", "]]]", "[3.0, 45.13]", "[1e308, 0]", "[-181, 0]", "[0, 91]", "[3.0]", "[[]]"]

    /// Loads `text` written to a file: nil when refused (with the file named), else the mask
    /// rasterized onto a 200 × 160 window of the test capture.
    @discardableResult
    static func loadAndFill(_ bytes: [UInt8], name: String = "mask.geojson") throws -> Int? {
        let path = temporary(name)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let mask: LandMask
        let prepared: PreparedLandMask
        do {
            mask = try LandMask.load(path: path)
            prepared = try mask.prepared(for: try TestScene.georeference(originY: 5_000_000), originCol: 0, originRow: 0)
        } catch let e as PipelineError {
            #expect(e.description.hasPrefix(path + ": "), "\(e.description)")
            #expect(!e.description.contains("\n"))
            return nil
        } catch let e as CustomStringConvertible {
            // A raster mask (the mutant no longer starts with `{`): the raster readers' errors.
            #expect(e.description.contains(path), "\(e.description)")
            return nil
        }
        let window = Window(col: 0, row: 0, width: 200, height: 160)
        let plane = PlaneBuffer(width: window.width, height: window.height, sampleType: .uint8)
        try prepared.fill(window: window, into: plane.view(as: UInt8.self))
        var land = 0
        let v = plane.view(as: UInt8.self)
        for y in 0..<window.height { for x in 0..<window.width where v.row(y)[x] != 0 { land += 1 } }
        return land
    }

    @Test func validMaskLoadsAndFills() throws {
        let land = try #require(try Self.loadAndFill(Array(Self.valid.utf8)))
        #expect(land > 0)
    }

    @Test func mutatedMasksLoadOrAreRefused() throws {
        var g = SplitMix64(seed: 21)
        var loaded = 0, refused = 0
        for _ in 0..<1200 {
            let m = TextMutator.mutate(Array(Self.valid.utf8), extraTokens: Self.tokens, using: &g)
            if try Self.loadAndFill(m) != nil { loaded += 1 } else { refused += 1 }
        }
        #expect(loaded > 0 && refused > 0, "loaded \(loaded), refused \(refused)")
    }

    @Test(arguments: [
        // (geometry JSON, fragment of the refusal or nil when it loads)
        (#"{"type":"Polygon","coordinates":[]}"#, nil),  // no rings
        (#"{"type":"Polygon","coordinates":[[]]}"#, nil),  // empty ring
        (#"{"type":"Polygon","coordinates":[[[3,45]]]}"#, nil),  // one vertex
        (#"{"type":"Polygon","coordinates":[[[3,45],[3.001,45]]]}"#, nil),  // two vertices, horizontal
        (#"{"type":"Polygon","coordinates":[[[3,45.13],[3.01,45.13],[3.01,45.14]]]}"#, nil),  // not closed
        (#"{"type":"Polygon","coordinates":[[[3,45.13],[3,45.13],[3,45.13],[3,45.13]]]}"#, nil),  // all one point
        (#"{"type":"Polygon","coordinates":[[[1e300,0],[0,1],[1,1]]]}"#, "outside longitude"),
        (#"{"type":"Polygon","coordinates":[[[3,95],[3,45],[4,45]]]}"#, "outside longitude"),
        (#"{"type":"Polygon","coordinates":[[3,45],[4,45],[4,46]]}"#, "not [lon, lat]"),  // one level short
        (#"{"type":"Polygon","coordinates":[[[[3,45]]]]}"#, "not [lon, lat]"),  // one level too deep
        (#"{"type":"Polygon","coordinates":[[["3","45"],[4,45],[4,46]]]}"#, "not [lon, lat]"),
        (#"{"type":"Polygon","coordinates":[[[true,false],[4,45],[4,46]]]}"#, "not [lon, lat]"),
        (#"{"type":"Polygon","coordinates":[[[NaN,45],[4,45],[4,46]]]}"#, "invalid JSON"),
        (#"{"type":"Polygon","coordinates":[[[1e999,45],[4,45],[4,46]]]}"#, "out of range"),
        (#"{"type":"Polygon","coordinates":{"a":1}}"#, "not an array of rings"),
        (#"{"type":"MultiPolygon","coordinates":[[[3,45],[4,45],[4,46]]]}"#, "not [lon, lat]"),
        (#"{"type":"MultiPolygon","coordinates":7}"#, "not an array"),
        (#"{"type":"GeometryCollection","geometries":[1,2]}"#, "not an object"),
        (#"{"type":"GeometryCollection","geometries":{"type":"Polygon"}}"#, "not an array"),
        (#"{"type":"FeatureCollection","features":"none"}"#, "not an array"),
        (#"{"type":"Circle","coordinates":[3,45]}"#, "unknown GeoJSON type"),
        (#"{"coordinates":[3,45]}"#, "no \"type\""),
    ] as [(String, String?)])
    func hostileGeometries(json: String, refusal: String?) throws {
        let path = Self.temporary("hostile.geojson")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        do {
            let m = try LandMask.load(path: path)
            #expect(refusal == nil, "loaded, expected a refusal containing \(refusal ?? "")")
            _ = try Self.loadAndFill(Array(json.utf8))
            _ = m
        } catch let e as PipelineError {
            #expect(refusal != nil && e.description.contains(refusal!), "\(e.description)")
            #expect(e.description.hasPrefix(path + ": land mask: "), "\(e.description)")
        }
    }

    /// Regression: JSONSerialization had no depth limit of ours; a 100 000-deep `[[[[…` is refused
    /// by Report's parser (depth 512) with a position, no stack overflow.
    @Test(arguments: ["[", "{\"type\":\"GeometryCollection\",\"geometries\":["])
    func deepNestingIsRefused(opener: String) throws {
        let text = "{\"type\":\"Polygon\",\"coordinates\":" + String(repeating: opener, count: 100_000)
        #expect(try Self.loadAndFill(Array(text.utf8)) == nil)
    }

    /// A 10⁶-vertex ring (an ellipse ~1.2 km across inside the capture) loads and rasterizes: the
    /// edges are bucketed by row, so each window visits only the edges that reach it. The
    /// result equals the one of the same circle with 1/1000 of the vertices (up to the
    /// polygon's approximation: a few boundary pixels).
    @Test func millionVertexRingLoadsAndFills() throws {
        func circle(_ n: Int) -> String {
            var s = "{\"type\":\"Polygon\",\"coordinates\":[["
            s.reserveCapacity(n * 40)
            for k in 0...n {
                let t = 2 * Double.pi * Double(k % n) / Double(n)
                if k > 0 { s += "," }
                s += "[\(3.012 + 0.008 * cos(t)),\(45.146 + 0.0055 * sin(t))]"
            }
            return s + "]]}"
        }
        let fine = try #require(try Self.loadAndFill(Array(circle(1_000_000).utf8)))
        let coarse = try #require(try Self.loadAndFill(Array(circle(1_000).utf8)))
        #expect(fine > 0 && abs(fine - coarse) <= 40, "fine \(fine), coarse \(coarse)")
    }

    @Test func tooManyVerticesIsRefused() throws {
        var s = "{\"type\":\"MultiPolygon\",\"coordinates\":["
        let ring = "[[[3,45],[3.1,45],[3.1,45.1],[3,45]]]"
        let n = LandMask.maxVertices / 4 + 1
        s += Array(repeating: ring, count: n).joined(separator: ",") + "]}"
        let path = Self.temporary("many.geojson")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(s.utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try LandMask.load(path: path)
        } throws: { e in
            (e as? PipelineError)?.description.contains("more than \(LandMask.maxVertices) vertices") == true
        }
    }

    /// Regression: a vertex whose pixel coordinates do not fit an Int (a capture grid of
    /// absurdly small pixels) trapped in the Int conversion of the span ends.
    @Test func farAwayPixelCoordinatesDoNotTrap() throws {
        let poly: [[SIMD2<Double>]] = [[SIMD2(-1e300, -5), SIMD2(1e300, -5), SIMD2(1e300, 1e300), SIMD2(-1e300, 30)]]
        let prepared = PreparedLandMask(polygons: [poly])
        let window = Window(col: 0, row: 0, width: 16, height: 16)
        let plane = PlaneBuffer(width: 16, height: 16, sampleType: .uint8)
        try prepared.fill(window: window, into: plane.view(as: UInt8.self))
        let v = plane.view(as: UInt8.self)
        #expect(v.row(0)[0] == 1 && v.row(15)[15] == 1)
    }
    /// The fill before edges were bucketed by row (every edge visited for every row): the
    /// reference the bucketed fill must equal pixel for pixel.
    static func referenceFill(_ polygons: [[[SIMD2<Double>]]], window: Window, into mask: PlaneView<UInt8>) {
        var xs: [Double] = []
        for poly in polygons {
            for y in 0..<window.height {
                let cy = Double(window.row + y) + 0.5
                xs.removeAll(keepingCapacity: true)
                for r in poly where r.count >= 2 {
                    var j = r.count - 1
                    for i in 0..<r.count {
                        let a = r[j], c = r[i]
                        if (a.y > cy) != (c.y > cy) { xs.append(a.x + (cy - a.y) / (c.y - a.y) * (c.x - a.x)) }
                        j = i
                    }
                }
                guard xs.count >= 2 else { continue }
                xs.sort()
                var k = 0
                while k + 1 < xs.count {
                    let c0 = max(0, Int((xs[k] - 0.5 - Double(window.col)).rounded(.up)))
                    let c1 = min(window.width, Int((xs[k + 1] - 0.5 - Double(window.col)).rounded(.up)))
                    if c0 < c1 { for x in c0..<c1 { mask.row(y)[x] = 1 } }
                    k += 2
                }
            }
        }
    }

    /// Random polygons (several rings, vertices on and between pixel centres, horizontal edges)
    /// fill exactly as the reference does, in windows at several offsets.
    @Test(arguments: [31 as UInt64, 32, 33, 34])
    func bucketedFillEqualsReference(seed: UInt64) throws {
        var g = SplitMix64(seed: seed)
        var polys: [[[SIMD2<Double>]]] = []
        for _ in 0..<3 {
            var rings: [[SIMD2<Double>]] = []
            for _ in 0..<(1 + Int(g.next() % 3)) {
                let n = 1 + Int(g.next() % 12)
                rings.append((0..<n).map { _ in
                    // Half of the coordinates on the half-pixel lattice (centres), the rest anywhere.
                    g.next() % 2 == 0
                        ? SIMD2(Double(Int(g.next() % 160)) / 2 - 10, Double(Int(g.next() % 160)) / 2 - 10)
                        : SIMD2(g.nextUnit() * 80 - 10, g.nextUnit() * 80 - 10)
                })
            }
            polys.append(rings)
        }
        let prepared = PreparedLandMask(polygons: polys)
        for window in [Window(col: 0, row: 0, width: 64, height: 64), Window(col: 7, row: 13, width: 23, height: 41),
                       Window(col: -5, row: 50, width: 40, height: 30)] {
            let a = PlaneBuffer(width: window.width, height: window.height, sampleType: .uint8)
            let b = PlaneBuffer(width: window.width, height: window.height, sampleType: .uint8)
            try prepared.fill(window: window, into: a.view(as: UInt8.self))
            Self.referenceFill(polys, window: window, into: b.view(as: UInt8.self))
            for y in 0..<window.height {
                for x in 0..<window.width {
                    #expect(a.view(as: UInt8.self).row(y)[x] == b.view(as: UInt8.self).row(y)[x], "\(window) (\(x), \(y))")
                }
            }
        }
    }
}
