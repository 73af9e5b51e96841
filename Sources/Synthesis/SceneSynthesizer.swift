import Foundation
import GeoReferencing
import Raster
import Report

/// Makes a synthetic before/after pair with truth, deterministically from a seed.
///
/// Same seed and spec → identical layout, pixels and truth on every run and machine (own
/// PRNG: xoshiro256** seeded by SplitMix64; no system randomness, no clock).
public enum SceneSynthesizer {
    /// Recorded as the truth's tool version; bump when the same seed starts drawing a different scene.
    public static let version = "alongside-synth 2"

    /// The pair with both captures drawn.
    public static func make(seed: UInt64, spec: SceneSpec = SceneSpec()) throws -> SyntheticPair {
        SyntheticPair(plan: try plan(seed: seed, spec: spec))
    }

    /// Layout, georeferencing, times and truth, without pixels (see ``ScenePlan/render(after:)``).
    public static func plan(seed: UInt64, spec: SceneSpec = SceneSpec()) throws -> ScenePlan {
        guard spec.width >= 16, spec.height >= 16, spec.width <= 20_000, spec.height <= 20_000 else {
            throw SynthesisError.invalidSpec(reason: "size \(spec.width)×\(spec.height) outside 16…20000 pixels")
        }
        guard spec.resolutionM.isFinite, spec.resolutionM >= 0.1, spec.resolutionM <= 100 else {
            throw SynthesisError.invalidSpec(reason: "resolution \(spec.resolutionM) m outside 0.1…100 m")
        }
        guard Double(min(spec.width, spec.height)) * spec.resolutionM >= 100 else {
            throw SynthesisError.invalidSpec(
                reason: "\(spec.width)×\(spec.height) pixels of \(spec.resolutionM) m cover less than 100 m: no room for vessels")
        }
        guard spec.maxShiftPx >= 0, spec.maxShiftPx <= 16 else {
            throw SynthesisError.invalidSpec(reason: "largest shift \(spec.maxShiftPx) px outside 0…16")
        }
        var rng = SceneRandom(seed: seed, stream: 0)
        let site = OceanLocations.all[rng.int(in: 0...(OceanLocations.all.count - 1))]
        let jitter = (rng.uniform(-0.05, 0.05), rng.uniform(-0.05, 0.05))
        let centre = spec.location ?? LonLat(lon: site.centre.lon + jitter.0, lat: site.centre.lat + jitter.1)
        let name = spec.location == nil ? site.name : "given location"
        guard (-180...180).contains(centre.lon), (-85...85).contains(centre.lat) else {
            throw SynthesisError.invalidSpec(reason: "location \(centre) outside ±180° / ±85°")
        }
        let geo = try georeference(spec: spec, centre: centre)
        let transformer: CoordinateTransformer
        let scale: GroundScale
        do {
            transformer = try geo.transformer()
            let g = try geo.groundPixelSize(col: Double(spec.width) / 2, row: Double(spec.height) / 2, using: transformer)
            scale = GroundScale(x: g.x, y: g.y)
        } catch {
            throw SynthesisError.georeferencing(reason: "\(error)")
        }
        // Capture times: a Sentinel-2-like morning pass (10:30 local solar time), 5–15 days apart.
        let day = Double(rng.int(in: 0...700))
        let utcHours = 10.5 - centre.lon / 15
        let beforeTime = Date(timeIntervalSince1970: 1_704_067_200 + day * 86_400 + (utcHours * 3600).rounded())
        let afterTime = beforeTime.addingTimeInterval(Double(5 * rng.int(in: 1...3)) * 86_400 + Double(rng.int(in: -30...30)))

        let layout = LayoutBuilder.make(spec: spec, seed: seed, scale: scale)
        let noiseSeed = SplitMix64.mix(seed ^ 0x4E01_5E5E_ED00_0000)
        let truth = try TruthBuilder.build(.init(layout: layout, geo: geo, transformer: transformer, spec: spec, seed: seed,
                                                 beforeTime: beforeTime, afterTime: afterTime))
        return ScenePlan(seed: seed, spec: spec, layout: layout, geoReference: geo, locationName: name,
                         beforeTime: beforeTime, afterTime: afterTime, truth: truth, noiseSeed: noiseSeed)
    }

