import Foundation

/// Decides a scene's content from the seed: radiometry, land, object groups, clouds.
/// Every size is chosen in ground metres and converted with `metresPerPixel`.
enum LayoutBuilder {
    /// Smallest vessel drawn: 20 m, and never under four pixels long (a shorter one is
    /// not a resolvable hull at that resolution).
    static func vesselLengthRange(metresPerPixel g: Double, width: Int, height: Int) -> ClosedRange<Double> {
        let lo = max(20, 4 * g)
        let hi = max(lo * 1.25, min(350, 0.2 * Double(min(width, height)) * g))
        return lo...hi
    }

    static func make(spec: SceneSpec, seed: UInt64, scale: GroundScale) -> SceneLayout {
        let g = scale.mean
        var rng = SceneRandom(seed: seed, stream: 1)
        let c = spec.content
        var L = SceneLayout(width: spec.width, height: spec.height, scale: scale)

        // Radiometry (reflectance 0…1; files hold reflectance × 10 000 like Sentinel-2 L2A).
        L.sea = [rng.uniform(0.05, 0.09), rng.uniform(0.03, 0.07), rng.uniform(0.015, 0.04), rng.uniform(0.01, 0.025)]
        L.landReflectance = [rng.uniform(0.04, 0.07), rng.uniform(0.06, 0.10), rng.uniform(0.05, 0.10), rng.uniform(0.25, 0.38)]
        L.seaTextureAmplitude = rng.uniform(0.02, 0.06)
        L.seaTextureWavelength = max(4, rng.uniform(300, 900) / g)
        L.seaSeeds = (rng.next(), rng.next())
        L.landSeed = rng.next()
        L.glint = (0..<2).map { _ in
            let a = rng.uniform(0, 2 * .pi)
            return SceneLayout.Glint(strength: rng.uniform(0, 0.015), dirX: cos(a), dirY: sin(a))
        }
        if c.illuminationChange {
            let gain = rng.uniform(0.85, 1.2)
            L.gain = (0..<4).map { _ in gain * rng.uniform(0.97, 1.03) }
            L.offset = (0..<4).map { _ in rng.uniform(-0.008, 0.008) }
        }
        // Finer pixels collect less light: noise grows slowly as the pixel shrinks.
        let noiseScale = min(2.5, pow(10 / g, 0.25))
        let baseNoise = rng.uniform(0.0008, 0.0015) * noiseScale
        L.noiseSigma = [baseNoise, baseNoise, baseNoise * 1.05, baseNoise * 0.9]
        L.psfSigmaPx = rng.uniform(0.45, 0.6)
        if c.misregistration && spec.maxShiftPx > 0 {
            let m = spec.maxShiftPx
            if rng.chance(0.5) {
                L.shiftX = rng.uniform(-m, m).rounded()
                L.shiftY = rng.uniform(-m, m).rounded()
            } else {
                L.shiftX = (rng.uniform(-m, m) * 100).rounded() / 100
                L.shiftY = (rng.uniform(-m, m) * 100).rounded() / 100
            }
        }
        if c.land {
            let edge = rng.int(in: 0...3)
            let extent = Double(edge % 2 == 0 ? spec.width : spec.height)
            let along = Double(edge % 2 == 0 ? spec.height : spec.width)
            L.land = LandArea(edge: edge, depth: rng.uniform(0.08, 0.25) * extent, amplitude: 0.06 * extent,
                              wavelength: 0.3 * along, noiseSeed: rng.next(), width: spec.width, height: spec.height)
        }

        var placer = Placer(layout: L, spec: spec)
        placer.placeGroups(&rng)
        if c.land && c.landChanges { placer.placeLandObjects(&rng) }
        if c.clouds { placer.placeClouds(&rng) }
        return placer.layout
    }

    /// Places groups one by one with rejection sampling.
    struct Placer {
        var layout: SceneLayout
        let spec: SceneSpec
        let s: GroundScale
        /// Mean metres per pixel, for sizes that need not be exact (clearances, margins).
        let g: Double
        /// Placed group circles (world pixels): centre and radius.
        var circles: [(x: Double, y: Double, r: Double)] = []

        init(layout: SceneLayout, spec: SceneSpec) {
            self.layout = layout
            self.spec = spec
            self.s = layout.scale
            self.g = layout.scale.mean
        }

        var lengths: ClosedRange<Double> {
            LayoutBuilder.vesselLengthRange(metresPerPixel: g, width: spec.width, height: spec.height)
        }

        /// Groups apart by at least 250 m (more than any sensible `--max-gap`), and 12 pixels.
        var clearancePx: Double { max(12, 250 / g) }

