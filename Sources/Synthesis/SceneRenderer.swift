import Foundation
import Raster

/// Draws one capture of a ``SceneLayout`` into four UInt16 planes (blue, green, red, nir;
/// reflectance × 10 000 as Sentinel-2 L2A stores it, 0 reserved for nodata).
///
/// Order: sea (base reflectance × fractal texture + sun-glint ramp) and land (soft coastline,
/// textured, bright in NIR) → land objects → wakes → hulls and platforms → clouds → the after
/// capture's gain/offset → sensor noise → quantization. The after capture is drawn with
/// every world position moved by −shift (after pixel `p` shows world `p + shift`).
enum SceneRenderer {
    static let bands = 4

    static func render(_ L: SceneLayout, after: Bool, noiseSeed: UInt64) -> [PlaneBuffer] {
        let w = L.width, h = L.height
        let sx = after ? L.shiftX : 0, sy = after ? L.shiftY : 0
        var planes = (0..<bands).map { _ in [Float](repeating: 0, count: w * h) }
        background(L, after: after, sx: sx, sy: sy, into: &planes)
        let g = L.metresPerPixel
        // Pixel box (variance 1/12) + PSF + a soft hull edge of half a metre; in ground metres.
        let sigma = (L.psfSigmaPx * L.psfSigmaPx + 1.0 / 12 + (0.5 / g) * (0.5 / g)).squareRoot() * g
        let present = L.hulls.filter { after ? $0.inAfter : $0.inBefore }
        for hull in present where hull.kind == .landObject { draw(hull, L, sx: sx, sy: sy, sigma: sigma, into: &planes) }
        for hull in present where hull.wakeLengthM > 0 { drawWake(hull, L, sx: sx, sy: sy, sigma: sigma, into: &planes) }
        for hull in present where hull.kind != .landObject { draw(hull, L, sx: sx, sy: sy, sigma: sigma, into: &planes) }
        for cloud in L.clouds where cloud.inBefore != after { draw(cloud, L, sx: sx, sy: sy, into: &planes) }
        return quantize(planes, L, after: after, noiseSeed: noiseSeed)
    }

    // MARK: background

    static func background(_ L: SceneLayout, after: Bool, sx: Double, sy: Double, into planes: inout [[Float]]) {
        let w = L.width, h = L.height
        let sea = ValueNoise(seed: after ? L.seaSeeds.after : L.seaSeeds.before)
        let landNoise = ValueNoise(seed: L.landSeed)
        let glint = L.glint[after ? 1 : 0]
        let diag = (Double(w * w + h * h)).squareRoot()
        let landScale = max(4, 250 / L.metresPerPixel)
        // The coastline only depends on the coordinate along the land's edge: one value per row or column.
        var coast: [Double] = []
        if let land = L.land {
            let alongRows = land.edge == 0 || land.edge == 2
            let n = alongRows ? h : w
            let s = alongRows ? sy : sx
            coast = (0..<n).map { i in
                land.depth + land.amplitude * ValueNoise(seed: land.noiseSeed).fractal(Double(i) + 0.5 + s, 0.5,
                                                                                       scale: land.wavelength, octaves: 4)
            }
        }
        let seaBase = L.sea, landBase = L.landReflectance
        for row in 0..<h {
            let wy = Double(row) + 0.5 + sy
            for col in 0..<w {
                let wx = Double(col) + 0.5 + sx
                let t = 1 + L.seaTextureAmplitude * sea.fractal(wx, wy, scale: L.seaTextureWavelength, octaves: 2)
                let gl = glint.strength * (0.5 + 0.5 * (glint.dirX * (wx - Double(w) / 2) + glint.dirY * (wy - Double(h) / 2)) / (diag / 2))
                var m = 0.0
                if let land = L.land {
                    let d: Double, c: Double
                    switch land.edge {
                    case 0: (d, c) = (wx, coast[row])
                    case 1: (d, c) = (wy, coast[col])
                    case 2: (d, c) = (Double(w) - wx, coast[row])
                    default: (d, c) = (Double(h) - wy, coast[col])
                    }
                    m = min(1, max(0, 0.5 + c - d))
                }
                var lt = 1.0
                if m > 0 { lt = 1 + 0.2 * landNoise.fractal(wx, wy, scale: landScale, octaves: 3) }
                let i = row * w + col
                for b in 0..<bands {
                    let s = seaBase[b] * t + gl
                    let v = s + (landBase[b] * lt - s) * m
                    planes[b][i] = Float(v)
                }
            }
        }
    }