    /// The grid: centred on `centre`, ground pixels of about `resolutionM` metres, square at the centre.
    static func georeference(spec: SceneSpec, centre: LonLat) throws -> GeoReference {
        let code: Int
        switch spec.crs {
        case .utm:
            let zone = min(60, max(1, Int(((centre.lon + 180) / 6).rounded(.down)) + 1))
            code = (centre.lat >= 0 ? 32600 : 32700) + zone
        case .webMercator: code = 3857
        case .geographic: code = 4326
        case .epsg(let c): code = c
        }
        let crs: CRS
        do { crs = try CRS(epsg: code) } catch {
            throw SynthesisError.georeferencing(reason: "EPSG:\(code): \(error)")
        }
        let w = Double(spec.width), h = Double(spec.height), r = spec.resolutionM
        let latRad = centre.lat * .pi / 180
        if crs.isGeographic {
            // Degrees per ground metre from the WGS 84 radii of curvature at the centre.
            let e2 = 0.006_694_379_990_14, a = 6_378_137.0
            let s = sin(latRad), wq = (1 - e2 * s * s).squareRoot()
            let m = a * (1 - e2) / (wq * wq * wq), n = a / wq
            let dLat = r / (m * .pi / 180), dLon = r / (n * cos(latRad) * .pi / 180)
            let gt = GeoTransform(originX: centre.lon - w / 2 * dLon, originY: centre.lat + h / 2 * dLat,
                                  pixelWidth: dLon, pixelHeight: -dLat)
            return GeoReference(transform: gt, crs: crs)
        }
        let t: CoordinateTransformer
        let mapCentre: (x: Double, y: Double)
        do {
            t = try CoordinateTransformer.cached(from: crs)
            mapCentre = try t.map(lon: centre.lon, lat: centre.lat)
        } catch {
            throw SynthesisError.georeferencing(reason: "EPSG:\(code) cannot place \(centre): \(error)")
        }
        guard mapCentre.x.isFinite, mapCentre.y.isFinite else {
            throw SynthesisError.georeferencing(reason: "EPSG:\(code) cannot place \(centre)")
        }
        // UTM (zone 326zz/327zz): map pixels of exactly `r`, as real products have; the scale
        // factor makes the ground pixel differ by < 0.1 % near the zone (measured, and used).
        // Any other projection (Web Mercator, World Mercator, national grids, polar): pixels
        // scaled so the mean ground pixel at the centre is `r` (Web Mercator ≈ r / cos φ).
        let isUTM = (32601...32660).contains(code) || (32701...32760).contains(code)
        var px = code == 3857 ? r / cos(latRad) : r
        if !isUTM {
            let trial = GeoReference(transform: GeoTransform(originX: mapCentre.x - w / 2 * px, originY: mapCentre.y + h / 2 * px,
                                                             pixelWidth: px, pixelHeight: -px), crs: crs)
            if let m = try? trial.metresPerPixel(col: w / 2, row: h / 2, using: t), m > 0, m.isFinite { px *= r / m }
        }
        // Round the pixel size to a micrometre and the origin to whole pixels of the centre: tidy numbers in the files.
        px = (px * 1e6).rounded() / 1e6
        let ox = ((mapCentre.x - w / 2 * px) / px).rounded() * px
        let oy = ((mapCentre.y + h / 2 * px) / px).rounded() * px
        return GeoReference(transform: GeoTransform(originX: ox, originY: oy, pixelWidth: px, pixelHeight: -px), crs: crs)
    }
}
