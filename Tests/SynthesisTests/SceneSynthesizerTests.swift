import Foundation
import GeoReferencing
import Raster
import Report
import Testing
@testable import Synthesis

@Suite struct SceneSynthesizerTests {
    static func planesEqual(_ a: [PlaneBuffer], _ b: [PlaneBuffer]) -> Bool {
        guard a.count == b.count else { return false }
        for (p, q) in zip(a, b) {
            guard p.width == q.width, p.height == q.height else { return false }
            for y in 0..<p.height where memcmp(p.rowPointer(y), q.rowPointer(y), p.width * 2) != 0 { return false }
        }
        return true
    }

    @Test func sameSeedSameScene() throws {
        let a = try SceneSynthesizer.make(seed: 11, spec: SynthesisFixtures.spec())
        let b = try SceneSynthesizer.make(seed: 11, spec: SynthesisFixtures.spec())
        #expect(Self.planesEqual(a.before, b.before) && Self.planesEqual(a.after, b.after))
        #expect(a.truth == b.truth)
        #expect(GeoJSONWriter.encode(a.truth) == GeoJSONWriter.encode(b.truth))
        let c = try SceneSynthesizer.make(seed: 12, spec: SynthesisFixtures.spec())
        #expect(!Self.planesEqual(a.before, c.before))
    }