    // MARK: objects

    /// ½·[erf((h − x)/(√2σ)) + erf((h + x)/(√2σ))]: a box of half-width `h` blurred by a Gaussian.
    @inline(__always)
    static func softBox(_ x: Double, _ h: Double, _ sigma: Double) -> Double {
        let k = 1 / (2.0.squareRoot() * sigma)
        return 0.5 * (erf((h - x) * k) + erf((h + x) * k))
    }

    /// Pixel range (capture grid) covering world bounds `[x0, x1] × [y0, y1]`, clipped.
    static func pixelRange(_ L: SceneLayout, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double,
                           sx: Double, sy: Double) -> (Range<Int>, Range<Int>)? {
        let c0 = max(0, Int((x0 - sx).rounded(.down))), c1 = min(L.width, Int((x1 - sx).rounded(.up)) + 1)
        let r0 = max(0, Int((y0 - sy).rounded(.down))), r1 = min(L.height, Int((y1 - sy).rounded(.up)) + 1)
        guard c0 < c1, r0 < r1 else { return nil }
        return (c0..<c1, r0..<r1)
    }

    /// A hull: oriented rectangle whose bow narrows over `bowTaper` of the length, blurred
    /// (separable in the hull's own axes, exact for the rectangle part). Computed in ground
    /// metres (`sigma` too), so non-square ground pixels are drawn right.
    static func draw(_ hull: SceneHull, _ L: SceneLayout, sx: Double, sy: Double, sigma: Double, into planes: inout [[Float]]) {
        let s = L.scale
        let a = hull.lengthM / 2, b = hull.beamM / 2
        let pad = 4 * sigma / min(s.x, s.y) + 1
        let corners = hull.corners(s)
        guard let (cols, rows) = pixelRange(L, corners.map(\.x).min()! - pad, corners.map(\.y).min()! - pad,
                                            corners.map(\.x).max()! + pad, corners.map(\.y).max()! + pad, sx: sx, sy: sy)
        else { return }
        let (ux, uy) = hull.axis, (nx, ny) = hull.normal
        let taperStart = a - 2 * a * hull.bowTaper
        let refl = hull.reflectance
        for row in rows {
            let wy = (Double(row) + 0.5 + sy - hull.centreY) * s.y
            for col in cols {
                let wx = (Double(col) + 0.5 + sx - hull.centreX) * s.x
                let u = wx * ux + wy * uy, v = wx * nx + wy * ny
                var half = b
                if u > taperStart, a > taperStart { half = b * max(0.2, 0.2 + 0.8 * (a - u) / (a - taperStart)) }
                let cov = softBox(u, a, sigma) * softBox(v, half, sigma)
                if cov < 1e-4 { continue }
                let i = row * L.width + col
                for k in 0..<bands {
                    let old = Double(planes[k][i])
                    planes[k][i] = Float(old + (refl[k] - old) * cov)
                }
            }
        }
    }

