/// Scores candidates against truth (`alongside eval`).
///
/// Matching is one-to-one: the Hungarian assignment (``KuhnMunkres``) on the ground
/// distance between centres (``GroundDistance``), allowing only pairs within `toleranceM`
/// and, for events, on the same `capture` side (vessels too: a vessel seen in the before
/// capture is not the same detection as one in the after capture). Among all assignments
/// it takes one with the most matches, and among those the smallest total distance (pairs
/// outside the tolerance cost more than any sum of allowed ones). The problem is split
/// into connected groups of allowed pairs first (the connected components of the bipartite
/// "within tolerance, same side" graph): no optimal assignment pairs across groups, so solving
/// each group alone gives the same optimum as the whole matrix, in time Σ O(group³) instead of
/// O(n³). A group of more than ``maxGroupFeatures`` features (e.g. thousands of coincident
/// points) is refused with ``EvaluationError/groupTooLarge(kind:truthCount:candidateCount:limit:toleranceM:truthPath:candidatesPath:)``.
///
/// Length error: for matched vessels, |truth − candidate| length; for matched events,
/// the vessels inside the two events are paired by the same assignment on distance
/// (without tolerance) and each pair with both lengths known (> 0) contributes.
public enum Evaluation {
    /// Largest matching group (truth + candidate features chained by allowed pairs, or the
    /// vessels of two matched events) that is solved: 1000. The assignment costs
    /// O(min² · max) of the group's two sides; its worst case, all costs equal (coincident
    /// points), at 500 × 500 takes ~3 s in a debug build (1999 × 1999 took 204 s).
    public static let maxGroupFeatures = 1000

    /// - Parameter sameCapture: require the same `capture` side (default). Off, a candidate of
    ///   a single-capture run (`capture: single`) can match truth of either side.
    public static func evaluate(truth: FeatureCollectionDocument, candidates: FeatureCollectionDocument,
                                toleranceM: Double = 100, sameCapture: Bool = true) throws(EvaluationError) -> EvaluationResult {
        let tol = toleranceM.isFinite && toleranceM >= 0 ? toleranceM : 0
        func side(_ c: CaptureSide) -> CaptureSide { sameCapture ? c : .single }
        let eventMatches = try match(kind: "events", truth: truth.events.map { ($0.centre, side($0.capture)) },
                                 candidates: candidates.events.map { ($0.centre, side($0.capture)) }, toleranceM: tol)
        var errors: [Double] = []
        for m in eventMatches {
            errors += try lengthErrors(eventIndex: m.truthIndex, truth.events[m.truthIndex].vessels, candidates.events[m.candidateIndex].vessels)
        }
        let events = statistics(matches: eventMatches, truthCount: truth.events.count,
                                candidateCount: candidates.events.count, lengthErrors: errors)
        var vessels: MatchStatistics? = nil
        if !truth.vessels.isEmpty && !candidates.vessels.isEmpty {
            let vm = try match(kind: "vessels", truth: truth.vessels.map { ($0.centre, side($0.capture)) },
                           candidates: candidates.vessels.map { ($0.centre, side($0.capture)) }, toleranceM: tol)
            let le = vm.compactMap { m -> Double? in
                let a = truth.vessels[m.truthIndex].lengthM, b = candidates.vessels[m.candidateIndex].lengthM
                return a > 0 && b > 0 ? abs(a - b) : nil
            }
            vessels = statistics(matches: vm, truthCount: truth.vessels.count,
                                 candidateCount: candidates.vessels.count, lengthErrors: le)
        }
        var classes: [String: EvaluationResult.ClassCounts] = [:]
        func key(_ e: STSEvent) -> String { "\(e.capture.rawValue)/\(e.change.rawValue)" }
        let matchedTruth = Set(eventMatches.map(\.truthIndex)), matchedCandidates = Set(eventMatches.map(\.candidateIndex))
        for (i, e) in truth.events.enumerated() {
            classes[key(e), default: .init()].truth += 1
            if matchedTruth.contains(i) { classes[key(e), default: .init()].found += 1 }
        }
        for (i, e) in candidates.events.enumerated() {
            classes[key(e), default: .init()].candidates += 1
            if matchedCandidates.contains(i) { classes[key(e), default: .init()].correct += 1 }
        }
        var result = EvaluationResult(toleranceM: tol, events: events, vessels: vessels, eventClasses: classes)
        if let v = vessels {
            var lc: [String: EvaluationResult.ClassCounts] = [:]
            let mt = Set(v.matches.map(\.truthIndex)), mc = Set(v.matches.map(\.candidateIndex))
            for (i, x) in truth.vessels.enumerated() {
                let k = EvaluationResult.lengthClass(x.lengthM)
                lc[k, default: .init()].truth += 1
                if mt.contains(i) { lc[k, default: .init()].found += 1 }
            }
            for (i, x) in candidates.vessels.enumerated() {
                let k = EvaluationResult.lengthClass(x.lengthM)
                lc[k, default: .init()].candidates += 1
                if mc.contains(i) { lc[k, default: .init()].correct += 1 }
            }
            result.vesselLengthClasses = lc
        }
        return result
    }