    /// Every truth vessel is really drawn: brighter (or darker) than the sea around it at its
    /// centre in its capture; a vessel new in one capture is absent from the other there.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func truthVesselsAreVisibleWhereTruthSaysSo(seed: UInt64) throws {
        var spec = SynthesisFixtures.spec(size: 320)
        spec.content.clouds = false  // thin clouds may legitimately dim a hull
        let p = try SceneSynthesizer.make(seed: seed, spec: spec)
        #expect(!p.truth.vessels.isEmpty)
        for v in p.truth.vessels {
            let planes = v.capture == .after ? p.after : p.before
            let other = v.capture == .after ? p.before : p.after
            let px = try #require(v.pixel)
            let c = Int(px.col), r = Int(px.row)
            let g = p.layout.metresPerPixel
            // Ring of sea samples 1.5 hull lengths away.
            let d = Int((v.lengthM * 1.5 / g).rounded(.up)) + 3
            let ring = [(c - d, r), (c + d, r), (c, r - d), (c, r + d)].filter { $0.0 >= 0 && $0.1 >= 0 && $0.0 < 320 && $0.1 < 320 }
            guard !ring.isEmpty, v.widthM >= 1.5 * g else { continue }
            // Dark hulls are darker than the sea in the visible bands (brighter in NIR); bright ones brighter everywhere.
            let shift = v.capture == .after ? (p.layout.shiftX, p.layout.shiftY) : (0, 0)
            let hull = p.layout.hulls.filter { $0.kind == .vessel }.min { a, b in
                hypot(a.centreX - shift.0 - px.col, a.centreY - shift.1 - px.row)
                    < hypot(b.centreX - shift.0 - px.col, b.centreY - shift.1 - px.row)
            }
            let dark = (hull?.reflectance[1] ?? 1) < p.layout.sea[1]
            let band = dark ? "green" : "red"
            let sea = ring.map { SynthesisFixtures.value(planes, band: band, col: $0.0, row: $0.1) }.sorted()[ring.count / 2]
            let here = SynthesisFixtures.value(planes, band: band, col: c, row: r)
            if !dark {
                #expect(here > sea + 300, "bright vessel at \(c),\(r) (\(v.capture)) seed \(seed): \(here) vs sea \(sea)")
            } else {
                #expect(here < sea - 50, "dark vessel at \(c),\(r) (\(v.capture)) seed \(seed): \(here) vs sea \(sea)")
            }
            if v.isNew == true {
                let shift = v.capture == .after ? (p.layout.shiftX, p.layout.shiftY) : (-p.layout.shiftX, -p.layout.shiftY)
                let oc = Int(px.col + shift.0), orow = Int(px.row + shift.1)
                let there = SynthesisFixtures.value(other, band: band, col: oc, row: orow)
                let otherRing = ring.map { (Int(Double($0.0) + shift.0), Int(Double($0.1) + shift.1)) }
                    .filter { $0.0 >= 0 && $0.1 >= 0 && $0.0 < 320 && $0.1 < 320 }
                let otherSea = otherRing.map { SynthesisFixtures.value(other, band: band, col: $0.0, row: $0.1) }.sorted()
                guard !otherSea.isEmpty else { continue }
                #expect(abs(there - otherSea[otherSea.count / 2]) < abs(here - sea) / 2,
                        "vessel new in \(v.capture) at \(c),\(r) also in the other capture (seed \(seed))")
            }
        }
    }

    /// Truth measures agree with the drawn geometry: lengths, beams, fender gaps, parallel hulls.
    @Test(arguments: [CRSChoice.utm, .webMercator, .geographic])
    func truthGeometryMatchesDrawing(crs: CRSChoice) throws {
        let p = try SceneSynthesizer.make(seed: 5, spec: SynthesisFixtures.spec(size: 400, resolution: 5, crs: crs))
        let g = p.layout.metresPerPixel
        #expect(abs(g - 5) < 0.02, "ground pixel \(g) m for \(crs)")
        let drawn = p.layout.hulls.filter { $0.kind == .vessel }
        for v in p.truth.vessels {
            // The truth length is the geodesic between the drawn ends: equal to the drawn metres within 0.5 %.
            let match = drawn.min { abs($0.lengthM - v.lengthM) < abs($1.lengthM - v.lengthM) }!
            #expect(abs(match.lengthM - v.lengthM) / match.lengthM < 0.005, "\(crs): \(v.lengthM) vs \(match.lengthM)")
            #expect(v.lengthM / v.widthM > 5.9 && v.lengthM / v.widthM < 8.1)
            #expect(v.headingDeg >= 0 && v.headingDeg < 180)
            #expect(v.footprint.count == 4)
        }
        #expect(!p.truth.events.isEmpty)
        for e in p.truth.events {
            #expect(e.vessels.count >= 2)
            #expect(e.gapM >= 2 && e.gapM <= 5)
            #expect(e.headingDifferenceDeg <= 10.01 * Double(e.vessels.count - 1))
            #expect(abs(e.lon - e.vessels.map(\.lon).reduce(0, +) / Double(e.vessels.count)) < 1e-12)
            // Centre-to-centre distance of neighbours ≈ half beams + gap (parallel hulls).
            let d = GroundDistance.metres(e.vessels[0].centre, e.vessels[1].centre)
            #expect(d < e.vessels[0].lengthM, "pair members \(d) m apart")
        }
    }

    /// Truth lon/lat and pixel agree through the scene's georeferencing (each capture's own grid).
    /// Ground pixels are the requested resolution at the centre whatever the projection
    /// (UTM keeps exact map metres: within its scale factor).
    @Test(arguments: [(CRSChoice.utm, 0.002), (.webMercator, 1e-4), (.geographic, 1e-4), (.epsg(3395), 1e-4), (.epsg(27700), 1e-4)])
    func groundResolutionIsRequested(crs: CRSChoice, tolerance: Double) throws {
        let p = try SceneSynthesizer.make(seed: 6, spec: SynthesisFixtures.spec(size: 64, resolution: 10, crs: crs, content: .clean))
        #expect(abs(p.layout.metresPerPixel - 10) / 10 < tolerance, "\(crs): \(p.layout.metresPerPixel)")
    }

    @Test func truthPixelsMapToTruthLonLat() throws {
        let p = try SceneSynthesizer.make(seed: 9, spec: SynthesisFixtures.spec(size: 300, crs: .webMercator))
        for v in p.truth.vessels {
            let px = try #require(v.pixel)
            let ll = try p.geoReference.lonLat(col: px.col, row: px.row)
            #expect(abs(ll.lon - v.lon) < 1e-9 && abs(ll.lat - v.lat) < 1e-9)
        }
        #expect(p.truth.run?.registration == Registration(dxPx: p.layout.shiftX, dyPx: p.layout.shiftY))
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func negativeScenesHaveNoEvents(seed: UInt64) throws {
        let p = try SceneSynthesizer.make(seed: seed, spec: SynthesisFixtures.spec(content: .negative))
        #expect(p.truth.events.isEmpty)
        #expect(!p.layout.groups.contains { [.newPair, .joinedPair, .raft, .disappearedPair, .persistentPair].contains($0.kind) })
        #expect(p.layout.groups.contains { $0.kind == .single })
    }

    @Test func persistentPairsOnlyWhenAsked() throws {
        var spec = SynthesisFixtures.spec(size: 400)
        let a = try SceneSynthesizer.make(seed: 3, spec: spec)
        #expect(a.layout.groups.contains { $0.kind == .persistentPair })
        #expect(!a.truth.events.contains { $0.change == .persistent })
        spec.truthIncludesPersistent = true
        let b = try SceneSynthesizer.make(seed: 3, spec: spec)
        #expect(b.truth.events.contains { $0.change == .persistent && $0.capture == .after })
        let persistentGroups = a.layout.groups.filter { $0.kind == .persistentPair || $0.kind == .platformPair }.count
        #expect(b.truth.events.count == a.truth.events.count + persistentGroups)
        #expect(b.truth.vessels == a.truth.vessels)  // platforms never become vessel records
    }

    /// Sentinel-2 L2A-like levels: water green 200–800 and NIR 100–300 (plus glint), land bright
    /// in NIR so NDWI = (green − nir)/(green + nir) is positive on water and negative on land.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func radiometryAndNDWI(seed: UInt64) throws {
        var spec = SynthesisFixtures.spec()
        spec.content.clouds = false
        spec.content.illuminationChange = false
        let p = try SceneSynthesizer.make(seed: seed, spec: spec)
        let land = try #require(p.layout.land)
        func isWater(_ c: Int, _ r: Int) -> Bool { land.inland(Double(c) + 0.5, Double(r) + 0.5) < -3 }
        func isLand(_ c: Int, _ r: Int) -> Bool { land.inland(Double(c) + 0.5, Double(r) + 0.5) > 3 }
        let green = try #require(SynthesisFixtures.median(p.before, band: "green", where: isWater))
        let nir = try #require(SynthesisFixtures.median(p.before, band: "nir", where: isWater))
        #expect(green >= 200 && green <= 900, "water green \(green)")
        #expect(nir >= 80 && nir <= 400, "water nir \(nir)")
        #expect((green - nir) / (green + nir) > 0.1)
        let lg = try #require(SynthesisFixtures.median(p.before, band: "green", where: isLand))
        let ln = try #require(SynthesisFixtures.median(p.before, band: "nir", where: isLand))
        #expect(ln > 2000, "land nir \(ln)")
        #expect((lg - ln) / (lg + ln) < -0.3)
    }

    /// The after capture is the before scene moved by the recorded shift: a platform (in both)
    /// is found at `centre − shift` in the after grid.
    @Test(arguments: [21, 22, 23, 24] as [UInt64])
    func misregistrationIsRecordedShift(seed: UInt64) throws {
        var spec = SynthesisFixtures.spec(size: 320, resolution: 2)
        spec.content = .negative
        spec.content.clouds = false
        spec.content.illuminationChange = false
        spec.content.farApart = false
        spec.content.movingVessels = false
        spec.content.land = false
        let p = try SceneSynthesizer.make(seed: seed, spec: spec)
        let platforms = p.layout.hulls.filter { $0.kind == .platform }
        try #require(!platforms.isEmpty)
        for h in platforms {
            // Brightness-weighted centroid of the platform in each capture, in a window around it.
            func centroid(_ planes: [PlaneBuffer], _ cx: Double, _ cy: Double) -> (Double, Double) {
                let r = Int(h.lengthM / p.layout.metresPerPixel) + 3
                var sw = 0.0, sxw = 0.0, syw = 0.0
                let base = p.layout.sea[2] * 10_000 * 1.3
                for y in max(0, Int(cy) - r)..<min(320, Int(cy) + r) {
                    for x in max(0, Int(cx) - r)..<min(320, Int(cx) + r) {
                        let v = SynthesisFixtures.value(planes, band: "red", col: x, row: y) - base
                        if v > 0 { sw += v; sxw += v * (Double(x) + 0.5); syw += v * (Double(y) + 0.5) }
                    }
                }
                return (sxw / sw, syw / sw)
            }
            let b = centroid(p.before, h.centreX, h.centreY)
            let a = centroid(p.after, h.centreX - p.layout.shiftX, h.centreY - p.layout.shiftY)
            #expect(abs((b.0 - a.0) - p.layout.shiftX) < 0.25 && abs((b.1 - a.1) - p.layout.shiftY) < 0.25,
                    "seed \(seed): measured (\(b.0 - a.0), \(b.1 - a.1)) vs (\(p.layout.shiftX), \(p.layout.shiftY))")
        }
    }

    @Test(arguments: [0.5, 2, 10] as [Double])
    func resolutionsFromHalfMetreToTen(resolution: Double) throws {
        let p = try SceneSynthesizer.make(seed: 77, spec: SynthesisFixtures.spec(size: 256, resolution: resolution, content: .clean))
        let range = LayoutBuilder.vesselLengthRange(metresPerPixel: p.layout.metresPerPixel, width: 256, height: 256)
        #expect(!p.truth.events.isEmpty, "no pair fits at \(resolution) m")
        for v in p.truth.vessels {
            #expect(v.lengthM >= range.lowerBound * 0.99 && v.lengthM <= range.upperBound * 1.01)
            #expect(v.lengthM / p.layout.metresPerPixel >= 4 * 0.99)
        }
        for e in p.truth.events { #expect(e.merged == (e.gapM < p.layout.metresPerPixel)) }
    }

    @Test func contentCanBeSwitchedOffByName() {
        var c = SceneContent.all
        c.disable(["clouds", "land", "misregistration", "bogus"])
        #expect(!c.clouds && !c.land && !c.misregistration && c.newPairs)
        #expect(c.enabledNames.count == SceneContent.all.enabledNames.count - 3)
        var every = SceneContent.all
        every.disable(SceneContent.all.enabledNames)
        #expect(every.enabledNames.isEmpty)
    }

    @Test func invalidSpecsAreRefused() {
        #expect(throws: SynthesisError.self) { try SceneSynthesizer.make(seed: 1, spec: SynthesisFixtures.spec(size: 8)) }
        #expect(throws: SynthesisError.self) { try SceneSynthesizer.make(seed: 1, spec: SynthesisFixtures.spec(size: 64, resolution: 1)) }
        #expect(throws: SynthesisError.self) { try SceneSynthesizer.make(seed: 1, spec: SynthesisFixtures.spec(resolution: .nan)) }
        var s = SynthesisFixtures.spec()
        s.crs = .epsg(999_999)
        #expect(throws: SynthesisError.self) { try SceneSynthesizer.make(seed: 1, spec: s) }
    }

    @Test func pairsSitOnFendersAtTheRequestedGap() {
        // Slightly non-square ground pixels, as Web Mercator has.
        let scale = GroundScale(x: 2, y: 1.985)
        let placer = LayoutBuilder.Placer(layout: SceneLayout(width: 100, height: 100, scale: scale), spec: SceneSpec())
        let a = SceneHull(kind: .vessel, centreX: 50, centreY: 50, angle: 0.3, lengthM: 120, beamM: 18, bowTaper: 0.1,
                          reflectance: [0.2, 0.2, 0.2, 0.2], inBefore: false, inAfter: true)
        for (delta, gap) in [(0.0, 2.0), (0.17, 3.5), (-0.17, 5.0), (.pi + 0.1, 4.0)] {
            var b = a
            b.angle += delta
            b.lengthM = 80
            b.beamM = 12
            b.centreX += 5
            let placed = placer.alongside(a, b, gapM: gap, side: -1)
            let d = PolygonDistance.distance(a.groundCorners(scale), placed.groundCorners(scale))
            #expect(abs(d - gap) < 0.01, "gap \(d) for \(gap)")
        }
    }
}
