import Foundation
import Raster

/// Hulls moored against a quay. NDWI calls a hull non-water (steel and paint reflect
/// near infrared), and a hull lying alongside a quay touches it, so it joins the quay's
/// land component and is never searched. At 10 m such a hull is a vessel-shaped
/// protrusion of the land into the sea: a strip one beam deep and one hull long, with sea
/// beyond its bow, its stern and its outboard side.
///
/// The protrusion is what a closing of the sea with a line segment parallel to the hull,
/// longer than the hull, fills in: every point of the hull lies on a segment of that
/// length whose both ends reach the sea, while a straight coast (a convex sea) is left as it
/// is. The sea is closed along `orientations` directions; in each, the filled land forms
/// components, and a component is a berthed-hull candidate when its extent along the segment
/// lies in the vessel length range and its extent across is at most `beamRatio` times that
/// (hulls are 5–8 times longer than wide; the blurred footprint at 10 m is wider). Those
/// components are taken out of the land, so the local-contrast test searches them against
/// the sea like any hull. Piers and jetties of the same size are removed too (at 10 m they
/// look the same); wider or longer land is kept.
enum BerthedHulls {
    /// The widest gap fenders keep between a hull and a quay, metres.
    static let fenderGap = 5.0

    /// Whether hulls and quays fuse at this pixel size: only when the fender gap spans less than
    /// two pixels (gsd > 2.5 m) is it unresolved; at finer pixels the gap or the hull's shadow
    /// line separates a berthed hull from its quay in NDWI (the rule `MergedHullRule` uses
    /// for hulls side by side).
    static func applies(metresPerPixel: Double) -> Bool { metresPerPixel > fenderGap / 2 }

    /// Clears, in `land` (in place), the hull-shaped protrusions into `sea`.
    /// - Parameters:
    ///   - land: 0/1 land mask (non-water of large components), modified.
    ///   - sea: 0/1 mask of the sea (large water bodies).
    ///   - minLength: shortest hull, pixels; `maxLength`: longest hull, pixels (the closing
    ///     segment is `maxLength` long).
    ///   - beamRatio: largest width/length of a candidate.
    ///   - orientations: directions of the closing segment, evenly spread over 180°.
    /// - Returns: how many land pixels were cleared.
    @discardableResult
    static func carve(land: PlaneView<UInt8>, sea: PlaneView<UInt8>, minLength: Double, maxLength: Double,
                      beamRatio: Double = 0.5, minFill: Double = 0.65, orientations: Int = 8) -> Int {
        let w = land.width, h = land.height
        guard w > 0, h > 0, maxLength >= 2, orientations > 0 else { return 0 }
        // Nothing to carve without both land and sea (open-sea or inland windows).
        var hasLand = false, hasSea = false
        for y in 0..<h where !(hasLand && hasSea) {
            let l = land.row(y), s = sea.row(y)
            for x in 0..<w { if l[x] != 0 { hasLand = true }; if s[x] != 0 { hasSea = true } }
        }
        guard hasLand && hasSea else { return 0 }
        var cut = [UInt8](repeating: 0, count: w * h)
        var filled = [UInt8](repeating: 0, count: w * h)
        var stack: [Int] = [], members: [Int] = []
        for o in 0..<orientations {
            let theta = Double.pi * Double(o) / Double(orientations)
            let (ux, uy) = (cos(theta), sin(theta))
            closeAlongLines(sea: sea, land: land, ux: ux, uy: uy, halfLength: maxLength / 2, into: &filled)
            // Components of the filled land (8-connected; a visited pixel is marked 2), measured
            // along and across the segment.
            for start in 0..<(w * h) where filled[start] == 1 {
                filled[start] = 2
                stack.append(start)
                members.removeAll(keepingCapacity: true)
                var aMin = Double.infinity, aMax = -Double.infinity, cMin = Double.infinity, cMax = -Double.infinity
                while let i = stack.popLast() {
                    members.append(i)
                    let y = i / w, x = i - y * w
                    let a = Double(x) * ux + Double(y) * uy, c = -Double(x) * uy + Double(y) * ux
                    aMin = min(aMin, a); aMax = max(aMax, a); cMin = min(cMin, c); cMax = max(cMax, c)
                    for ny in max(0, y - 1)...min(h - 1, y + 1) {
                        for nx in max(0, x - 1)...min(w - 1, x + 1) {
                            let j = ny * w + nx
                            if filled[j] == 1 { filled[j] = 2; stack.append(j) }
                        }
                    }
                }
                let length = aMax - aMin + 1, width = cMax - cMin + 1
                guard length >= minLength, length <= maxLength, width <= beamRatio * length,
                      Double(members.count) >= minFill * length * width else { continue }
                for i in members { cut[i] = 1 }
            }
        }
        var cleared = 0
        for y in 0..<h {
            let l = land.row(y)
            for x in 0..<w where cut[y * w + x] != 0 && l[x] != 0 {
                l[x] = 0
                cleared += 1
            }
        }
        return cleared
    }

