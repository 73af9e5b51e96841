import Detection
import Foundation
import Raster

/// Hulls berthed against a quay that no shape rule can see: in a dock corner, stern-to with
/// sea at one end only, or flush with a quay that continues past the hull's outboard side.
/// There the hull and the quay form one NDWI land outline, and only the spectrum tells them
/// apart: painted and rusting steel is far brighter in near infrared than in green (iron-oxide
/// pigments and rust absorb below ~550 nm; on the sen2ships hulls NDWI is −0.1 to −0.4), while
/// concrete and asphalt have flat, slowly rising spectra (NDWI ≈ −0.2 to 0).
///
/// The rule is a local-contrast (CFAR-style) test of NDWI against the quay around it, in the
/// strip of land next to the sea only:
/// 1. **Shore strip:** land pixels within `maxLength` (Chebyshev) of the sea. A hull berthed
///    at the shoreline lies inside it; inland land is never tested.
/// 2. **Local land background:** the median and 1.4826·MAD of NDWI over the strip's land
///    pixels around each pixel (Detection's `RobustBackground`, nodes `maxLength/4` apart,
///    sample squares of half-side `maxLength/2`). A hull covers at most maxLength × maxLength/3
///    of a square of side maxLength, below the median's 50 % breakdown point, so the hull does
///    not pull its own background.
/// 3. **Test:** a pixel is hull-like when its NDWI is below the background level by more than
///    `k` spreads (the spread floored at `minSpread`): the hull is redder-than-green and
///    brighter in NIR than its quay. Higher NDWI (shadows, skylit wet concrete) never passes.
///    Optionally, vegetation (NDVI ≥ `vegetationNDVI`, when a red band exists) never passes:
///    leaves are the other surface far brighter in NIR than in green.
/// 4. **Shape and place:** 8-connected components of hull-like pixels are hulls only when
///    they come within `seaContact` pixels of the sea (a berthed hull touches water at its
///    outboard side or its bow; its edge pixels are mixed with water), their second-moment
///    length lies in [minLength, maxLength] and length and width fit a hull:
///    3·(B − 1) ≤ L ≤ 12·(B + 1) pixels (length/beam 3…12 with one pixel of blur either way,
///    the `Grouping`/`TileProcessor` hull limits). Components touching the window's edge are
///    not judged (they may be cut).
///
/// Accepted components are taken out of the land and added to the sea mask (so the search
/// reaches a stern-to hull's inner end); the NIR local-contrast test against the sea then
/// decides, as for any pixel near the sea, whether a vessel is there. In that test each carved
/// hull is kept apart from its neighbours (``separate(_:carved:scratch:)``).
enum QuaysideHulls {
    /// Pixels a hull-like component may lie from the sea: its outboard pixels are mixed with
    /// water and sit just above the NDWI threshold, so the hull-like core is one pixel in.
    static let seaContact = 2
    /// Smallest NDWI spread used by the test: a perfectly uniform quay (MAD ≈ 0) must not make
    /// radiometric noise significant. Sentinel-2 L2A surface reflectance is specified to ~5 %
    /// relative accuracy; 0.03 in NDWI is a ~6 % change of the NIR/green ratio.
    static let minSpread: Float = 0.03
    /// NDVI at or above which a pixel is green vegetation (dense canopy is > 0.5; painted hulls
    /// measured on sen2ships: NDVI 0.0–0.4).
    static let vegetationNDVI: Float = 0.5

