/// Decides, for every vessel of one capture, whether it is absent from the other capture.
///
/// Both lists are in the same reference grid with the residual shift's whole-pixel part
/// already compensated, so a hull present in both captures covers (nearly) the same
/// pixels. A vessel counts as present in the other capture when
/// - a footprint there covers at least `minCoverage` of its footprint grown by half a pixel on each side
///   (the residual sub-pixel shift)
///   (or the other way round: a split or merged blob may be larger or smaller), or
/// - the change evidence over its pixels is below `changeK` (the pixels did not change,
///   so whatever is there now was there before, detected or not).
/// Otherwise it is new (for the before capture: gone by the after capture).
public enum ChangeClassifier {
    /// Fraction of a footprint the other capture's footprint must cover to count as the same hull.
    public static let minCoverage = 0.4

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
            var present = false
            let k = key(b)
            search: for dy in -1...1 {
                for dx in -1...1 {
                    for j in grid[k &+ SIMD2(dx, dy)] ?? [] {
                        var og = other[j].box
                        og.length += 1
                        og.width += 1
                        if b.coverage(by: og) >= minCoverage || other[j].box.coverage(by: grown) >= minCoverage {
                            present = true
                            break search
                        }
                    }
                }
            }
            if !present, let e = vessels[i].changeEvidence, e < p.changeK { present = true }
            vessels[i].isNew = !present
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
