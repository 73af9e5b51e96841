import Detection
import Foundation
import GeoReferencing
import Raster

/// Finds the vessels of one window in each capture: reads, masks water, tests local
/// contrast, labels, measures, splits merged hulls and keeps only the blobs whose centre
/// lies in the window's core.
struct TileProcessor {
    let scene: SceneContext
    let plan: WindowPlan
    /// Largest length/beam ratio of a hull (the slenderest craft: fast ferries, naval vessels ≈ 10–12).
    static let maxSlenderness = 12.0

    struct Output {
        var after: [VesselObservation] = []
        var before: [VesselObservation] = []
        var times = StageTimes()
    }

    func process(tileIndex: Int, workspace ws: TileWorkspace, landMask: PreparedLandMask?) throws -> Output {
        let tile = plan.tiles[tileIndex]
        let read = tile.read
        let p = scene.parameters
        let single = scene.before == nil

        // User land, in reference-grid coordinates.
        let userLand = ws.userLand.view(as: UInt8.self)
        MaskOps.clear(userLand)
        try landMask?.fill(window: read, into: userLand)

        var out = Output()
        // Detection band, validity, and search area (valid sea) per capture.
        // (With the hulls carved out of the land by their spectrum, per capture: kept apart in detect.)
        let carvedAfter = try load(scene.after, bands: scene.bands, window: scene.alignment.afterWindow(read), ws: ws,
                 det: ws.detAfter, contrast: ws.contrastAfter, valid: ws.validAfter, search: ws.searchAfter,
                 times: &out.times)
        var carvedBefore: PlaneBuffer? = nil
        if let before = scene.before, let bb = scene.beforeBands {
            carvedBefore = try load(before, bands: bb, window: scene.alignment.beforeWindow(read, shift: scene.shift), ws: ws,
                     det: ws.detBefore, contrast: ws.contrastBefore, valid: ws.validBefore, search: ws.searchBefore,
                     times: &out.times)
            var t = DispatchTime.now().uptimeNanoseconds
            // The sub-pixel residual shift is compensated in the difference only (the before
            // capture's own detections keep the whole-pixel grid): resampled into `difference`.
            var aligned = ws.detBefore.view(as: Float.self)
            if let f = SceneSetup.subPixelResidual(shift: scene.shift, estimate: scene.shiftEstimate) {
                SubPixelShift.cubic(aligned, dx: f.dx, dy: f.dy, into: ws.difference.view(as: Float.self))
                aligned = ws.difference.view(as: Float.self)
            }
            Difference.absolute(after: ws.detAfter.view(as: Float.self), before: aligned,
                                mapping: scene.mapping, into: ws.difference.view(as: Float.self))
            out.times.difference += StageTimes.lap(&t)
        }

        out.after = detect(role: single ? .single : .after, det: ws.detAfter, contrast: ws.contrastAfter,
                           search: ws.searchAfter, sigma: scene.sigmaAfter, sigmaContrast: scene.sigmaContrastAfter,
                           difference: single ? nil : ws.difference, carved: carvedAfter, ws: ws, tile: tile,
                           offsetCol: scene.alignment.afterCol, offsetRow: scene.alignment.afterRow,
                           georeference: scene.after.georeference, times: &out.times)
        if !single {
            out.before = detect(role: .before, det: ws.detBefore, contrast: ws.contrastBefore, search: ws.searchBefore,
                                sigma: scene.sigmaBefore, sigmaContrast: scene.sigmaContrastBefore, difference: ws.difference, carved: carvedBefore, ws: ws, tile: tile,
                                offsetCol: scene.alignment.afterCol, offsetRow: scene.alignment.afterRow,
                                georeference: scene.after.georeference, times: &out.times)
        }
        _ = p
        return out
    }

