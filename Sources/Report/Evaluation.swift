/// Scores candidates against truth (`alongside eval`).
///
/// Matching is one-to-one: the Hungarian assignment (``KuhnMunkres``) on the ground
/// distance between centres (``GroundDistance``), allowing only pairs within `toleranceM`
/// and, for events, on the same `capture` side (vessels too: a vessel seen in the before
/// capture is not the same detection as one in the after capture). Among all assignments
/// it takes one with the most matches, and among those the smallest total distance (pairs
/// outside the tolerance cost more than any sum of allowed ones). The problem is split
/// into connected groups of allowed pairs first, so large files stay fast.
///
/// Length error: for matched vessels, |truth − candidate| length; for matched events,
/// the vessels inside the two events are paired by the same assignment on distance
/// (without tolerance) and each pair with both lengths known (> 0) contributes.
public enum Evaluation {
    /// - Parameter sameCapture: require the same `capture` side (default). Off, a candidate of
    ///   a single-capture run (`capture: single`) can match truth of either side.
    public static func evaluate(truth: FeatureCollectionDocument, candidates: FeatureCollectionDocument,
                                toleranceM: Double = 100, sameCapture: Bool = true) -> EvaluationResult {
        let tol = toleranceM.isFinite && toleranceM >= 0 ? toleranceM : 0
        func side(_ c: CaptureSide) -> CaptureSide { sameCapture ? c : .single }
        let eventMatches = match(truth: truth.events.map { ($0.centre, side($0.capture)) },
                                 candidates: candidates.events.map { ($0.centre, side($0.capture)) }, toleranceM: tol)
        var errors: [Double] = []
        for m in eventMatches {
            errors += lengthErrors(truth.events[m.truthIndex].vessels, candidates.events[m.candidateIndex].vessels)
        }
        let events = statistics(matches: eventMatches, truthCount: truth.events.count,
                                candidateCount: candidates.events.count, lengthErrors: errors)
        var vessels: MatchStatistics? = nil
        if !truth.vessels.isEmpty && !candidates.vessels.isEmpty {
            let vm = match(truth: truth.vessels.map { ($0.centre, side($0.capture)) },
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
    static func lengthErrors(_ t: [VesselRecord], _ c: [VesselRecord]) -> [Double] {
        guard !t.isEmpty, !c.isEmpty else { return [] }
        var cost = [Double](repeating: 0, count: t.count * c.count)
        for i in t.indices { for j in c.indices { cost[i * c.count + j] = GroundDistance.metres(t[i].centre, c[j].centre) } }
        let a = KuhnMunkres.assign(cost: cost, rows: t.count, columns: c.count)
        return a.enumerated().compactMap { i, j in
            guard let j, t[i].lengthM > 0, c[j].lengthM > 0 else { return nil }
            return abs(t[i].lengthM - c[j].lengthM)
        }
    }

    /// One-to-one matching within `toleranceM` on the same side; matches sorted by truth index.
    public static func match(truth: [(LonLat, CaptureSide)], candidates: [(LonLat, CaptureSide)],
                             toleranceM: Double) -> [EvaluationMatch] {
        // Allowed edges, found through a latitude-sorted sweep of the candidates.
        let order = candidates.indices.sorted { candidates[$0].0.lat < candidates[$1].0.lat }
        let lats = order.map { candidates[$0].0.lat }
        let dLat = toleranceM / GroundDistance.minMetresPerDegreeLatitude * 1.001 + 1e-9
        var edges: [(t: Int, c: Int, d: Double)] = []
        for (ti, (tp, ts)) in truth.enumerated() {
            var lo = 0, hi = lats.count
            while lo < hi { let mid = (lo + hi) / 2; if lats[mid] < tp.lat - dLat { lo = mid + 1 } else { hi = mid } }
            var k = lo
            while k < lats.count, lats[k] <= tp.lat + dLat {
                let ci = order[k]
                if candidates[ci].1 == ts {
                    let d = GroundDistance.metres(tp, candidates[ci].0)
                    if d <= toleranceM { edges.append((ti, ci, d)) }
                }
                k += 1
            }
        }
        // Connected groups (union-find over truth 0..<n and candidates n..<n+m).
        let n = truth.count
        var parent = Array(0..<(n + candidates.count))
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for e in edges {
            let a = find(e.t), b = find(n + e.c)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var groups: [Int: [(t: Int, c: Int, d: Double)]] = [:]
        for e in edges { groups[find(e.t), default: []].append(e) }
        var out: [EvaluationMatch] = []
        for key in groups.keys.sorted() {
            let g = groups[key]!
            let ts = Array(Set(g.map(\.t))).sorted(), cs = Array(Set(g.map(\.c))).sorted()
            if ts.count == 1 && cs.count == 1 {
                out.append(EvaluationMatch(truthIndex: g[0].t, candidateIndex: g[0].c, centreErrorM: g[0].d))
                continue
            }
            let tIndex = Dictionary(uniqueKeysWithValues: ts.enumerated().map { ($1, $0) })
            let cIndex = Dictionary(uniqueKeysWithValues: cs.enumerated().map { ($1, $0) })
            // A forbidden pair costs more than any assignment made only of allowed pairs.
            let forbidden = (toleranceM + 1) * Double(min(ts.count, cs.count) + 1)
            var cost = [Double](repeating: forbidden, count: ts.count * cs.count)
            for e in g { cost[tIndex[e.t]! * cs.count + cIndex[e.c]!] = e.d }
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