    static func statistics(matches: [EvaluationMatch], truthCount: Int, candidateCount: Int,
                           lengthErrors: [Double]) -> MatchStatistics {
        let mt = Set(matches.map(\.truthIndex)), mc = Set(matches.map(\.candidateIndex))
        return MatchStatistics(
            truthCount: truthCount, candidateCount: candidateCount, matches: matches,
            missedTruth: (0..<truthCount).filter { !mt.contains($0) },
            falseCandidates: (0..<candidateCount).filter { !mc.contains($0) },
            meanAbsLengthErrorM: lengthErrors.isEmpty ? nil : lengthErrors.reduce(0, +) / Double(lengthErrors.count),
            lengthComparisons: lengthErrors.count)
    }

    /// |Δlength| for the vessels of two matched events, paired by least total distance.
    /// Refuses (as ``maxGroupFeatures``) two events with more vessels than that between them.
    static func lengthErrors(eventIndex: Int, _ t: [VesselRecord], _ c: [VesselRecord]) throws(EvaluationError) -> [Double] {
        guard !t.isEmpty, !c.isEmpty else { return [] }
        guard t.count + c.count <= maxGroupFeatures else {
            throw .groupTooLarge(kind: "vessels of truth event \(eventIndex)", truthCount: t.count, candidateCount: c.count,
                                 limit: maxGroupFeatures, toleranceM: nil, truthPath: nil, candidatesPath: nil)
        }
        var cost = [Double](repeating: 0, count: t.count * c.count)
        for i in t.indices { for j in c.indices { cost[i * c.count + j] = GroundDistance.metres(t[i].centre, c[j].centre) } }
        let a = KuhnMunkres.assign(cost: cost, rows: t.count, columns: c.count)
        return a.enumerated().compactMap { i, j in
            guard let j, t[i].lengthM > 0, c[j].lengthM > 0 else { return nil }
            return abs(t[i].lengthM - c[j].lengthM)
        }
    }