    /// Reads the detection band (and the contrast band, when `contrast` is given) as Float
    /// (NaN where invalid) and builds the search mask: valid in both, not land (NDWI land,
    /// user land) and, with a shore distance, not near land. Returns the pixels `QuaysideHulls`
    /// carved out of the land (nil when none).
    private func load(_ c: any CaptureSource, bands: BandChoice, window: Window, ws: TileWorkspace,
                      det: PlaneBuffer, contrast: PlaneBuffer?, valid: PlaneBuffer, search: PlaneBuffer,
                      times: inout StageTimes) throws -> PlaneBuffer? {
        var t = DispatchTime.now().uptimeNanoseconds
        defer { times.water += StageTimes.lap(&t) }
        let type = c.sampleType(band: bands.detection)
        let raw = ws.rawBuffer(type)
        try c.readBand(bands.detection, window: window, into: raw, valid: valid)
        let v = valid.view(as: UInt8.self)
        let d = det.view(as: Float.self)
        SceneSetup.toFloat(raw, mask: v, into: d)
        if let cb = bands.contrast, let contrast {
            let rawC = ws.rawBuffer(c.sampleType(band: cb), second: true)
            let validC = ws.mask2
            try c.readBand(cb, window: window, into: rawC, valid: validC)
            MaskOps.and(v, validC.view(as: UInt8.self), into: v)
            SceneSetup.toFloat(rawC, mask: v, into: contrast.view(as: Float.self))
        }
        times.read += StageTimes.lap(&t)

        let s = search.view(as: UInt8.self)
        let land = ws.mask.view(as: UInt8.self)
        var carved: PlaneBuffer? = nil
        if let g = bands.green, let n = bands.nir {
            // NDWI needs green and NIR; NIR is the detection band already in `raw`.
            let rawG = ws.rawBuffer(c.sampleType(band: g), second: true)
            if !(contrast != nil && bands.contrast == g) {  // else read above, validity already in v
                let validG = ws.mask2
                try c.readBand(g, window: window, into: rawG, valid: validG)
                MaskOps.and(v, validG.view(as: UInt8.self), into: v)
            }
            precondition(n == bands.detection)
            ndwi(green: rawG, nir: raw, into: ws.ndwi.view(as: Float.self))
            let water = ws.mask2.view(as: UInt8.self)
            Threshold.greaterOrEqual(ws.ndwi.view(as: Float.self), Float(scene.parameters.ndwiThreshold), valid: v,
                                     into: water)
            LandFinder.land(water: water, valid: v, extent: scene.radii.landExtent, area: scene.radii.landArea,
                            into: land)
            // Objects are searched within reach of the sea: a hull lies in water, so its
            // pixels are at most half a beam from it; ponds and wet roofs inside land are not sea.
            LandFinder.sea(water: water, extent: scene.radii.landExtent, area: scene.radii.landArea)
            // Hulls berthed against a quay joined its land component: carve them back out.
            if BerthedHulls.applies(metresPerPixel: scene.metresPerPixel) {
                BerthedHulls.carve(land: land, sea: water, minLength: scene.parameters.minLength / scene.metresPerPixel,
                                   maxLength: scene.parameters.maxLength / scene.metresPerPixel)
                // Hulls inside the land outline (dock corners, stern-to, flush): by their spectrum;
                // with a red band, NDVI (into `z`, free until the CFAR) keeps vegetation out.
                var vegetation: PlaneView<Float>? = nil
                if let r = c.band(role: "red"), c.sampleType(band: r) == c.sampleType(band: n) {
                    let rawR = ws.rawBuffer(c.sampleType(band: r), second: true)
                    try c.readBand(r, window: window, into: rawR, valid: search)
                    ndwi(green: raw, nir: rawR, into: ws.z.view(as: Float.self))
                    vegetation = ws.z.view(as: Float.self)
                }
                let mask = PlaneBuffer(width: land.width, height: land.height, sampleType: .uint8)
                if QuaysideHulls.carve(land: land, sea: water, ndwi: ws.ndwi.view(as: Float.self), vegetation: vegetation,
                                    originCol: window.col, originRow: window.row,
                                    minLength: scene.parameters.minLength / scene.metresPerPixel,
                                    maxLength: scene.parameters.maxLength / scene.metresPerPixel,
                                    k: Float(scene.parameters.cfarKLow), kSeed: Float(scene.parameters.cfarK),
                                    carved: mask.view(as: UInt8.self)) > 0 { carved = mask }
            }
            MaskOps.or(land, ws.userLand.view(as: UInt8.self), into: land)
            Morphology.dilate(water, element: .square(radius: scene.radii.seaReach), into: s)
            MaskOps.and(s, v, into: v)
        } else {
            for y in 0..<land.height { _ = land.row(y).update(from: ws.userLand.view(as: UInt8.self).row(y)) }
        }
        if scene.radii.shoreRadius > 0 { grow(land, by: scene.radii.shoreRadius, scratch: ws) }
        MaskOps.andNot(v, land, into: s)
        return carved
    }

