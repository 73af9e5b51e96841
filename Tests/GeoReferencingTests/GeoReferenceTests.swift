import Foundation
import Testing
@testable import GeoReferencing

@Suite struct GeoReferenceTests {
    /// Ground size of a 10 m Web Mercator pixel at 54° N, from the closed forms: along a
    /// parallel Δλ·N·cos φ, along a meridian M·Δφ, with Δλ = 10/a and Δφ = cos φ·10/a.
    @Test func webMercatorPixelAt54North() throws {
        let a = 6_378_137.0, f = 1 / 298.257223563, e2 = f * (2 - f)
        let phi = 54.0 * .pi / 180
        let s2 = sin(phi) * sin(phi)
        let n = a / (1 - e2 * s2).squareRoot()
        let m = a * (1 - e2) / pow(1 - e2 * s2, 1.5)
        let expectedX = 10 / a * n * cos(phi)
        let expectedY = m * cos(phi) * 10 / a
        // Web Mercator y of latitude 54°: a·ln(tan(π/4 + φ/2)).
        let y54 = a * log(tan(.pi / 4 + phi / 2))
        let ref = GeoReference(transform: GeoTransform(originX: 1_000_000, originY: y54 + 5, pixelWidth: 10, pixelHeight: -10),
                               crs: try CRS(epsg: 3857))
        let c = try ref.lonLat(col: 0.5, row: 0.5)
        #expect(abs(c.lat - 54) < 1e-9)
        let s = try ref.groundPixelSize(col: 0.5, row: 0.5)
        #expect(abs(s.x - expectedX) < 1e-6)
        #expect(abs(s.y - expectedY) < 1e-4)
        #expect(abs(try ref.metresPerPixel(col: 0.5, row: 0.5) - 5.88) < 0.01)
    }

    @Test func groundDistanceOfOneDegreeAtEquator() {
        // a·π/180 along the equator.
        let d = GeoReference.groundDistance(lon1: 0, lat1: 0, lon2: 1, lat2: 0)
        #expect(abs(d - 6_378_137.0 * .pi / 180) < 1e-6)
        // Meridian quadrant of WGS 84: 10 001 965.729 m.
        let q = GeoReference.groundDistance(lon1: 0, lat1: 0, lon2: 0, lat2: 90)
        #expect(abs(q - 10_001_965.729) < 1e-3)
    }

    @Test func pixelLonLatRoundTrip() throws {
        let ref = GeoReference(transform: GeoTransform(101985, 300.0379266750948091, 0, 2826915, 0, -300.0417827298049929),
                               crs: try CRS(epsg: 32618))
        for (c, r) in [(0.0, 0.0), (395.5, 359), (791, 718), (-10, 900)] {
            let ll = try ref.lonLat(col: c, row: r)
            let p = try ref.pixel(lon: ll.lon, lat: ll.lat)
            #expect(abs(p.col - c) < 1e-6 && abs(p.row - r) < 1e-6)
        }
    }

    @Test func batchedAgreesWithSinglePoint() throws {
        let ref = GeoReference(transform: GeoTransform(440720, 60, 0, 3751320, 0, -60), crs: try CRS(epsg: 26711))
        let cols = (0..<50).map { Double($0) * 7.3 }, rows = (0..<50).map { Double($0) * 3.1 }
        let b = try ref.lonLat(cols: cols, rows: rows)
        for i in cols.indices {
            let s = try ref.lonLat(col: cols[i], row: rows[i])
            #expect(s.lon == b.lons[i] && s.lat == b.lats[i])
        }
    }