        /// Pixels kept free at the image border: the shift, the blur and a little more.
        var borderPx: Double { spec.maxShiftPx + 6 }

        mutating func placeGroups(_ rng: inout SceneRandom) {
            let c = spec.content
            let kinds: [(SceneGroup.Kind, Bool, Double)] = [
                (.newPair, c.newPairs, 3), (.joinedPair, c.joinedPairs, 2), (.raft, c.rafts, 1),
                (.disappearedPair, c.disappearedPairs, 1), (.persistentPair, c.persistentPairs, 1),
                (.farApart, c.farApart, 1), (.moving, c.movingVessels, 1), (.single, c.singles, 4),
                (.platform, c.statics, 1), (.platformPair, c.statics, 1),
            ]
            let enabled = kinds.filter(\.1)
            guard !enabled.isEmpty else { return }
            let areaKm2 = Double(spec.width * spec.height) * g * g / 1e6
            let total = max(enabled.count, Int((areaKm2 * spec.groupsPerKm2).rounded()))
            var plan = enabled.map(\.0)
            let weightSum = enabled.map(\.2).reduce(0, +)
            while plan.count < total {
                var r = rng.uniform(0, weightSum)
                for (k, _, w) in enabled {
                    r -= w
                    if r < 0 { plan.append(k); break }
                }
                if r >= 0 { plan.append(enabled.last!.0) }
            }
            for kind in plan { _ = place(kind, &rng) }
        }

        /// Tries up to 300 random positions; returns whether the group was placed.
        mutating func place(_ kind: SceneGroup.Kind, _ rng: inout SceneRandom) -> Bool {
            for _ in 0..<300 {
                let cx = rng.uniform(0, Double(spec.width)), cy = rng.uniform(0, Double(spec.height))
                let angle = rng.uniform(0, 2 * .pi)
                let (hulls, gaps) = build(kind, cx: cx, cy: cy, angle: angle, &rng)
                guard !hulls.isEmpty, hulls.allSatisfy(fits) else { continue }
                let gx = hulls.map(\.centreX).reduce(0, +) / Double(hulls.count)
                let gy = hulls.map(\.centreY).reduce(0, +) / Double(hulls.count)
                let r = hulls.map { h in
                    hypot(h.centreX - gx, h.centreY - gy) + (max(h.lengthM, h.beamM) / 2 + h.wakeLengthM) / g
                }.max()!
                guard circles.allSatisfy({ hypot($0.x - gx, $0.y - gy) >= $0.r + r + clearancePx }) else { continue }
                circles.append((gx, gy, r))
                let first = layout.hulls.count
                layout.hulls += hulls
                layout.groups.append(SceneGroup(kind: kind, hulls: Array(first..<layout.hulls.count), gapsM: gaps))
                return true
            }
            return false
        }

        /// Inside the image (minus the border) and on open water with a margin.
        func fits(_ h: SceneHull) -> Bool {
            let pts = h.corners(s)
            let margin = borderPx
            for p in pts + [(h.centreX, h.centreY)] {
                guard p.0 >= margin, p.1 >= margin, p.0 <= Double(spec.width) - margin,
                      p.1 <= Double(spec.height) - margin else { return false }
                if let land = layout.land, land.inland(p.0, p.1) > -4 { return false }
            }
            if let land = layout.land, h.wakeLengthM > 0 {
                // Keep the wake's start on water too.
                let p = h.point(u: -(h.lengthM / 2 + min(h.wakeLengthM, 500)), v: 0, s)
                if land.inland(p.x, p.y) > -4 { return false }
            }
            return true
        }

        /// A quarter of hulls are dark (dark-painted decks, laden low in the water): 30–60 % of
        /// the sea's reflectance in the visible bands; in NIR, where water absorbs almost
        /// everything, still 0.01–0.04 above the sea. The rest are bright decks, 0.12–0.35 with a
        /// colour tint (white, grey, red, green, buff).
        func hullReflectance(_ rng: inout SceneRandom) -> [Double] {
            let sea = layout.sea
            if rng.chance(0.25) {
                let f = rng.uniform(0.3, 0.6)
                return [sea[0] * f * rng.uniform(0.9, 1.1), sea[1] * f, sea[2] * f * rng.uniform(0.9, 1.1),
                        sea[3] + rng.uniform(0.01, 0.04)]
            }
            let b = rng.uniform(0.12, 0.35)
            let tints: [[Double]] = [[1, 1, 1, 1], [0.95, 1, 1.02, 0.95], [0.55, 0.65, 1.25, 1.05], [0.8, 0.9, 0.85, 0.9],
                                     [1.1, 1.05, 0.8, 0.85]]
            return rng.pick(tints).map { $0 * b }
        }