    private func ndwi(green: PlaneBuffer, nir: PlaneBuffer, into d: PlaneView<Float>) {
        switch green.sampleType {
        case .uint8: SpectralIndex.ndwi(green: green.view(as: UInt8.self), nir: nir.view(as: UInt8.self), into: d)
        case .int8: SpectralIndex.ndwi(green: green.view(as: Int8.self), nir: nir.view(as: Int8.self), into: d)
        case .uint16: SpectralIndex.ndwi(green: green.view(as: UInt16.self), nir: nir.view(as: UInt16.self), into: d)
        case .int16: SpectralIndex.ndwi(green: green.view(as: Int16.self), nir: nir.view(as: Int16.self), into: d)
        case .uint32: SpectralIndex.ndwi(green: green.view(as: UInt32.self), nir: nir.view(as: UInt32.self), into: d)
        case .int32: SpectralIndex.ndwi(green: green.view(as: Int32.self), nir: nir.view(as: Int32.self), into: d)
        case .float32: SpectralIndex.ndwi(green: green.view(as: Float.self), nir: nir.view(as: Float.self), into: d)
        case .float64: SpectralIndex.ndwi(green: green.view(as: Double.self), nir: nir.view(as: Double.self), into: d)
        }
    }

    /// Grows a 0/1 mask by `r` pixels (square structuring element: Chebyshev distance).
    private func grow(_ m: PlaneView<UInt8>, by r: Int, scratch ws: TileWorkspace) {
        let tmp = ws.mask2.view(as: UInt8.self)
        Morphology.dilate(m, element: .square(radius: r), into: tmp)
        for y in 0..<m.height { _ = m.row(y).update(from: tmp.row(y)) }
    }

    /// Censored CFAR of one band: pixels more than `cfarKLow` robust spreads from the robust
    /// sea level (Detection's `RobustBackground`) are left out of the background, then every
    /// searchable pixel is scored against the annulus of what remains.
    private func censoredZ(_ d: PlaneView<Float>, search s: PlaneView<UInt8>, floor: Float, ws: TileWorkspace,
                           tile: WindowPlan.Tile, into z: PlaneView<Float>, mean: PlaneView<Float>? = nil) {
        let p = scene.parameters, r = scene.radii
        let censored = ws.mask2.view(as: UInt8.self)
        let level = RobustBackground(values: d, valid: s, originCol: tile.read.col, originRow: tile.read.row,
                                     spacing: r.censorSpacing, radius: r.censorRadius, stride: r.censorStride)
        level.background(d, valid: s, k: Float(p.cfarKLow), minSigma: floor, into: censored)
        LocalContrast.zScore(d, valid: censored, evaluate: s, outerRadius: r.outerRadius, guardRadius: r.guardRadius,
                             minSigma: floor, into: z, mean: mean)
    }

