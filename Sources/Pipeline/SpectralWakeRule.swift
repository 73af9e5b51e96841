import Detection
import Foundation
import Raster

/// Finds the hull inside a hull + wake blob by its spectrum, when the capture has green and
/// near infrared, and measures the hull alone.
///
/// Foam (whitecaps, the turbulent wake, the Kelvin arms) is a layer of bubbles in water: its
/// reflectance falls with wavelength, ≈ 40 % lower at 850 nm than in the visible (Frouin,
/// Schwindling & Deschamps 1996, JGR 101(C6) 14361–14371; Dierssen 2019, Front. Earth Sci. 7:14),
/// because the water between and under the bubbles absorbs near infrared strongly (a_w ≈ 2.9 m⁻¹
/// at 842 nm against 0.06 m⁻¹ at 560 nm). Its excess over the sea has a NIR/green ratio
/// ``foamRatio`` ≈ 0.6, so a foamy pixel stays water-like in NDWI. A hull (painted steel, a deck)
/// reflects near infrared at least as well as green: its excess ratio is ≥ 1 where it covers the
/// pixel (the sea it hides is darker in NIR than in green), and it is negative in NDWI.
/// The foam-free signal `h = ΔNIR − foamRatio · ΔGreen` (a linear unmixing with foam as one
/// endmember: foam adds nothing to it, a hull adds 0.4–1 × its NIR excess) is therefore the hull
/// alone, whatever the brightness of the wake or of its foam spots.
///
/// For a blob that may hold a wake (``WakeRule/mayHaveWake(metric:peak:parameters:)``), the hull
/// is the 4-connected component around the peak of `h` (in standard deviations of `h` on the sea)
/// at falling levels from half of that peak (its full width at half maximum, as ``WakeRule``),
/// skipping levels where it is shorter than `minLength` (a bright part of a hull), and ending
/// where the level falls below half the component's median `h` (its own edge) or below
/// `cfarKLow`. The blob is read as hull + wake, and the component is the vessel, only when all
/// of these hold:
/// - the peak of `h` is a detection on its own (≥ `cfarK`);
/// - the blob is at least ``minBlobToHull`` times as long as the component (a hull alone fills
///   its blob up to the blur);
/// - the component holds ``minDominance`` of the blob's `h` above the level and above `cfarK`
///   (one hull: not two hulls end to end, not a hull beside a platform or a second vessel);
/// - the rest of the blob (beyond the component and its blur) is foam: its summed green excess
///   is significant (≥ `cfarK` standard deviations of that sum) and its summed NIR excess is at
///   most ``maxRestRatio`` of it, closer to foam (0.6) than to any flat reflector (≥ 1), so a
///   second hull, a platform, sun glint (spectrally flat) or a quay keep the blob whole; and the
///   component's NIR/green ratio exceeds the rest's. Or, when the merged-hull rule did not cut
///   the blob, the rest is a slick: darker than the sea in NIR by `cfarK` standard deviations of
///   the sum (a turbulent wake damps the short waves and shows dark in sun glint, Munk,
///   Scully-Power & Zachariasen 1987, Proc. R. Soc. Lond. A 412:231–254; nothing afloat is
///   darker than water in NIR except under glint, where a black hull can be, hence not for
///   split blobs);
/// - the rest lies behind the hull, along its course (Kelvin geometry: the hull is at the apex,
///   the turbulent wake and the arms at ±19.47° trail the stern): its centre (weighted by the
///   excess) is farther along the hull's axis than across it and beyond the hull's end, so a raft
///   partner beside the hull is never read as a wake.
/// The measurement is the component's oriented footprint (not deblurred: it is cut at half
/// maximum); the axis is the component's where resolved (≥ 3 px, 1.5 × its width), else the
/// blob's.
enum SpectralWakeRule {
    /// NIR (842 nm) over green (560 nm) excess reflectance of foam over water (Frouin et al. 1996:
    /// foam reflectance ≈ 40 % lower at 850 nm than in the visible).
    static let foamRatio = 0.6
    /// NIR/green excess ratio above which the rest of a blob is not foam: midway between foam
    /// (0.6) and a spectrally flat reflector on water (≥ 1).
    static let maxRestRatio = 0.8
    /// Blob length over hull length from which a blob is hull + wake (``WakeRule/minBlobToHull``).
    static let minBlobToHull = WakeRule.minBlobToHull
    /// Share of the blob's `h` above the level the hull component must hold.
    static let minDominance = WakeRule.minDominance
    /// The hull's edge, as a fraction of the component's median `h` (half maximum).
    static let edgeFraction = WakeRule.edgeFraction