        func vessel(_ rng: inout SceneRandom, length: Double, cx: Double, cy: Double, angle: Double,
                    before: Bool, after: Bool) -> SceneHull {
            SceneHull(kind: .vessel, centreX: cx, centreY: cy, angle: angle, lengthM: length,
                      beamM: length / rng.uniform(6, 8), bowTaper: rng.uniform(0.08, 0.18),
                      reflectance: hullReflectance(&rng), inBefore: before, inAfter: after)
        }

        /// Moves `b` along `a`'s normal (on `side`) until the outlines are `gapM` apart.
        func alongside(_ a: SceneHull, _ b: SceneHull, gapM: Double, side: Double) -> SceneHull {
            var b = b
            let (ux, uy) = a.axis
            // Metres along a's axis from a's centre to b's centre, kept; the offset across is solved for.
            let along = (b.centreX - a.centreX) * s.x * ux + (b.centreY - a.centreY) * s.y * uy
            var offset = a.beamM / 2 + b.beamM / 2 + gapM + max(a.lengthM, b.lengthM)
            for _ in 0..<40 {
                let p = a.point(u: along, v: side * offset, s)
                (b.centreX, b.centreY) = (p.x, p.y)
                let d = PolygonDistance.distance(a.groundCorners(s), b.groundCorners(s))
                let err = d - gapM
                if abs(err) < 1e-4 { break }
                offset -= err
            }
            return b
        }

        mutating func build(_ kind: SceneGroup.Kind, cx: Double, cy: Double, angle: Double,
                            _ rng: inout SceneRandom) -> ([SceneHull], [Double]) {
            let lr = lengths
            func pairMember(_ mother: SceneHull, before: Bool, after: Bool, side: Double) -> (SceneHull, Double) {
                let len = max(lr.lowerBound, mother.lengthM * rng.uniform(0.45, 1.0))
                let delta = rng.uniform(-10, 10) * .pi / 180 + (rng.chance(0.5) ? .pi : 0)  // bow to bow or bow to stern
                let start = mother.point(u: rng.uniform(-0.2, 0.2) * mother.lengthM, v: 0, s)
                var d = vessel(&rng, length: len, cx: start.x, cy: start.y,
                               angle: mother.angle + delta, before: before, after: after)
                let gap = rng.uniform(2, 5)
                d = alongside(mother, d, gapM: gap, side: side)
                return (d, gap)
            }
            switch kind {
            case .newPair, .disappearedPair, .persistentPair, .joinedPair:
                let before = kind != .newPair, after = kind != .disappearedPair
                let motherLength = rng.logUniform(max(lr.lowerBound, min(80, lr.upperBound * 0.5)), lr.upperBound)
                let mother = vessel(&rng, length: motherLength, cx: cx, cy: cy, angle: angle, before: before, after: after)
                var (daughter, gap) = pairMember(mother, before: before, after: after, side: rng.chance(0.5) ? 1 : -1)
                if kind == .joinedPair {
                    // One of the two was already there (anchored); the other came alongside.
                    if rng.chance(0.5) {
                        daughter.inBefore = false
                        return ([mother, daughter], [gap])
                    }
                    var m = mother
                    m.inBefore = false
                    daughter.inBefore = true
                    return ([m, daughter], [gap])
                }
                return ([mother, daughter], [gap])
            case .raft:
                let middle = vessel(&rng, length: rng.logUniform(max(lr.lowerBound, min(80, lr.upperBound * 0.5)), lr.upperBound),
                                    cx: cx, cy: cy, angle: angle, before: false, after: true)
                let (a, ga) = pairMember(middle, before: false, after: true, side: 1)
                let (b, gb) = pairMember(middle, before: false, after: true, side: -1)
                return ([a, middle, b], [ga, gb])
            case .single:
                let r = rng.unit()
                let v = vessel(&rng, length: rng.logUniform(lr.lowerBound, lr.upperBound), cx: cx, cy: cy, angle: angle,
                               before: r >= 0.4, after: r < 0.4 || r >= 0.6)
                return ([v], [])
            case .farApart:
                let a = vessel(&rng, length: rng.logUniform(lr.lowerBound, lr.upperBound), cx: cx, cy: cy, angle: angle,
                               before: false, after: true)
                let lb = rng.logUniform(lr.lowerBound, lr.upperBound)
                let edgeGap = rng.uniform(300, 600)
                let dir = rng.uniform(0, 2 * .pi)
                let dist = edgeGap + (a.lengthM + lb) / 2
                let b = vessel(&rng, length: lb, cx: cx + dist * cos(dir) / s.x, cy: cy + dist * sin(dir) / s.y,
                               angle: angle + rng.uniform(-0.5, 0.5), before: false, after: true)
                return ([a, b], [edgeGap])
            case .moving:
                let inAfter = rng.chance(0.5)
                var v = vessel(&rng, length: rng.logUniform(lr.lowerBound, lr.upperBound), cx: cx, cy: cy, angle: angle,
                               before: !inAfter, after: inAfter)
                v.wakeLengthM = min(2000, v.lengthM * rng.uniform(3, 8))
                return ([v], [])
            case .platform, .platformPair:
                func platform(_ x: Double, _ y: Double) -> SceneHull {
                    let side = max(3 * g, rng.uniform(20, 60))
                    let b = rng.uniform(0.15, 0.3)
                    return SceneHull(kind: .platform, centreX: x, centreY: y, angle: angle, lengthM: side, beamM: side,
                                     bowTaper: 0, reflectance: [b, b, b * 0.95, b * 0.9], inBefore: true, inAfter: true)
                }
                let a = platform(cx, cy)
                guard kind == .platformPair else { return ([a], []) }
                var b = platform(cx, cy)
                let gap = rng.uniform(15, 60)
                b = alongside(a, b, gapM: gap, side: 1)
                return ([a, b], [gap])
            case .landObject:
                return ([], [])
            }
        }

