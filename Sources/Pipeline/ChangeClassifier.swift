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
/// `changeRatio ≥ 0.5`) and no footprint of the other capture matches it closely
/// (`strongCoverage`). Without a difference image (nil evidence) it is new when no
/// footprint matches it at all (`minCoverage`). For the before capture, new means gone by
/// the after capture.
public enum ChangeClassifier {
    /// Footprint match that counts as the same hull whatever the difference says.
    public static let strongCoverage = 0.7
    /// Footprint match used when there is no difference evidence.
    public static let minCoverage = 0.4
    /// Share of the hull's own signal that must have changed.
    public static let minChangeRatio = 0.5

    public static func markNew(_ vessels: inout [VesselObservation], other: [VesselObservation],
                               parameters p: DetectionParameters) {
        guard !vessels.isEmpty else { return }
        // Neighbours by a coarse grid on centres (cells of the longest hull, pixels).
        let cell = max(1.0, vessels.map { $0.box.length }.max()! + (other.map { $0.box.length }.max() ?? 0) + 2)
        var grid: [SIMD2<Int>: [Int]] = [:]
        func key(_ b: OrientedBox) -> SIMD2<Int> { SIMD2(Int((b.centerX / cell).rounded(.down)), Int((b.centerY / cell).rounded(.down))) }
        for (j, o) in other.enumerated() { grid[key(o.box), default: []].append(j) }
        for i in vessels.indices {
            let b = vessels[i].box
            var grown = b
            grown.length += 1
            grown.width += 1
            var best = 0.0
            let k = key(b)
            for dy in -1...1 {
                for dx in -1...1 {
                    for j in grid[k &+ SIMD2(dx, dy)] ?? [] {
                        var og = other[j].box
                        og.length += 1
                        og.width += 1
                        best = max(best, min(b.coverage(by: og), other[j].box.coverage(by: grown)))
                    }
                }
            }
            let v = vessels[i]
            let isNew: Bool
            if let e = v.changeEvidence, let r = v.changeRatio {
                isNew = e >= p.changeK && r >= minChangeRatio && best < strongCoverage
            } else {
                isNew = best < minCoverage
            }
            vessels[i].isNew = isNew
        }
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