    /// Clears, in `land`, the hull-like components of the shore strip and sets them in `sea`.
    /// - Parameters:
    ///   - land: 0/1 land mask (modified); `sea`: 0/1 sea mask (modified).
    ///   - ndwi: NDWI per pixel (NaN where invalid); `vegetation`: NDVI per pixel, or nil.
    ///   - originCol, originRow: reference-grid index of the window's pixel (0, 0) (for the
    ///     window-independent background lattice).
    ///   - minLength, maxLength: hull length range, pixels; `k`: the per-pixel threshold in spreads
    ///     (the hysteresis floor `cfarKLow`); `kSeed`: the threshold of a component's mean, in
    ///     standard errors (the detection threshold `cfarK`).
    ///   - carved: when given, set to 1 on the carved pixels (and left as it was elsewhere).
    /// - Returns: how many land pixels were cleared.
    @discardableResult
    static func carve(land: PlaneView<UInt8>, sea: PlaneView<UInt8>, ndwi: PlaneView<Float>, vegetation: PlaneView<Float>?,
                      originCol: Int, originRow: Int, minLength: Double, maxLength: Double, k: Float, kSeed: Float,
                      carved: PlaneView<UInt8>? = nil) -> Int {
        let w = land.width, h = land.height
        guard w > 2, h > 2, maxLength >= 2 else { return 0 }
        // Nothing to do without both land and sea (open sea, inland): checked before any work.
        var hasLand = false, hasSea = false
        for y in 0..<h where !(hasLand && hasSea) {
            let l = land.row(y), s = sea.row(y)
            for x in 0..<w { if l[x] != 0 { hasLand = true }; if s[x] != 0 { hasSea = true } }
        }
        guard hasLand && hasSea else { return 0 }
        let reach = max(1, Int(maxLength.rounded(.up)))
        // Shore strip: land within `reach` (Chebyshev) of the sea.
        let strip = PlaneBuffer(width: w, height: h, sampleType: .uint8), near = PlaneBuffer(width: w, height: h, sampleType: .uint8)
        let sv = strip.view(as: UInt8.self), nv = near.view(as: UInt8.self)
        let distance = chessboardDistance(to: sea)
        var any = false
        for y in 0..<h {
            let l = land.row(y), s = sv.row(y), d = ndwi.row(y)
            for x in 0..<w {
                let on = l[x] != 0 && distance[y * w + x] <= Int32(reach) && d[x].isFinite
                s[x] = on ? 1 : 0
                if on { any = true }
            }
        }
        guard any else { return 0 }
        let half = max(2, Int((maxLength / 2).rounded(.up)))
        let spacing = max(1, half / 2)
        let background = RobustBackground(values: ndwi, valid: sv, originCol: originCol, originRow: originRow,
                                          spacing: spacing, radius: half, stride: max(1, (2 * half + 1) / 16))
        // Hull-like pixels (1 in `flag`): outside k spreads of the level (0 in `near`, the
        // two-sided test over whole rows), and below it (the per-pixel level, for those few only).
        background.background(ndwi, valid: sv, k: k, minSigma: minSpread, into: nv)
        var flag = [UInt8](repeating: 0, count: w * h)
        var z = [Float](repeating: 0, count: w * h)
        for y in 0..<h {
            let s = sv.row(y), inside = nv.row(y), d = ndwi.row(y), veg = vegetation?.row(y)
            for x in 0..<w where s[x] != 0 && inside[x] == 0 {
                if let veg, !(veg[x] < vegetationNDVI) { continue }
                guard let b = background.at(col: x, row: y), d[x] < b.level else { continue }
                flag[y * w + x] = 1
                z[y * w + x] = (b.level - d[x]) / max(b.spread, minSpread)
            }
        }
        Morphology.dilate(sea, element: .square(radius: seaContact), into: nv)
        var stack: [Int] = [], members: [Int] = []
        var cleared = 0
        for start in 0..<(w * h) where flag[start] == 1 {
            flag[start] = 2
            stack.append(start)
            members.removeAll(keepingCapacity: true)
            var edge = false, contact = false
            var sz = 0.0
            while let i = stack.popLast() {
                members.append(i)
                sz += Double(z[i])
                let y = i / w, x = i - y * w
                if x == 0 || y == 0 || x == w - 1 || y == h - 1 { edge = true }
                if nv[x, y] != 0 { contact = true }
                for ny in max(0, y - 1)...min(h - 1, y + 1) {
                    for nx in max(0, x - 1)...min(w - 1, x + 1) where flag[ny * w + nx] == 1 {
                        flag[ny * w + nx] = 2
                        stack.append(ny * w + nx)
                    }
                }
            }
            let n = Double(members.count)
            // The component's mean departure is significant at the detection threshold:
            // Σz/√n ≥ kSeed (a few chance pixels just past k do not make a hull).
            guard !edge, contact, sz / n.squareRoot() >= Double(kSeed) else { continue }
            let (length, width) = size(of: members, width: w)
            guard isHullShaped(length: length, width: width, minLength: minLength, maxLength: maxLength) else { continue }
            for i in members {
                let y = i / w, x = i - y * w
                land[x, y] = 0
                sea[x, y] = 1
                carved?[x, y] = 1
                cleared += 1
            }
        }
        return cleared
    }