        /// New bright objects on land in the after capture (roofs, stacks, parked hulls).
        mutating func placeLandObjects(_ rng: inout SceneRandom) {
            guard let land = layout.land else { return }
            let count = rng.int(in: 2...6)
            for _ in 0..<count {
                for _ in 0..<200 {
                    let x = rng.uniform(0, Double(spec.width)), y = rng.uniform(0, Double(spec.height))
                    let len = max(3 * g, rng.uniform(20, 150))
                    let b = rng.uniform(0.25, 0.45)
                    let h = SceneHull(kind: .landObject, centreX: x, centreY: y, angle: rng.uniform(0, .pi), lengthM: len,
                                      beamM: len * rng.uniform(0.15, 1), bowTaper: rng.chance(0.3) ? 0.12 : 0,
                                      reflectance: [b, b, b, b * rng.uniform(0.9, 1.1)], inBefore: false, inAfter: true)
                    let pts = h.corners(s) + [(h.centreX, h.centreY)]
                    guard pts.allSatisfy({ p in
                        p.0 >= borderPx && p.1 >= borderPx && p.0 <= Double(spec.width) - borderPx
                            && p.1 <= Double(spec.height) - borderPx && land.inland(p.0, p.1) > 3
                    }) else { continue }
                    let first = layout.hulls.count
                    layout.hulls.append(h)
                    layout.groups.append(SceneGroup(kind: .landObject, hulls: [first], gapsM: []))
                    break
                }
            }
        }

        /// Clouds: thin ones anywhere (also over vessels), thick ones only away from vessels.
        mutating func placeClouds(_ rng: inout SceneRandom) {
            let areaKm2 = Double(spec.width * spec.height) * g * g / 1e6
            let count = min(6, 1 + Int(areaKm2 / 40))
            let dim = Double(min(spec.width, spec.height))
            for _ in 0..<count {
                let thick = rng.chance(0.6)
                let inBefore = rng.chance(0.5)
                for _ in 0..<40 {
                    let cx = rng.uniform(0, Double(spec.width)), cy = rng.uniform(0, Double(spec.height))
                    let n = rng.int(in: 3...6)
                    let base = rng.uniform(0.03, 0.09) * dim
                    let blobs = (0..<n).map { _ in
                        SceneCloud.Blob(x: cx + rng.uniform(-2, 2) * base, y: cy + rng.uniform(-2, 2) * base,
                                        sigma: base * rng.uniform(0.5, 1.2), weight: rng.uniform(0.6, 1.5))
                    }
                    let b = rng.uniform(0.35, 0.55)
                    let cloud = SceneCloud(inBefore: inBefore, blobs: blobs,
                                           maxOpacity: thick ? rng.uniform(0.7, 1.0) : rng.uniform(0.12, 0.3),
                                           reflectance: [b * 1.02, b, b * 0.99, b * rng.uniform(0.95, 1.05)])
                    if thick {
                        // A thick cloud must leave every vessel (in its capture) visible.
                        let covered = layout.hulls.contains { h in
                            guard h.kind == .vessel, inBefore ? h.inBefore : h.inAfter else { return false }
                            return (h.corners(s) + [(h.centreX, h.centreY)]).contains {
                                cloud.opacity($0.0, $0.1) > 0.03
                            }
                        }
                        if covered { continue }
                    }
                    layout.clouds.append(cloud)
                    break
                }
            }
        }
    }
}