    /// Foam behind a vessel under way: a turbulent wake from the stern, widening and fading
    /// over `wakeLengthM`, and the two Kelvin arms at ±19.47° from the bow, fainter.
    static func drawWake(_ hull: SceneHull, _ L: SceneLayout, sx: Double, sy: Double, sigma: Double,
                         into planes: inout [[Float]]) {
        let s = L.scale
        let a = hull.lengthM / 2, b = hull.beamM / 2
        let lw = hull.wakeLengthM
        let (ux, uy) = hull.axis, (nx, ny) = hull.normal
        let tanK = tan(19.47 * .pi / 180)
        let armLength = 0.6 * lw
        let spread = (armLength * tanK + 2 * b + 4 * sigma) / min(s.x, s.y) + 2
        let bow = hull.point(u: a, v: 0, s), end = hull.point(u: -(a + lw), v: 0, s)
        let xs = [bow.x, end.x].flatMap { [$0 - spread, $0 + spread] }
        let ys = [bow.y, end.y].flatMap { [$0 - spread, $0 + spread] }
        guard let (cols, rows) = pixelRange(L, xs.min()!, ys.min()!, xs.max()!, ys.max()!, sx: sx, sy: sy) else { return }
        let foam: [Double] = [0.06, 0.065, 0.06, 0.035]
        let armWidth = max(0.6 * L.metresPerPixel, 0.4 * b)
        for row in rows {
            let wy = (Double(row) + 0.5 + sy - hull.centreY) * s.y
            for col in cols {
                let wx = (Double(col) + 0.5 + sx - hull.centreX) * s.x
                let u = wx * ux + wy * uy, v = wx * nx + wy * ny
                var intensity = 0.0
                let s = -(u + a)  // distance behind the stern
                if s > -L.metresPerPixel && s < lw {
                    let half = b * (1 + 1.5 * max(0, s) / lw)
                    intensity += exp(-max(0, s) / (0.4 * lw)) * softBox(v, half, sigma) * softBox(s - lw / 2, lw / 2, sigma)
                }
                let sb = -(u - a)  // distance behind the bow
                if sb > 0 && sb < armLength {
                    let off = abs(v) - sb * tanK
                    intensity += 0.45 * exp(-sb / (0.5 * armLength)) * exp(-off * off / (2 * armWidth * armWidth))
                }
                if intensity < 1e-3 { continue }
                intensity = min(1, intensity)
                let i = row * L.width + col
                for k in 0..<bands { planes[k][i] += Float(foam[k] * intensity) }
            }
        }
    }

    static func draw(_ cloud: SceneCloud, _ L: SceneLayout, sx: Double, sy: Double, into planes: inout [[Float]]) {
        let bnd = cloud.bounds
        guard let (cols, rows) = pixelRange(L, bnd.0, bnd.1, bnd.2, bnd.3, sx: sx, sy: sy) else { return }
        let texture = ValueNoise(seed: UInt64(bitPattern: Int64(cloud.blobs[0].x * 1000)) ^ 0xC10D)
        let scale = max(4, (cloud.blobs.map(\.sigma).max() ?? 10) / 3)
        for row in rows {
            let wy = Double(row) + 0.5 + sy
            for col in cols {
                let wx = Double(col) + 0.5 + sx
                var op = cloud.opacity(wx, wy)
                if op < 1e-3 { continue }
                op *= 0.85 + 0.15 * texture.fractal(wx, wy, scale: scale, octaves: 3)
                let i = row * L.width + col
                for k in 0..<bands {
                    let old = Double(planes[k][i])
                    planes[k][i] = Float(old + (cloud.reflectance[k] - old) * op)
                }
            }
        }
    }

    // MARK: radiometry and quantization

    /// After capture: `gain · v + offset`; then Gaussian-like sensor noise (Irwin–Hall sum of
    /// four uniforms, variance-matched: cheap and deterministic); then × 10 000, rounded,
    /// clamped to 1…65535.
    static func quantize(_ planes: [[Float]], _ L: SceneLayout, after: Bool, noiseSeed: UInt64) -> [PlaneBuffer] {
        var rng = SceneRandom(seed: noiseSeed, stream: after ? 3 : 2)
        let w = L.width, h = L.height
        return (0..<bands).map { k in
            let out = PlaneBuffer(width: w, height: h, sampleType: .uint16)
            let view = out.view(as: UInt16.self)
            let gain = after ? L.gain[k] : 1, offset = after ? L.offset[k] : 0
            let sigma = L.noiseSigma[k] * 3.0.squareRoot()
            planes[k].withUnsafeBufferPointer { src in
                for row in 0..<h {
                    let dst = view.row(row)
                    for col in 0..<w {
                        let r = rng.next()
                        let u = Double(r & 0xFFFF) + Double((r >> 16) & 0xFFFF) + Double((r >> 32) & 0xFFFF) + Double(r >> 48)
                        let n = (u / 65535 - 2) * sigma
                        let v = (Double(src[row * w + col]) * gain + offset + n) * 10_000
                        dst[col] = UInt16(min(65535, max(1, v.rounded())))
                    }
                }
            }
            return out
        }
    }
}
