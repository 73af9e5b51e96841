import Raster

/// Hysteresis by flood fill: the pixels of `mask` 8-connected (through `mask`) to a seed
/// pixel (|z| ≥ `seed`, which must itself be in `mask`). Work is proportional to the seeded
/// components, not to the clutter elsewhere in the mask.
enum SeedFill {
    /// Writes the seeded part of `mask` into `out` (0/1, same size; `out` may not alias `mask`).
    static func keepSeeded(_ mask: PlaneView<UInt8>, z: PlaneView<Float>, seed: Float, into out: PlaneView<UInt8>) {
        let w = mask.width, h = mask.height
        for y in 0..<h { out.row(y).update(repeating: 0) }
        var stack: [Int] = []
        for y in 0..<h {
            let zr = z.row(y), mr = mask.row(y), or = out.row(y)
            for x in 0..<w where mr[x] != 0 && or[x] == 0 && abs(zr[x]) >= seed {
                or[x] = 1
                stack.append(y * w + x)
                while let i = stack.popLast() {
                    let cy = i / w, cx = i - cy * w
                    for ny in max(0, cy - 1)...min(h - 1, cy + 1) {
                        let nm = mask.row(ny), no = out.row(ny)
                        for nx in max(0, cx - 1)...min(w - 1, cx + 1) where nm[nx] != 0 && no[nx] == 0 {
                            no[nx] = 1
                            stack.append(ny * w + nx)
                        }
                    }
                }
            }
        }
    }
}
