/// Decides, for every vessel of one capture, whether it is absent from the other capture.
///
/// Both lists are in the same reference grid with the residual shift's whole-pixel part
/// already compensated, so a hull present in both captures covers (nearly) the same
/// pixels. Two kinds of evidence:
/// - **Difference.** Over the hull's pixels, the mean |after − normalized before| in
///   difference-noise units (`changeEvidence`) and its ratio to the hull's own signal
///   |pixel − local sea| (`changeRatio`): a hull that appeared or vanished changes by its
///   whole signal (ratio ≈ 1), a hull that stayed by a fraction (ratio ≈ the relative
///   brightness change of the hull, typically < 0.3).
/// - **Footprints.** A footprint in the other capture that matches this one: each covers
///   at least a given fraction of the other, grown by half a pixel on each side for the
///   residual sub-pixel shift. Both ways, so a hull moored alongside a static one is not
///   mistaken for it.
///
/// A vessel is new when its difference says so (`changeEvidence ≥ changeK` and
/// `changeRatio ≥ 0.5`), no footprint of the other capture matches it closely both ways
/// (`strongCoverage`) and the union of the other capture's hull-sized footprints (area at
/// most `maxAreaRatio` times its own: a raft's worth, not a cloud lump) covers less than
/// `strongCoverage` of it. The union matters when a partner arrived beside an anchored hull:
/// the partner's blur spills into the anchored hull's pixels (its difference ratio reached
/// 0.52–0.55 on development scenes) and the after capture cut the hull narrower, so no single
/// footprint matched both ways. Without a difference image (nil evidence) it is new when no
/// footprint matches it at all (`minCoverage`). For the before capture, new means gone by
/// the after capture.
///
/// **Hulls split from one blob** (`merged`) whose blob the other capture's footprints
/// touch are judged against the union of all the other capture's footprints there (grown
/// by the same half pixel; no area cap: a small partner's part is a fraction of the pair's
/// unsplit blob in the other capture), one way: the share of the part inside them (`covered`). A part is new when
/// `covered < partCoverage` (most of it lies where the other capture has no hull), or when
/// its difference says new and `covered < strongCoverage` (the rule for any hull, with the
/// union in place of the best single footprint). Why: a part's difference is not its own.
/// The blur of a bright neighbour spills into a part's pixels, so a dark hull that came
/// alongside a bright anchored one showed a difference of only 0.2–0.35 of "its" signal and
/// read as static (a joined pair reported as persistent); and the other capture may have cut
/// the same pair differently (one blob there, two parts here; a seam a few pixels off), so
/// no single footprint matches a part both ways while the pair is there in both captures.
/// At 10 m the parts are 1–2 px wide and lie within a pixel or two of each other, so the
/// grown footprint of an anchored hull covers 50–60 % of a new partner: there the
/// difference, not the footprints, tells them apart (hence both clauses). The rule is the
/// same for the before and the after capture. When nothing of the other capture touches
/// the blob, the difference decides as for any hull (a pair present in both captures but
/// found in only one of them stays static by its unchanged difference).
public enum ChangeClassifier {
    /// Footprint match that counts as the same hull whatever the difference says.
    public static let strongCoverage = 0.7
    /// Footprint match used when there is no difference evidence.
    public static let minCoverage = 0.4
    /// Share of the hull's own signal that must have changed.
    public static let minChangeRatio = 0.5
    /// Share of a split part that must lie inside the other capture's footprints for the part
    /// to be present there (a majority of its area).
    public static let partCoverage = 0.5
    /// Largest footprint of the other capture (area over this hull's grown area) that may
    /// explain this hull in the union test.
    public static let maxAreaRatio = 4.0

    public static func markNew(_ vessels: inout [VesselObservation], other: [VesselObservation],
                               parameters p: DetectionParameters) {
        guard !vessels.isEmpty else { return }
        // Neighbours by a coarse grid on centres (cells of the longest hull, pixels).
        let cell = max(1.0, vessels.map { $0.box.length }.max()! + (other.map { $0.box.length }.max() ?? 0) + 2)
        var grid: [SIMD2<Int>: [Int]] = [:]
        func key(_ b: OrientedBox) -> SIMD2<Int> { SIMD2(Int((b.centerX / cell).rounded(.down)), Int((b.centerY / cell).rounded(.down))) }
        for (j, o) in other.enumerated() { grid[key(o.box), default: []].append(j) }
        // The parts of each split blob (siblings share the blob key).
        var blobs: [Int64: [Int]] = [:]
        for (i, v) in vessels.enumerated() where v.merged { blobs[v.blobKey, default: []].append(i) }
        var decided = [Bool](repeating: false, count: vessels.count)
        for i in vessels.indices {
            let b = vessels[i].box
            var grown = b
            grown.length += 1
            grown.width += 1
            var best = 0.0
            var near: [OrientedBox] = []
            let k = key(b)
            for dy in -1...1 {
                for dx in -1...1 {
                    for j in grid[k &+ SIMD2(dx, dy)] ?? [] {
                        var og = other[j].box
                        og.length += 1
                        og.width += 1
                        best = max(best, min(b.coverage(by: og), other[j].box.coverage(by: grown)))
                        near.append(og)
                    }
                }
            }
            let v = vessels[i]
            let isNew: Bool
            let differenceSaysNew = v.changeEvidence.map { $0 >= p.changeK } == true
                && v.changeRatio.map { $0 >= minChangeRatio } == true
            if v.merged, let blob = blobs[v.blobKey], blob.contains(where: { s in near.contains { touches(vessels[s].box, $0) } }) {
                // Every footprint counts: a small partner's part is a fraction of the pair's
                // unsplit blob in the other capture, so no cap relative to the part's area.
                let covered = b.coverage(by: near)
                isNew = covered < partCoverage || (differenceSaysNew && covered < strongCoverage)
            } else if v.changeEvidence != nil && v.changeRatio != nil {
                // Footprints that can explain a whole hull: at most a raft's worth of it in area
                // (a cloud lump or land edge found as an object may be far larger).
                let area = grown.length * grown.width
                let covered = b.coverage(by: near.filter { $0.length * $0.width <= maxAreaRatio * area })
                isNew = differenceSaysNew && max(best, covered) < strongCoverage
            } else {
                isNew = best < minCoverage
            }
            decided[i] = isNew
        }
        for i in vessels.indices { vessels[i].isNew = decided[i] }
    }

    /// Whether two footprints overlap (share any point).
    static func touches(_ a: OrientedBox, _ b: OrientedBox) -> Bool {
        OrientedBox.overlaps(a.corners, b.corners)
    }

    /// The change of a group from its members' `isNew` flags.
    public static func change(of members: [VesselObservation]) -> EventScore.Change {
        let flags = members.map(\.isNew)
        if flags.contains(where: { $0 == nil }) { return .unknown }
        let newCount = flags.filter { $0 == true }.count
        if newCount == members.count { return .newPair }
        if newCount == 0 { return .persistent }
        return .joined
    }
}