    /// `filled` = land ∧ closing of `sea` by a centred segment of half-length `halfLength`
    /// pixels along (`ux`, `uy`), computed exactly along digital lines: each pixel belongs to
    /// one line (a step along the dominant axis, the other coordinate rounded), and the closing
    /// is one-dimensional along it. A 1-D closing by a segment of ±hs steps fills exactly the
    /// non-sea runs between two sea cells that are at most 2·hs long, and the runs reaching the
    /// grid's edge that are at most hs long (beyond the grid counts as filled for the erosion: a
    /// protrusion cut by the window edge is not judged by the edge). One pass per line.
    static func closeAlongLines(sea: PlaneView<UInt8>, land: PlaneView<UInt8>, ux: Double, uy: Double,
                                halfLength: Double, into filled: inout [UInt8]) {
        let w = sea.width, h = sea.height
        let shallow = abs(ux) >= abs(uy)
        // Along the dominant axis (n cells), the other coordinate is offset by off[k].
        let n = shallow ? w : h, m = shallow ? h : w
        let slope = shallow ? uy / ux : ux / uy
        let step = (1 + slope * slope).squareRoot()
        let hs = max(1, Int((halfLength / step).rounded(.down)))
        let off = (0..<n).map { Int((Double($0) * slope).rounded()) }
        let lo = min(0, off.last ?? 0), hi = max(0, off.last ?? 0)
        for i in 0..<filled.count { filled[i] = 0 }
        filled.withUnsafeMutableBufferPointer { out in
            func index(_ k: Int, _ base: Int) -> Int {
                let o = base + off[k]
                return shallow ? o * w + k : k * w + o
            }
            func isSea(_ k: Int, _ base: Int) -> Bool {
                let o = base + off[k]
                return shallow ? sea.row(o)[k] != 0 : sea.row(k)[o] != 0
            }
            func fill(_ from: Int, _ to: Int, _ base: Int) {  // cells from..<to of the line
                for k in from..<to {
                    let o = base + off[k]
                    let isLand = shallow ? land.row(o)[k] != 0 : land.row(k)[o] != 0
                    if isLand { out[index(k, base)] = 1 }
                }
            }
            for base in (-hi)..<(m - lo) {
                // The in-grid run of this line is contiguous in k (off is monotone).
                var first = -1, last = -1
                for k in 0..<n {
                    let o = base + off[k]
                    if o >= 0 && o < m { if first < 0 { first = k }; last = k } else if first >= 0 { break }
                }
                guard first >= 0 else { continue }
                var lastSea = -1  // k of the previous sea cell, -1 before the first
                for k in first...last where isSea(k, base) {
                    let gap = lastSea < 0 ? k - first : k - lastSea - 1
                    if gap > 0 && gap <= (lastSea < 0 ? hs : 2 * hs) { fill(lastSea < 0 ? first : lastSea + 1, k, base) }
                    lastSea = k
                }
                if lastSea >= 0, last - lastSea > 0, last - lastSea <= hs { fill(lastSea + 1, last + 1, base) }
            }
        }
    }
}