    /// One blob pixel: reference-grid indices and the excess of NIR and green over the local
    /// sea level (the CFAR background mean), in the bands' own units.
    struct Pixel: Sendable {
        var row: Int
        var col: Int
        var nir: Float
        var green: Float
    }

    /// The blob's pixels with their excess over the sea.
    /// - Parameters:
    ///   - blob: the blob's pixels, reference-grid indices.
    ///   - origin: reference-grid position of the window's top-left pixel.
    ///   - nir, nirSea, green, greenSea: the window's NIR and green values and their local sea
    ///     levels (NaN where invalid).
    static func pixels(_ blob: [BlobPixel], origin: (col: Int, row: Int), nir: PlaneView<Float>, nirSea: PlaneView<Float>,
                       green: PlaneView<Float>, greenSea: PlaneView<Float>) -> [Pixel] {
        blob.map { q in
            let c = q.col - origin.col, r = q.row - origin.row
            return Pixel(row: q.row, col: q.col, nir: nir[c, r] - nirSea[c, r], green: green[c, r] - greenSea[c, r])
        }
    }

    /// The hull's footprint (reference-grid pixels) and pixels, or nil when the blob is not a
    /// hull with foam beside it.
    /// - Parameters:
    ///   - pixels: the blob's pixels with their NIR and green excess.
    ///   - blob: the blob's footprint (second moments of all its pixels).
    ///   - split: the merged-hull rule cut the blob into hulls; only foam (not a slick, which a
    ///     dark hull under sun glint resembles) overrides that.
    ///   - sigma: standard deviations of NIR and green on the sea (the bands' units).
    ///   - blurPx: pixels the hysteresis mask reaches beyond an edge (``MergedHullRule/blurExtent``).
    ///   - metresPerPixel: ground metres per pixel step along columns and rows.
    static func hull(pixels: [Pixel], blob: OrientedBox, split: Bool = false, sigma: (nir: Double, green: Double), blurPx: Double,
                     metresPerPixel mpp: (x: Double, y: Double), parameters p: DetectionParameters) -> (box: OrientedBox, pixels: [BlobPixel])? {
        let sh = (sigma.nir * sigma.nir + foamRatio * foamRatio * sigma.green * sigma.green).squareRoot()
        guard sh > 0, sh.isFinite, sigma.green > 0, !pixels.isEmpty else { return nil }
        let dn = pixels.map { $0.nir.isFinite && $0.green.isFinite ? Double($0.nir) : 0 }
        let dg = pixels.map { $0.nir.isFinite && $0.green.isFinite ? Double($0.green) : 0 }
        let h = zip(dn, dg).map { ($0 - foamRatio * $1) / sh }
        guard let seed = h.indices.max(by: { h[$0] < h[$1] }), h[seed] >= p.cfarK else { return nil }
        let peak = h[seed]
        let positive = pixels.indices.map { BlobPixel(row: pixels[$0].row, col: pixels[$0].col, intensity: Float(max(0, h[$0]))) }
        let grid = Dictionary(uniqueKeysWithValues: pixels.indices.map { (Key(row: pixels[$0].row, col: pixels[$0].col), $0) })

        func measure(_ level: Double) -> Outcome {
            let members = HullCores.component(positive, containing: seed, level: level)
            guard members.count >= 2 else { return .tooShort }
            let core = members.map { BlobPixel(row: pixels[$0].row, col: pixels[$0].col) }
            let c = MergedHullRule.footprint(of: core)
            guard c.scaled(x: mpp.x, y: mpp.y).length >= p.minLength else { return .tooShort }
            let sorted = members.map { h[$0] }.sorted()
            guard level >= edgeFraction * sorted[sorted.count / 2] else { return .rejected }
            guard c.scaled(x: mpp.x, y: mpp.y).length <= p.maxLength, blob.length >= minBlobToHull * c.length else { return .rejected }
            // One hull: the component holds most of the foam-free signal above the level, and
            // of all that is significant on its own (a second, dimmer hull in the blob counts).
            var inCore = [Bool](repeating: false, count: pixels.count)
            for i in members { inCore[i] = true }
            var above = 0.0, held = 0.0
            for (i, v) in h.enumerated() where v >= min(level, p.cfarK) {
                above += v
                if inCore[i] { held += v }
            }
            guard held >= minDominance * above else { return .rejected }
            // The rest: beyond the component and its blur.
            var near = inCore
            let reach = Int((blurPx + 1).rounded(.up))
            for i in members {
                for dr in -reach...reach {
                    for dc in -reach...reach {
                        if let j = grid[Key(row: pixels[i].row + dr, col: pixels[i].col + dc)] { near[j] = true }
                    }
                }
            }
            var restN = 0.0, restG = 0.0, restCount = 0, coreN = 0.0, coreG = 0.0
            var restX = 0.0, restY = 0.0, restW = 0.0
            for i in pixels.indices {
                if inCore[i] {
                    coreN += dn[i]; coreG += dg[i]
                } else if !near[i] {
                    restN += dn[i]; restG += dg[i]; restCount += 1
                    let w = abs(dn[i]) + abs(dg[i])
                    restX += w * (Double(pixels[i].col) + 0.5); restY += w * (Double(pixels[i].row) + 0.5); restW += w
                }
            }
            // Foam (a significant green excess, little of it in NIR), or a calm slick darker
            // than the sea in NIR, where nothing afloat is darker than water.
            guard restCount > 0, restW > 0 else { return .rejected }
            let spread = Double(restCount).squareRoot()
            let foam = restG >= p.cfarK * sigma.green * spread && restN <= maxRestRatio * restG
            let slick = !split && restN <= -p.cfarK * sigma.nir * spread
            guard foam || slick else { return .rejected }
            // Behind the hull, along its course (the turbulent wake and the Kelvin arms trail
            // the stern): the rest's centre lies farther along the hull's axis than across it,
            // beyond its end (a raft partner lies beside the hull).
            let resolved = c.length >= 3 && c.length >= 1.5 * c.width
            let (ux, uy) = (resolved ? c : blob).axis
            let dx = restX / restW - c.centerX, dy = restY / restW - c.centerY
            let along = abs(dx * ux + dy * uy), across = abs(-dx * uy + dy * ux)
            guard along >= c.length / 2, along >= across else { return .rejected }
            // The hull is the less foamy part (coreG may be negative: a dark hull in the visible).
            guard !foam || coreG <= 0 || coreN / coreG > restN / restG else { return .rejected }
            var box = c
            if !resolved { box.angle = blob.angle }
            return .hull((box, core))
        }
        // From half the peak down: levels where the component is smaller than a hull are
        // skipped; from the first hull-sized level every level must pass, and the hull is the
        // component at the lowest of them.
        return WakeRule.descend(from: edgeFraction * peak, downTo: p.cfarKLow, measure: measure)
    }

    struct Key: Hashable {
        var row: Int
        var col: Int
    }

    typealias Outcome = WakeRule.Outcome
}