    /// On the ellipsoidal Mercator (EPSG:3395, conformal) grid angles are true angles.
    /// Web Mercator (EPSG:3857) is not conformal on the ellipsoid: only its grid axes are
    /// exactly north and east.
    @Test func azimuthOnConformalNorthUpGrid() throws {
        let web = GeoReference(transform: GeoTransform(originX: 2_000_000, originY: 7_000_000, pixelWidth: 10, pixelHeight: -10),
                               crs: try CRS(epsg: 3857))
        #expect(abs(try web.azimuth(col: 100, row: 100, dCol: 0, dRow: -1)) < 1e-6)
        #expect(abs(try web.azimuth(col: 100, row: 100, dCol: 1, dRow: 0) - 90) < 1e-6)
        #expect(abs(try web.azimuth(col: 100, row: 100, dCol: 0, dRow: 1) - 180) < 1e-6)
        let ref = GeoReference(transform: GeoTransform(originX: 2_000_000, originY: 7_000_000, pixelWidth: 10, pixelHeight: -10),
                               crs: try CRS(epsg: 3395))
        #expect(abs(try ref.azimuth(col: 100, row: 100, dCol: 1, dRow: -1) - 45) < 1e-6)
        #expect(abs(try ref.azimuth(col: 100, row: 100, dCol: -1, dRow: 1) - 225) < 1e-6)
        #expect(throws: GeoError.self) { try ref.azimuth(col: 0, row: 0, dCol: 0, dRow: 0) }
    }

    /// Off its central meridian a UTM grid's north is rotated from true north by the
    /// meridian convergence γ ≈ Δλ·sin φ (first order; negative west of the central
    /// meridian), and "up the image" points at azimuth γ.
    @Test func azimuthShowsUTMConvergence() throws {
        let crs = try CRS(epsg: 32618)  // central meridian 75° W
        let t = try CoordinateTransformer(from: crs)
        let m = try t.map(lon: -78, lat: 40)
        let ref = GeoReference(transform: GeoTransform(originX: m.x, originY: m.y, pixelWidth: 10, pixelHeight: -10), crs: crs)
        let az = try ref.azimuth(col: 0, row: 0, dCol: 0, dRow: -1)
        let gamma = -3 * sin(40 * Double.pi / 180)  // degrees, west of the central meridian
        #expect(abs((az > 180 ? az - 360 : az) - gamma) < 0.02)
    }

    @Test func rotatedGridHeading() throws {
        // 30° clockwise rotation of a Web Mercator grid: image "up" points 30° east of north.
        let r = 30 * Double.pi / 180
        let t = GeoTransform(2_000_000, 10 * cos(r), -10 * sin(r), 7_000_000, -10 * sin(r), -10 * cos(r))
        let ref = GeoReference(transform: t, crs: try CRS(epsg: 3395))
        let az = try ref.azimuth(col: 50, row: 50, dCol: 0, dRow: -1)
        #expect(abs(az - 30) < 1e-6)
        #expect(abs(try ref.azimuth(col: 50, row: 50, dCol: 1, dRow: 0) - 120) < 1e-6)
    }

    @Test func cornersInOrder() throws {
        let ref = GeoReference(transform: GeoTransform(originX: 0, originY: 100, pixelWidth: 1, pixelHeight: -2), crs: try CRS(epsg: 32631))
        let c = ref.cornerCoordinates(width: 10, height: 5)
        #expect(c.upperLeft == MapPoint(x: 0, y: 100))
        #expect(c.lowerLeft == MapPoint(x: 0, y: 90))
        #expect(c.lowerRight == MapPoint(x: 10, y: 90))
        #expect(c.upperRight == MapPoint(x: 10, y: 100))
        #expect(c.center == MapPoint(x: 5, y: 95))
    }

    @Test func transformersPerThreadAgree() throws {
        let ref = GeoReference(transform: GeoTransform(101985, 300, 0, 2826915, 0, -300), crs: try CRS(epsg: 32618))
        let expected = try ref.lonLat(col: 10, row: 20)
        let results = UnsafeMutableBufferPointer<Double>.allocate(capacity: 16)
        defer { results.deallocate() }
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            out[i] = (try? ref.lonLat(col: 10, row: 20).lon) ?? .nan
        }
        for i in 0..<16 { #expect(results[i] == expected.lon) }
    }
}