    /// CFAR (censored; detection band and, when there is one, the contrast band), hysteresis
    /// labeling, measurement and the keep-once rule.
    private func detect(role: CaptureRole, det: PlaneBuffer, contrast: PlaneBuffer?, search: PlaneBuffer, sigma: Float,
                        sigmaContrast: Float, difference: PlaneBuffer?, carved: PlaneBuffer?,
                        ws: TileWorkspace, tile: WindowPlan.Tile, offsetCol: Int, offsetRow: Int,
                        georeference: GeoReference?, times: inout StageTimes) -> [VesselObservation] {
        var t = DispatchTime.now().uptimeNanoseconds
        defer { times.measure += StageTimes.lap(&t) }
        let p = scene.parameters
        let d = det.view(as: Float.self), s = search.view(as: UInt8.self)
        let z = ws.z.view(as: Float.self)
        let floor = max(Float(1e-6), 0.25 * sigma)
        // Green (the contrast band) and NIR (the detection band): the spectral wake rule applies.
        let spectral = contrast != nil && (role == .before ? scene.beforeBands : scene.bands)?.hasWaterBands == true
        // The background is censored of objects by a robust (median/MAD) level, so neither a
        // neighbouring hull nor a hull longer than the guard box inflates the sea statistics.
        censoredZ(d, search: s, floor: floor, ws: ws, tile: tile, into: z, mean: ws.mean.view(as: Float.self))
        if let contrast {
            // A second band for dark objects only (bright ones are bright in NIR already; foam,
            // wakes and cloud edges are brighter in the visible): the larger |z|, as the
            // Bonferroni-equivalent single-band z.
            let zc = ws.scratch.view(as: Float.self)
            // With green and NIR, the contrast band's sea level is kept for the spectral wake
            // rule (in `ndwi`, free once the water masks are built).
            censoredZ(contrast.view(as: Float.self), search: s, floor: max(Float(1e-6), 0.25 * sigmaContrast), ws: ws,
                      tile: tile, into: zc, mean: spectral ? ws.ndwi.view(as: Float.self) : nil)
            LocalContrast.strongest(z, zc, second: .dark, into: z)
        }
        times.cfar += StageTimes.lap(&t)
        let hit = ws.mask.view(as: UInt8.self), censored = ws.mask2.view(as: UInt8.self)
        // Hysteresis: components of |z| ≥ kLow that hold a pixel with |z| ≥ k.
        Threshold.absGreaterOrEqual(z, Float(p.cfarKLow), valid: s, into: hit)
        if let carved { QuaysideHulls.separate(hit, carved: carved.view(as: UInt8.self), scratch: censored) }
        let labels = ws.labels.view(as: Int32.self)
        // Sea clutter puts ~1 % of pixels above kLow, scattered in countless tiny components
        // that are slow to label. Keep only what is 8-connected to a seed (a flood fill from the
        // seeds over the kLow mask: exactly the hysteresis components), then label that.
        SeedFill.keepSeeded(hit, z: z, seed: Float(p.cfarK), into: censored)
        var collector = TileBlobCollector(z: z, difference: difference?.view(as: Float.self), originCol: tile.read.col,
                                          originRow: tile.read.row)
        ConnectedComponents.label(censored, connectivity: .eight, into: labels, collector: &collector)
        times.label += StageTimes.lap(&t)

        var out: [VesselObservation] = []
        let read = tile.read
        for (i, m) in collector.moments.enumerated() where m.count > 0 {
            let peak = max(Double(m.maxIntensity), -Double(m.minIntensity))
            guard peak >= p.cfarK else { continue }
            // bbox in window pixels.
            let b = (minRow: m.bbox.minRow - read.row, minCol: m.bbox.minCol - read.col,
                     maxRow: m.bbox.maxRow - read.row, maxCol: m.bbox.maxCol - read.col)
            // Truncated by the window (where the window ends inside the grid): too large to
            // be a hull anyway, the halo exceeds one. At the grid's own edges every plan agrees.
            guard b.minRow > 0 || read.row == 0, b.minCol > 0 || read.col == 0,
                  b.maxRow < read.height || read.rowEnd == plan.height,
                  b.maxCol < read.width || read.colEnd == plan.width else { continue }
            // The footprint is measured at half the blob's peak contrast (or the hysteresis
            // floor, whichever is higher): a full-width-at-half-maximum size, which the blur
            // tails of a high-contrast hull do not inflate the way they inflate the
            // hysteresis mask. Moments in reference-grid pixels (exact, window-independent).
            let halfMax = Float(max(p.cfarKLow, p.footprintFraction * peak))
            var core = RawMoments()
            for r in b.minRow..<b.maxRow {
                let lr = labels.row(r), zr = z.row(r)
                for c in b.minCol..<b.maxCol where lr[c] == Int32(i + 1) && abs(zr[c]) >= halfMax {
                    core.addPixel(row: r + read.row, col: c + read.col)
                }
            }
            let f = BlobStatistics(label: Int32(i + 1), moments: core.count > 0 ? core : m).footprint
            let cx = f.centre.col, cy = f.centre.row  // reference grid
            guard tile.core.contains(col: Int(cx.rounded(.down)), row: Int(cy.rounded(.down))) else { continue }
            let axis = f.majorAxis
            // The hysteresis mask reaches d = σₚ·√(2·ln(peak/kLow)) pixels beyond the hull on
            // each side (the blur model of MergedHullRule); remove it from length and width
            // in quadrature, never below one pixel.
            let blur = 2 * MergedHullRule.blurExtent(peak: peak, parameters: p)
            func deblurred(_ x: Double) -> Double { max(1, (x * x - blur * blur).squareRoot().nanToOne) }
            let box = OrientedBox(centerX: cx, centerY: cy, length: f.length, width: f.width,
                                  angle: atan2(axis.row, axis.col))
            var mpp = metresPerPixel(georeference, col: cx + Double(offsetCol), row: cy + Double(offsetRow))
            var sharp = box
            sharp.length = deblurred(box.length)
            sharp.width = deblurred(box.width)
            let label = Int32(i + 1)
            let origin = (col: read.col, row: read.row)
            let bbox = PixelBox(minRow: b.minRow, minCol: b.minCol, maxRow: b.maxRow, maxCol: b.maxCol)
            // Merged hulls first (a raft's short bright hull beside a long dim one must not read
            // as a hull ahead of its wake); then, for a blob that is one object, a vessel under way
            // whose wake joined it: the hull alone is measured (WakeRule), on its own pixels
            // (window-linear indices in `hullPixels`).
            let blobMetric = sharp.scaled(x: mpp.x, y: mpp.y)
            let sized = blobMetric.length >= p.minLength && blobMetric.length <= p.maxLength
            var parts = !sized ? nil
                : MergedHullRule.split(box: box, origin: origin, label: label, labels: labels, z: z, bbox: bbox,
                                       peak: peak, metresPerPixel: mpp, parameters: p)
            var hullPixels: Set<Int>? = nil
            // With green and NIR the spectrum tells a wake from a hull, so the spectral rule also
            // judges blobs the merged-hull rule split (a hull and its Kelvin arm or wake are not a raft).
            if parts == nil || spectral, WakeRule.mayHaveWake(metric: box.scaled(x: mpp.x, y: mpp.y), peak: peak, parameters: p) {
                let pixels = HullSplitter.pixels(of: label, labels: labels, intensity: z, bbox: bbox).map {
                    BlobPixel(row: $0.row + origin.row, col: $0.col + origin.col, intensity: $0.intensity)
                }
                let blurPx = MergedHullRule.blurExtent(peak: peak, parameters: p)
                // The hull by its spectrum (foam is water-like in NIR) when there are green and
                // NIR, else (or when that finds no hull with foam) as the blob's bright head.
                let spectralHull = !spectral ? nil
                    : SpectralWakeRule.hull(pixels: SpectralWakeRule.pixels(pixels, origin: origin, nir: d, nirSea: ws.mean.view(as: Float.self),
                                                                            green: contrast!.view(as: Float.self), greenSea: ws.ndwi.view(as: Float.self)),
                                            blob: box, split: parts != nil, sigma: (Double(sigma), Double(sigmaContrast)), blurPx: blurPx,
                                            metresPerPixel: mpp, parameters: p)
                if let h = spectralHull ?? (parts != nil ? nil : WakeRule.hull(pixels: pixels, blob: box, peak: peak, blurPx: blurPx,
                                                                                metresPerPixel: mpp, parameters: p)) {
                    parts = nil
                    sharp = h.box
                    let stride = labels.width
                    var inHull = Set<Int>()
                    for q in h.pixels {
                        let r: Int = q.row - origin.row, c: Int = q.col - origin.col
                        inHull.insert(r * stride + c)
                    }
                    hullPixels = inHull
                    mpp = metresPerPixel(georeference, col: sharp.centerX + Double(offsetCol),
                                         row: sharp.centerY + Double(offsetRow))
                }
            }
            let metric = sharp.scaled(x: mpp.x, y: mpp.y)
            guard parts != nil || (metric.length >= p.minLength && metric.length <= p.maxLength) else { continue }
            let contrast = m.intensityCount > 0 ? m.sumIntensity / Double(m.intensityCount) : 0
            let key = (Int64((cx * 256).rounded()) << 32) ^ Int64((cy * 256).rounded())
            let pieces = parts ?? [box]
            // Per part: pixel count and mean |difference| (hulls of one blob can differ in change).
            var count = [Int](repeating: 0, count: pieces.count), sumD = [Double](repeating: 0, count: pieces.count)
            var sumS = [Double](repeating: 0, count: pieces.count)
            let dv = difference?.view(as: Float.self)
            let mu = ws.mean.view(as: Float.self)
            let (ux, uy) = box.axis
            let edges = pieces.map { part in (part.centerX - box.centerX) * -uy + (part.centerY - box.centerY) * ux }
            for r in b.minRow..<b.maxRow {
                let lr = labels.row(r)
                for c in b.minCol..<b.maxCol where lr[c] == label {
                    if let hullPixels, !hullPixels.contains(r * labels.width + c) { continue }
                    var k = 0
                    if pieces.count > 1 {
                        let across = -(Double(c + origin.col) + 0.5 - box.centerX) * uy
                            + (Double(r + origin.row) + 0.5 - box.centerY) * ux
                        var best = Double.infinity
                        for (j, e) in edges.enumerated() where abs(across - e) < best { best = abs(across - e); k = j }
                    }
                    count[k] += 1
                    if let dv {
                        let x = dv[c, r], sig = d[c, r] - mu[c, r]
                        if x.isFinite && sig.isFinite {
                            sumD[k] += Double(abs(x))
                            sumS[k] += Double(abs(sig))
                        }
                    }
                }
            }
            for (j, part) in pieces.enumerated() {
                // Not a hull when far slenderer than any ship: merchant hulls have L/B ≈ 5–8, the
                // slenderest craft ≈ 12. Judged only where such a beam is resolved (≥ 2 px): at
                // 10 m a hull's width is blur, not beam. Wakes (foam trailing a moving vessel,
                // found since the robust CFAR censoring) and streaks come out as 1-px slivers.
                let candidate = parts == nil ? sharp : part
                let minBeam = candidate.length / Self.maxSlenderness
                if minBeam >= 2, candidate.width < minBeam { continue }
                // The hull's own signal in after radiometry: before signals scale by the mapping's gain.
                let gain = role == .before ? Double(abs(scene.mapping.gain)) : 1
                // The difference (detection band) can show a hull's change only when the hull
                // stands out in that band: if even its whole signal is below changeK
                // difference σ (a dark hull found through the contrast band, barely above the
                // sea in NIR), the difference says nothing and the footprints decide (nil).
                let n = Double(max(1, count[j])), sd = Double(scene.sigmaDifference)
                let visible = difference != nil && sd > 0 && gain * sumS[j] / n >= p.changeK * sd
                let evidence = visible ? sumD[j] / n / sd : nil
                let ratio = visible ? sumD[j] / max(1e-9, gain * sumS[j]) : nil
                let hull = parts == nil ? sharp : part
                out.append(VesselObservation(capture: role, box: hull, numPixels: max(1, count[j]),
                                             contrast: contrast, changeEvidence: evidence, changeRatio: ratio, metresPerPixelX: mpp.x,
                                             metresPerPixelY: mpp.y, merged: parts != nil, blobKey: key))
            }
        }
        return out
    }

    /// Ground metres per pixel step at a pixel of the capture's own grid (1 without georeferencing).
    private func metresPerPixel(_ g: GeoReference?, col: Double, row: Double) -> (x: Double, y: Double) {
        guard let g, let s = try? g.groundPixelSize(col: col, row: row), s.x.isFinite, s.y.isFinite, s.x > 0, s.y > 0 else {
            return (scene.metresPerPixel, scene.metresPerPixel)
        }
        return s
    }
}

extension Double {
    /// 1 for NaN (a square root of a negative difference), else self.
    var nanToOne: Double { isNaN ? 1 : self }
}
