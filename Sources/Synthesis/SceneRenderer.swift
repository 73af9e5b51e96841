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
    /// Rows per strip: strips are drawn independently (in parallel) into small Float buffers,
    /// so memory is the UInt16 output plus a few strips, whatever the scene size.
    static let stripRows = 64

    /// A strip's working planes: `bands` Float rows of `width × rows`, starting at `row0`.
    struct Strip {
        var row0: Int
        var rows: Int
        var width: Int
        var planes: [[Float]]

        @inline(__always) func index(_ col: Int, _ row: Int) -> Int { (row - row0) * width + col }
        var rowRange: Range<Int> { row0..<(row0 + rows) }
    }

    static func render(_ L: SceneLayout, after: Bool, noiseSeed: UInt64) -> [PlaneBuffer] {
        let w = L.width, h = L.height
        let sx = after ? L.shiftX : 0, sy = after ? L.shiftY : 0
        let out = (0..<bands).map { _ in PlaneBuffer(width: w, height: h, sampleType: .uint16) }
        let g = L.metresPerPixel
        // Pixel box (variance 1/12) + PSF + a soft hull edge of half a metre; in ground metres.
        let sigma = (L.psfSigmaPx * L.psfSigmaPx + 1.0 / 12 + (0.5 / g) * (0.5 / g)).squareRoot() * g
        let present = L.hulls.filter { after ? $0.inAfter : $0.inBefore }
        let ordered = present.filter { $0.kind == .landObject } + present.filter { $0.kind != .landObject }
        let wakes = present.filter { $0.wakeLengthM > 0 }
        let clouds = L.clouds.filter { $0.inBefore != after }
        let coast = coastline(L, sx: sx, sy: sy)
        let strips = (h + stripRows - 1) / stripRows
        DispatchQueue.concurrentPerform(iterations: strips) { k in
            let r0 = k * stripRows, rows = min(stripRows, h - r0)
            var strip = Strip(row0: r0, rows: rows, width: w,
                              planes: (0..<bands).map { _ in [Float](repeating: 0, count: w * rows) })
            background(L, after: after, sx: sx, sy: sy, coast: coast, into: &strip)
            for hull in ordered where hull.kind == .landObject { draw(hull, L, sx: sx, sy: sy, sigma: sigma, into: &strip) }
            for hull in wakes { drawWake(hull, L, sx: sx, sy: sy, sigma: sigma, into: &strip) }
            for hull in ordered where hull.kind != .landObject { draw(hull, L, sx: sx, sy: sy, sigma: sigma, into: &strip) }
            for cloud in clouds { draw(cloud, L, sx: sx, sy: sy, into: &strip) }
            quantize(strip, L, after: after, noiseSeed: noiseSeed, into: out)
        }
        return out
    }

    // MARK: background

    /// The coastline position for every row (land on the left/right edge) or column (top/bottom):
    /// it only depends on the coordinate along the land's edge.
    static func coastline(_ L: SceneLayout, sx: Double, sy: Double) -> [Double] {
        guard let land = L.land else { return [] }
        let alongRows = land.edge == 0 || land.edge == 2
        let n = alongRows ? L.height : L.width
        let s = alongRows ? sy : sx
        let noise = ValueNoise(seed: land.noiseSeed)
        return (0..<n).map { i in
            land.depth + land.amplitude * noise.fractal(Double(i) + 0.5 + s, 0.5, scale: land.wavelength, octaves: 4)
        }
    }

    /// A smooth field sampled every `step` pixels on a grid anchored at the image origin (so
    /// strips agree where they meet) and bilinearly interpolated: the textures vary over tens of
    /// pixels, so this is indistinguishable from per-pixel evaluation and 20–50× cheaper.
    struct CoarseField {
        let step: Int
        let col0: Int, row0: Int, cols: Int, rows: Int
        var values: [Double]

        init(step: Int, width: Int, rows r: Range<Int>, _ f: (Double, Double) -> Double) {
            self.step = step
            col0 = 0
            row0 = r.lowerBound / step
            cols = width / step + 2
            rows = (r.upperBound - 1) / step - row0 + 2
            var v = [Double](repeating: 0, count: cols * rows)
            for j in 0..<rows {
                for i in 0..<cols { v[j * cols + i] = f(Double(i * step), Double((row0 + j) * step)) }
            }
            values = v
        }

        @inline(__always)
        func at(_ col: Int, _ row: Int) -> Double {
            let fx = Double(col % step) / Double(step), fy = Double(row % step) / Double(step)
            let i = col / step, j = row / step - row0
            let a = values[j * cols + i], b = values[j * cols + i + 1]
            let c = values[(j + 1) * cols + i], d = values[(j + 1) * cols + i + 1]
            let top = a + (b - a) * fx
            return top + (c + (d - c) * fx - top) * fy
        }
    }

    static func background(_ L: SceneLayout, after: Bool, sx: Double, sy: Double, coast: [Double], into strip: inout Strip) {
        let w = L.width, h = L.height
        let seaNoise = ValueNoise(seed: after ? L.seaSeeds.after : L.seaSeeds.before)
        let landNoise = ValueNoise(seed: L.landSeed)
        let glint = L.glint[after ? 1 : 0]
        let diag = (Double(w * w + h * h)).squareRoot()
        let landScale = max(4, 250 / L.metresPerPixel)
        let seaStep = max(1, min(8, Int(L.seaTextureWavelength / 16)))
        let landStep = max(1, min(8, Int(landScale / 16)))
        // Texture sample at pixel corner (c, r) of this capture's grid = world (c + 0.5 + sx, r + 0.5 + sy).
        let sea = CoarseField(step: seaStep, width: w, rows: strip.rowRange) { c, r in
            1 + L.seaTextureAmplitude * seaNoise.fractal(c + 0.5 + sx, r + 0.5 + sy, scale: L.seaTextureWavelength, octaves: 2)
        }
        let landTexture: CoarseField? = L.land == nil ? nil : CoarseField(step: landStep, width: w, rows: strip.rowRange) { c, r in
            1 + 0.2 * landNoise.fractal(c + 0.5 + sx, r + 0.5 + sy, scale: landScale, octaves: 3)
        }
        let seaBase = L.sea, landBase = L.landReflectance
        for row in strip.rowRange {
            let wy = Double(row) + 0.5 + sy
            for col in 0..<w {
                let wx = Double(col) + 0.5 + sx
                let t = sea.at(col, row)
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
                let lt = m > 0 ? landTexture!.at(col, row) : 1
                let i = strip.index(col, row)
                for b in 0..<bands {
                    let s = seaBase[b] * t + gl
                    strip.planes[b][i] = Float(s + (landBase[b] * lt - s) * m)
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

    /// Pixel range (capture grid) covering world bounds `[x0, x1] × [y0, y1]`, clipped to the strip.
    static func pixelRange(_ strip: Strip, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double,
                           sx: Double, sy: Double) -> (Range<Int>, Range<Int>)? {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return nil }
        let c0 = max(0, Int((x0 - sx).rounded(.down))), c1 = min(strip.width, Int((x1 - sx).rounded(.up)) + 1)
        let r0 = max(strip.row0, Int((y0 - sy).rounded(.down))), r1 = min(strip.row0 + strip.rows, Int((y1 - sy).rounded(.up)) + 1)
        guard c0 < c1, r0 < r1 else { return nil }
        return (c0..<c1, r0..<r1)
    }

    /// A hull: oriented rectangle whose bow narrows over `bowTaper` of the length, blurred
    /// (separable in the hull's own axes, exact for the rectangle part). Computed in ground
    /// metres (`sigma` too), so non-square ground pixels are drawn right.
    static func draw(_ hull: SceneHull, _ L: SceneLayout, sx: Double, sy: Double, sigma: Double, into strip: inout Strip) {
        let s = L.scale
        let a = hull.lengthM / 2, b = hull.beamM / 2
        let pad = 4 * sigma / min(s.x, s.y) + 1
        let corners = hull.corners(s)
        guard let (cols, rows) = pixelRange(strip, corners.map(\.x).min()! - pad, corners.map(\.y).min()! - pad,
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
                let i = strip.index(col, row)
                for k in 0..<bands {
                    let old = Double(strip.planes[k][i])
                    strip.planes[k][i] = Float(old + (refl[k] - old) * cov)
                }
            }
        }
    }

    /// Foam behind a vessel under way: a turbulent wake from the stern, widening and fading
    /// over `wakeLengthM`, and the two Kelvin arms at ±19.47° from the bow, fainter.
    static func drawWake(_ hull: SceneHull, _ L: SceneLayout, sx: Double, sy: Double, sigma: Double,
                         into strip: inout Strip) {
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
        guard let (cols, rows) = pixelRange(strip, xs.min()!, ys.min()!, xs.max()!, ys.max()!, sx: sx, sy: sy) else { return }
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
                let i = strip.index(col, row)
                for k in 0..<bands { strip.planes[k][i] += Float(foam[k] * intensity) }
            }
        }
    }

    static func draw(_ cloud: SceneCloud, _ L: SceneLayout, sx: Double, sy: Double, into strip: inout Strip) {
        let bnd = cloud.bounds
        guard let (cols, rows) = pixelRange(strip, bnd.0, bnd.1, bnd.2, bnd.3, sx: sx, sy: sy) else { return }
        let texture = ValueNoise(seed: UInt64(bitPattern: Int64(cloud.blobs[0].x * 1000)) ^ 0xC10D)
        let minSigma = cloud.blobs.map(\.sigma).min() ?? 10
        let scale = max(4, (cloud.blobs.map(\.sigma).max() ?? 10) / 3)
        // Opacity is smooth over many pixels: sample it on a coarse grid (see CoarseField).
        let step = max(1, min(8, Int(min(minSigma, scale) / 8)))
        let field = CoarseField(step: step, width: strip.width, rows: rows) { c, r in
            let wx = c + 0.5 + sx, wy = r + 0.5 + sy
            let op = cloud.opacity(wx, wy)
            return op < 1e-4 ? 0 : op * (0.85 + 0.15 * texture.fractal(wx, wy, scale: scale, octaves: 3))
        }
        for row in rows {
            for col in cols {
                let op = field.at(col, row)
                if op < 1e-3 { continue }
                let i = strip.index(col, row)
                for k in 0..<bands {
                    let old = Double(strip.planes[k][i])
                    strip.planes[k][i] = Float(old + (cloud.reflectance[k] - old) * op)
                }
            }
        }
    }

    // MARK: radiometry and quantization

    /// After capture: `gain · v + offset`; then Gaussian-like sensor noise (Irwin–Hall sum of
    /// four uniforms, variance-matched: cheap and deterministic, one generator per row and band
    /// so strips are independent); then × 10 000, rounded, clamped to 1…65535.
    static func quantize(_ strip: Strip, _ L: SceneLayout, after: Bool, noiseSeed: UInt64, into out: [PlaneBuffer]) {
        let w = L.width
        for k in 0..<bands {
            let view = out[k].view(as: UInt16.self)
            let gain = Float(after ? L.gain[k] : 1), offset = Float(after ? L.offset[k] : 0)
            let sigma = Float(L.noiseSigma[k] * 3.0.squareRoot())
            strip.planes[k].withUnsafeBufferPointer { src in
                for row in strip.rowRange {
                    var rng = SceneRandom(seed: noiseSeed, stream: (after ? 1 << 40 : 0) | UInt64(k) << 32 | UInt64(row))
                    let dst = view.row(row)
                    let base = (row - strip.row0) * w
                    for col in 0..<w {
                        let r = rng.next()
                        let u = Float(r & 0xFFFF) + Float((r >> 16) & 0xFFFF) + Float((r >> 32) & 0xFFFF) + Float(r >> 48)
                        let n = (u * (1 / 65535) - 2) * sigma
                        let v = (src[base + col] * gain + offset + n) * 10_000
                        dst[col] = UInt16(min(65535, max(1, v.rounded())))
                    }
                }
            }
        }
    }
}