    /// Keeps each carved hull apart from its neighbours in a detection mask: clears, in `mask`,
    /// the pixels 8-adjacent to a carved pixel that are not carved themselves. A carved hull was
    /// delineated by its spectrum; without the moat its NIR blob joins, through the sea pixels of
    /// the hysteresis mask, the hull or quay-side clutter beside it, and the joined blob is measured
    /// as one object (centre between them, or longer than a hull).
    static func separate(_ mask: PlaneView<UInt8>, carved: PlaneView<UInt8>, scratch: PlaneView<UInt8>) {
        Morphology.dilate(carved, element: .square(radius: 1), into: scratch)
        for y in 0..<mask.height {
            let m = mask.row(y), c = carved.row(y), d = scratch.row(y)
            for x in 0..<mask.width where d[x] != 0 && c[x] == 0 { m[x] = 0 }
        }
    }

    /// Chessboard (Chebyshev) distance of every pixel to the nearest set pixel of `mask`, in
    /// pixels (`Int32.max / 2` when the mask is empty): the two-pass 8-neighbour transform of
    /// Rosenfeld & Pfaltz (1966), exact for this metric, O(1) per pixel whatever the radius.
    /// `distance ≤ r` is the dilation of `mask` by the (2r+1)² square.
    static func chessboardDistance(to mask: PlaneView<UInt8>) -> [Int32] {
        let w = mask.width, h = mask.height, far = Int32.max / 2
        var d = [Int32](repeating: far, count: w * h)
        for y in 0..<h {
            let m = mask.row(y)
            for x in 0..<w where m[x] != 0 { d[y * w + x] = 0 }
        }
        for y in 0..<h {
            for x in 0..<w {
                var v = d[y * w + x]
                if x > 0 { v = min(v, d[y * w + x - 1] + 1) }
                if y > 0 {
                    v = min(v, d[(y - 1) * w + x] + 1)
                    if x > 0 { v = min(v, d[(y - 1) * w + x - 1] + 1) }
                    if x + 1 < w { v = min(v, d[(y - 1) * w + x + 1] + 1) }
                }
                d[y * w + x] = v
            }
        }
        for y in stride(from: h - 1, through: 0, by: -1) {
            for x in stride(from: w - 1, through: 0, by: -1) {
                var v = d[y * w + x]
                if x + 1 < w { v = min(v, d[y * w + x + 1] + 1) }
                if y + 1 < h {
                    v = min(v, d[(y + 1) * w + x] + 1)
                    if x + 1 < w { v = min(v, d[(y + 1) * w + x + 1] + 1) }
                    if x > 0 { v = min(v, d[(y + 1) * w + x - 1] + 1) }
                }
                d[y * w + x] = v
            }
        }
        return d
    }

    /// Length and width (pixels) of the component `members` (window-linear indices, row width
    /// `width`): `√(12λ + 1)` per principal axis of its second moments, Detection's
    /// `BlobStatistics.footprint`.
    static func size(of members: [Int], width: Int) -> (length: Double, width: Double) {
        var m = RawMoments()
        for i in members { m.addPixel(row: i / width, col: i % width) }
        let f = BlobStatistics(label: 0, moments: m, pixelArea: 1).footprint
        return (f.length, f.width)
    }

    /// The hull gates: length in [minLength, maxLength] and 3·(B − 1) ≤ L ≤ 12·(B + 1) (pixels).
    static func isHullShaped(length: Double, width: Double, minLength: Double, maxLength: Double) -> Bool {
        length >= minLength && length <= maxLength && 3 * (width - 1) <= length
            && length <= TileProcessor.maxSlenderness * (width + 1)
    }
}