    /// One-to-one matching within `toleranceM` on the same side; matches sorted by truth index.
    /// Each connected group of allowed pairs is solved alone; a group of more than `limit`
    /// features is refused (`kind` names the features in the error).
    public static func match(kind: String = "features", truth: [(LonLat, CaptureSide)], candidates: [(LonLat, CaptureSide)],
                             toleranceM: Double, limit: Int = maxGroupFeatures) throws(EvaluationError) -> [EvaluationMatch] {
        let n = truth.count, m = candidates.count
        /// The distance of an allowed pair (same side, within the tolerance), metres.
        func allowed(_ t: Int, _ c: Int) -> Double? {
            guard candidates[c].1 == truth[t].1 else { return nil }
            let d = GroundDistance.metres(truth[t].0, candidates[c].0)
            return d <= toleranceM ? d : nil
        }
        // Pass 1: connected groups (union-find over truth 0..<n and candidates n..<n+m, with
        // each root's truth and candidate counts), the allowed pairs found through a
        // latitude-sorted sweep of the candidates. No list of pairs is kept (coincident points
        // would make it n·m long), and a group passing `limit` stops the sweep at once.
        let order = candidates.indices.sorted { candidates[$0].0.lat < candidates[$1].0.lat }
        let lats = order.map { candidates[$0].0.lat }
        let dLat = toleranceM / GroundDistance.minMetresPerDegreeLatitude * 1.001 + 1e-9
        var parent = Array(0..<(n + m))
        var truthIn = (0..<(n + m)).map { $0 < n ? 1 : 0 }, candidatesIn = truthIn.map { 1 - $0 }
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for (ti, (tp, _)) in truth.enumerated() {
            var lo = 0, hi = lats.count
            while lo < hi { let mid = (lo + hi) / 2; if lats[mid] < tp.lat - dLat { lo = mid + 1 } else { hi = mid } }
            var k = lo
            while k < lats.count, lats[k] <= tp.lat + dLat {
                let ci = order[k]
                k += 1
                guard allowed(ti, ci) != nil else { continue }
                let a = find(ti), b = find(n + ci)
                guard a != b else { continue }
                let root = min(a, b), other = max(a, b)
                parent[other] = root
                truthIn[root] += truthIn[other]
                candidatesIn[root] += candidatesIn[other]
                if truthIn[root] + candidatesIn[root] > limit {
                    throw .groupTooLarge(kind: kind, truthCount: truthIn[root], candidateCount: candidatesIn[root],
                                         limit: limit, toleranceM: toleranceM, truthPath: nil, candidatesPath: nil)
                }
            }
        }
        // Pass 2: the members of each group with both sides (only allowed pairs join), in index order.
        var groups: [Int: (truth: [Int], candidates: [Int])] = [:]
        for x in 0..<(n + m) {
            let r = find(x)
            guard truthIn[r] > 0, candidatesIn[r] > 0 else { continue }
            if x < n { groups[r, default: ([], [])].truth.append(x) } else { groups[r, default: ([], [])].candidates.append(x - n) }
        }
        var out: [EvaluationMatch] = []
        for key in groups.keys.sorted() {
            let (ts, cs) = groups[key]!
            if ts.count == 1 && cs.count == 1 {
                out.append(EvaluationMatch(truthIndex: ts[0], candidateIndex: cs[0], centreErrorM: allowed(ts[0], cs[0])!))
                continue
            }
            // A forbidden pair costs more than any assignment made only of allowed pairs.
            let forbidden = (toleranceM + 1) * Double(min(ts.count, cs.count) + 1)
            var cost = [Double](repeating: forbidden, count: ts.count * cs.count)
            for (i, t) in ts.enumerated() {
                for (j, c) in cs.enumerated() { if let d = allowed(t, c) { cost[i * cs.count + j] = d } }
            }
            let a = KuhnMunkres.assign(cost: cost, rows: ts.count, columns: cs.count)
            for (i, j) in a.enumerated() {
                guard let j, cost[i * cs.count + j] < forbidden else { continue }
                out.append(EvaluationMatch(truthIndex: ts[i], candidateIndex: cs[j], centreErrorM: cost[i * cs.count + j]))
            }
        }
        return out.sorted { $0.truthIndex < $1.truthIndex }
    }

    /// For each point, the label of the nearest labelled feature within `toleranceM` (inside
    /// its polygon counts as distance 0), or nil. Explains false alarms and misses against
    /// synth's `scene.geojson`.
    public static func explain(points: [LonLat], labels: [LabelledFeature], toleranceM: Double) -> [String?] {
        points.map { p in
            var best: (Double, String)? = nil
            for l in labels {
                let d = l.distanceM(to: p)
                if d <= toleranceM, best.map({ d < $0.0 }) ?? true { best = (d, l.label) }
            }
            return best?.1
        }
    }
}
