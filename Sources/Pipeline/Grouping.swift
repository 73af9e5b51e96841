/// Finds groups of vessels lying alongside each other in one capture.
///
/// Two hulls are linked when their footprints are at most `maxGap` metres apart edge to
/// edge and their axes differ by at most `maxHeadingDifference` degrees, or when they were
/// split from one blob. Groups are the connected components of that graph with two or
/// more members, so a raft of three hulls is one group. Candidate neighbours come from a
/// spatial hash with cells of `maxLength + maxGap` metres: any two linked hulls have
/// centres closer than that, so only the 3 × 3 neighbouring cells are searched.
///
/// Only hull-shaped vessels join groups (``isHullShaped(_:)``): square or round objects
/// (platforms, cloud lumps, land objects) and thin streaks stay single vessel records.
public enum Grouping {
    /// Length over beam a group member must keep: sea-going hulls have L/B ≥ 3 (merchant ships
    /// 4–9, tugs and supply vessels 3–4.5), the same bound the merged-hull rule puts on its parts.
    public static let minMemberElongation = 3.0

    /// Length over beam no group member exceeds: the slenderest sea-going hulls (fast container
    /// ships, frigates) reach L/B ≈ 8–10; thinner objects are quay edges, wakes or streaks.
    public static let maxMemberElongation = 12.0

    /// Beam no group member exceeds, as a fraction of `maxLength`: the longest hulls (≈ 400 m:
    /// ULCCs, Valemax, the largest container ships) have beams of 60–70 m, L/B ≥ 5.5.
    public static let maxBeamFraction = 0.2

    /// Whether the footprint can be a hull: `3·(B − 1 px) ≤ L ≤ 12·(B + 1 px)` and
    /// `B ≤ 0.2·maxLength + 1 px`, the pixel allowing for the width error of a few-pixel blob
    /// (a 25 m hull at 10 m is 1–2 px wide).
    public static func isHullShaped(_ v: VesselObservation, parameters p: DetectionParameters = DetectionParameters()) -> Bool {
        let pixel = (v.metresPerPixelX * v.metresPerPixelY).squareRoot()
        let l = v.lengthMetres, w = v.widthMetres
        return l >= minMemberElongation * (w - pixel) && l <= maxMemberElongation * (w + pixel)
            && w <= maxBeamFraction * p.maxLength + pixel
    }

    public static func groups(_ vessels: [VesselObservation], parameters p: DetectionParameters) -> [VesselGroup] {
        let n = vessels.count
        guard n >= 2 else { return [] }
        let boxes = vessels.map(\.metricBox)
        let cell = max(1, p.maxLength + p.maxGap)
        var grid: [SIMD2<Int>: [Int]] = [:]
        func key(_ b: OrientedBox) -> SIMD2<Int> { SIMD2(Int((b.centerX / cell).rounded(.down)), Int((b.centerY / cell).rounded(.down))) }
        for i in 0..<n where isHullShaped(vessels[i], parameters: p) { grid[key(boxes[i]), default: []].append(i) }

        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var nearestGap = [Double](repeating: .infinity, count: n)
        for i in 0..<n where isHullShaped(vessels[i], parameters: p) {
            let k = key(boxes[i])
            for dy in -1...1 {
                for dx in -1...1 {
                    guard let cellMembers = grid[k &+ SIMD2(dx, dy)] else { continue }
                    for j in cellMembers where j > i {
                        guard let g = linkGap(vessels[i], boxes[i], vessels[j], boxes[j], p) else { continue }
                        nearestGap[i] = min(nearestGap[i], g)
                        nearestGap[j] = min(nearestGap[j], g)
                        let a = find(i), b = find(j)
                        if a != b { parent[max(a, b)] = min(a, b) }
                    }
                }
            }
        }
        var members: [Int: [Int]] = [:]
        for i in 0..<n where nearestGap[i].isFinite { members[find(i), default: []].append(i) }
        var out: [VesselGroup] = []
        for root in members.keys.sorted() {
            let m = members[root]!.sorted()
            guard m.count >= 2 else { continue }
            var hd = 0.0
            for a in 0..<m.count {
                for b in (a + 1)..<m.count {
                    hd = max(hd, OrientedBox.axisDifferenceDegrees(boxes[m[a]].angle, boxes[m[b]].angle))
                }
            }
            let merged = Set(m.filter { vessels[$0].merged }.map { vessels[$0].blobKey }).count
                < m.filter { vessels[$0].merged }.count
            out.append(VesselGroup(members: m, gapMetres: m.map { nearestGap[$0] }.max() ?? 0,
                                   headingDifferenceDegrees: hd, merged: merged))
        }
        return out
    }

    /// The gap (metres) when the two hulls are linked, else nil.
    static func linkGap(_ a: VesselObservation, _ ba: OrientedBox, _ b: VesselObservation, _ bb: OrientedBox,
                        _ p: DetectionParameters) -> Double? {
        if a.merged && b.merged && a.blobKey == b.blobKey { return 0 }
        guard OrientedBox.axisDifferenceDegrees(ba.angle, bb.angle) <= p.maxHeadingDifference else { return nil }
        let g = OrientedBox.gap(ba, bb)
        return g <= p.maxGap ? g : nil
    }
}
