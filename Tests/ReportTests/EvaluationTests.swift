import Foundation
import Testing
@testable import Report

@Suite struct EvaluationTests {
    /// SplitMix64, so the random cases are the same on every run.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    static func bruteForce(_ cost: [Double], _ n: Int, _ m: Int) -> Double {
        // Best total over all injective assignments of min(n, m) pairs.
        var best = Double.infinity
        func go(_ i: Int, _ used: Set<Int>, _ sum: Double, _ skipped: Int) {
            if i == n { if used.count == min(n, m) { best = min(best, sum) }; return }
            for j in 0..<m where !used.contains(j) { go(i + 1, used.union([j]), sum + cost[i * m + j], skipped) }
            if skipped < n - min(n, m) { go(i + 1, used, sum, skipped + 1) }
        }
        go(0, [], 0, 0)
        return best
    }

    @Test(arguments: [(1, 1), (2, 2), (3, 3), (3, 5), (5, 3), (4, 4), (6, 6), (2, 6), (6, 1)])
    func kuhnMunkresIsOptimal(n: Int, m: Int) {
        var rng = Rng(state: UInt64(n * 31 + m))
        for _ in 0..<20 {
            let cost = (0..<(n * m)).map { _ in (rng.unit() * 10).rounded() }  // ties included
            let a = KuhnMunkres.assign(cost: cost, rows: n, columns: m)
            let cols = a.compactMap { $0 }
            #expect(cols.count == min(n, m))
            #expect(Set(cols).count == cols.count)
            let total = a.enumerated().reduce(0.0) { s, e in e.1.map { s + cost[e.0 * m + $0] } ?? s }
            #expect(abs(total - Self.bruteForce(cost, n, m)) < 1e-9)
        }
    }

    @Test func kuhnMunkresEdgeSizes() throws {
        #expect(KuhnMunkres.assign(cost: [], rows: 0, columns: 3).isEmpty)
        #expect(KuhnMunkres.assign(cost: [], rows: 2, columns: 0) == [nil, nil])
    }

    @Test func groundDistanceKnownValues() throws {
        // One degree along the equator and along a meridian at the equator (WGS 84).
        #expect(abs(GroundDistance.metres(LonLat(0, 0), LonLat(0.001, 0)) - 111.31949) < 1e-3)
        #expect(abs(GroundDistance.metres(LonLat(0, 0), LonLat(0, 0.001)) - 110.57427) < 1e-2)
        // At 60° N a degree of longitude is about half as long.
        #expect(abs(GroundDistance.metres(LonLat(10, 60), LonLat(10.001, 60)) - 55.7930) < 1e-2)
        // Across the antimeridian.
        #expect(abs(GroundDistance.metres(LonLat(179.9995, 0), LonLat(-179.9995, 0)) - 111.31949) < 1e-3)
        // Far apart: haversine, Paris–New York ≈ 5837 km.
        #expect(abs(GroundDistance.metres(LonLat(2.3522, 48.8566), LonLat(-74.006, 40.7128)) / 1000 - 5837) < 5)
    }

    static func event(_ lon: Double, _ lat: Double, _ capture: CaptureSide = .after, lengths: [Double] = [100, 80]) -> STSEvent {
        let vessels = lengths.enumerated().map { k, l in
            VesselRecord(lon: lon + Double(k) * 0.0003, lat: lat, lengthM: l, widthM: l / 7, headingDeg: 0,
                         areaM2: l * l / 7, capture: capture)
        }
        let c = vessels.isEmpty ? LonLat(lon, lat)
            : LonLat(vessels.map(\.lon).reduce(0, +) / Double(vessels.count), lat)
        return STSEvent(score: 1, lon: c.lon, lat: c.lat, capture: capture, change: .newPair, gapM: 3, merged: false,
                        headingDifferenceDeg: 0, vessels: vessels)
    }

    @Test func perfectAndEmpty() throws {
        let truth = FeatureCollectionDocument(events: [Self.event(5, 53), Self.event(5.1, 53)])
        let r = try Evaluation.evaluate(truth: truth, candidates: truth, toleranceM: 100)
        #expect(r.events.truePositives == 2 && r.events.precision == 1 && r.events.recall == 1 && r.events.f1 == 1)
        #expect(r.events.meanCentreErrorM == 0 && r.events.meanAbsLengthErrorM == 0 && r.events.lengthComparisons == 4)
        #expect(r.vessels == nil)

        let empty = try Evaluation.evaluate(truth: FeatureCollectionDocument(), candidates: FeatureCollectionDocument())
        #expect(empty.events.precision == 1 && empty.events.recall == 1 && empty.events.f1 == 1)
        #expect(empty.events.meanCentreErrorM == nil)

        let missed = try Evaluation.evaluate(truth: truth, candidates: FeatureCollectionDocument())
        #expect(missed.events.precision == 1 && missed.events.recall == 0 && missed.events.f1 == 0)
        #expect(missed.events.missedTruth == [0, 1])

        let alarms = try Evaluation.evaluate(truth: FeatureCollectionDocument(), candidates: truth)
        #expect(alarms.events.precision == 0 && alarms.events.recall == 1 && alarms.events.falseCandidates == [0, 1])
    }

    @Test func toleranceAndCaptureSide() throws {
        let truth = FeatureCollectionDocument(events: [Self.event(5, 53, .after), Self.event(6, 53, .before)])
        // 0.001° of latitude ≈ 111 m: outside 100 m, inside 150 m.
        let cands = FeatureCollectionDocument(events: [Self.event(5, 53.001, .after), Self.event(6, 53, .after)])
        let strict = try Evaluation.evaluate(truth: truth, candidates: cands, toleranceM: 100)
        #expect(strict.events.truePositives == 0)
        let loose = try Evaluation.evaluate(truth: truth, candidates: cands, toleranceM: 150)
        #expect(loose.events.matches.map(\.truthIndex) == [0])  // the before event never matches an after one
        #expect(abs(loose.events.maxCentreErrorM! - 111.25) < 0.1)
        #expect(abs(loose.events.precision - 0.5) < 1e-12 && abs(loose.events.recall - 0.5) < 1e-12)
        #expect(loose.eventClasses["after/new_pair"]?.truth == 1 && loose.eventClasses["after/new_pair"]?.found == 1)
        #expect(loose.eventClasses["after/new_pair"]?.candidates == 2 && loose.eventClasses["after/new_pair"]?.correct == 1)
        #expect(loose.eventClasses["before/new_pair"]?.truth == 1 && loose.eventClasses["before/new_pair"]?.found == 0)
        let any = try Evaluation.evaluate(truth: truth, candidates: cands, toleranceM: 150, sameCapture: false)
        #expect(any.events.truePositives == 2)
    }

    /// Greedy nearest-first would take the 10 m pair and leave one truth unmatched; the
    /// assignment matches both.
    @Test func assignmentBeatsGreedy() throws {
        let m = 1 / 111_000.0  // ≈ one metre of latitude in degrees
        let truth = FeatureCollectionDocument(events: [Self.event(5, 53), Self.event(5, 53 + 60 * m)])
        let cands = FeatureCollectionDocument(events: [Self.event(5, 53 + 50 * m), Self.event(5, 53 - 40 * m)])
        let r = try Evaluation.evaluate(truth: truth, candidates: cands, toleranceM: 45)
        // truth0–cand1 40 m, truth1–cand0 10 m: both within 45 m; truth0–cand0 50 m is not.
        #expect(r.events.truePositives == 2)
        let r2 = try Evaluation.evaluate(truth: truth, candidates: cands, toleranceM: 100)
        #expect(r2.events.truePositives == 2)
        #expect(r2.events.matches.map(\.candidateIndex) == [1, 0])
    }

    @Test func lengthErrorsPairVesselsByPosition() throws {
        let t = Self.event(5, 53, lengths: [200, 50])
        var c = Self.event(5, 53, lengths: [50, 190])
        // Swap positions so order in the list differs from position order.
        c.vessels.reverse()
        c.vessels[0].lengthM = 45
        c.vessels[1].lengthM = 190
        let r = try Evaluation.evaluate(truth: FeatureCollectionDocument(events: [t]),
                                    candidates: FeatureCollectionDocument(events: [c]))
        // c.vessels: [lon+0.0003 (45), lon (190)] vs truth [lon (200), lon+0.0003 (50)]: by position
        // the errors are 10 and 5 (list order would give 155 and 140).
        #expect(r.events.lengthComparisons == 2)
        #expect(abs(r.events.meanAbsLengthErrorM! - 7.5) < 1e-9)
    }

    @Test func vesselsAreScoredWhenBothHaveThem() throws {
        let v = VesselRecord(lon: 5, lat: 53, lengthM: 100, widthM: 15, headingDeg: 10, areaM2: 1500, capture: .after)
        var w = v
        w.lengthM = 110
        w.lat += 10 / 111_000.0
        var x = v
        x.capture = .before
        let r = try Evaluation.evaluate(truth: FeatureCollectionDocument(vessels: [v, x]),
                                    candidates: FeatureCollectionDocument(vessels: [w]))
        let s = try! #require(r.vessels)
        #expect(s.truePositives == 1 && s.missedTruth == [1])
        #expect(r.vesselLengthClasses["100-200"]?.truth == 2 && r.vesselLengthClasses["100-200"]?.found == 1)
        #expect(r.vesselLengthClasses["100-200"]?.candidates == 1 && r.vesselLengthClasses["100-200"]?.correct == 1)
        #expect(EvaluationResult.lengthClass(49.9) == "0-50" && EvaluationResult.lengthClass(200) == "200+")
        #expect(EvaluationResult.lengthClass(0) == "unknown")
        #expect(EvaluationResult.sortedClassKeys(["200+": .init(), "0-50": .init(), "50-100": .init()]) == ["0-50", "50-100", "200+"])
        #expect(abs(s.meanAbsLengthErrorM! - 10) < 1e-9)
        #expect(abs(s.meanCentreErrorM! - 10) < 0.05)
    }

    @Test func largeInputsStayFast() throws {
        // 3000 events in a grid, candidates jittered: groups keep the assignment small.
        var rng = Rng(state: 7)
        var t: [STSEvent] = [], c: [STSEvent] = []
        for i in 0..<3000 {
            let lon = 5 + Double(i % 60) * 0.01, lat = 53 + Double(i / 60) * 0.01
            t.append(Self.event(lon, lat))
            c.append(Self.event(lon + (rng.unit() - 0.5) * 0.0005, lat + (rng.unit() - 0.5) * 0.0005))
        }
        let r = try Evaluation.evaluate(truth: FeatureCollectionDocument(events: t), candidates: FeatureCollectionDocument(events: c))
        #expect(r.events.truePositives == 3000)
    }

    @Test func jsonHasFixedShape() throws {
        let r = try Evaluation.evaluate(truth: FeatureCollectionDocument(events: [Self.event(5, 53)]),
                                    candidates: FeatureCollectionDocument())
        let text = JSONPrinter.compact(r.json)
        #expect(text.hasPrefix("{\"tolerance_m\": 100.00, \"events\": {\"truth\": 1, \"candidates\": 0, \"true_positives\": 0"))
        #expect(text.hasSuffix("\"vessels\": null, \"event_classes\": {\"after/new_pair\": {\"truth\": 1, \"found\": 0, \"candidates\": 0, \"correct\": 0}}, \"vessel_length_classes\": {}}"))
    }

    @Test func explainPrefersInsideThenNearest() throws {
        let square = [LonLat(5, 53), LonLat(5.01, 53), LonLat(5.01, 53.01), LonLat(5, 53.01)]
        let labels = [LabelledFeature(label: "cloud", centre: LonLat(5.005, 53.005), rings: [square]),
                      LabelledFeature(label: "platform", centre: LonLat(5.02, 53.0))]
        let out = Evaluation.explain(points: [LonLat(5.001, 53.009), LonLat(5.0205, 53.0), LonLat(6, 53)],
                                     labels: labels, toleranceM: 100)
        #expect(out == ["cloud", "platform", nil])
        #expect(RingGeometry.contains(square, LonLat(5.005, 53.005)))
        #expect(!RingGeometry.contains(square, LonLat(5.015, 53.005)))
        #expect(!RingGeometry.contains(Array(square.prefix(2)), LonLat(5.005, 53.0)))
    }

    /// Hostile input: seeded random mutations of a valid file never crash the reader.
    @Test func mutatedFilesNeverCrashTheReader() throws {
        let valid = Array(GeoJSONWriter.encode(ReportFixtures.sampleDocument()).utf8)
        var rng = Rng(state: 99)
        var parsed = 0, refused = 0
        for _ in 0..<400 {
            var b = valid
            for _ in 0..<(1 + Int(rng.next() % 8)) where b.count > 1 {
                let i = Int(rng.next() % UInt64(b.count))
                switch rng.next() % 4 {
                case 0: b[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: b.remove(at: i)
                case 2:
                    let tokens = Array("{}[],:\"0-e.\u{1E}".utf8)
                    b.insert(tokens[Int(rng.next() % UInt64(tokens.count))], at: i)
                default: b = Array(b[0..<i])
                }
            }
            do {
                _ = try GeoJSONReader.decode(b, name: "fuzz")
                parsed += 1
            } catch {
                refused += 1
                #expect(error.description.hasPrefix("fuzz: "))
            }
        }
        #expect(parsed + refused == 400 && refused > 0)
    }

    /// Random points in clusters (groups of every size, both capture sides): matching group by
    /// group gives the same number of matches and the same total distance as one assignment
    /// over the whole matrix (forbidden pairs costing more than any sum of allowed ones).
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func groupsGiveTheWholeMatrixOptimum(seed: Int) throws {
        var rng = Rng(state: UInt64(seed) &* 0x51_7CC1)
        let tol = 60.0
        func point() -> (LonLat, CaptureSide) {
            // A few cluster centres 0–2 km apart; points within ~150 m of one: chains form.
            let k = Double(rng.next() % 4)
            let lon = 5 + k * 0.01 + (rng.unit() - 0.5) * 0.004, lat = 53 + (rng.unit() - 0.5) * 0.003
            return (LonLat(lon, lat), rng.next() % 5 == 0 ? .before : .after)
        }
        let n = 5 + Int(rng.next() % 60), m = 5 + Int(rng.next() % 60)
        let truth = (0..<n).map { _ in point() }, cands = (0..<m).map { _ in point() }
        let grouped = try Evaluation.match(truth: truth, candidates: cands, toleranceM: tol)
        // The whole matrix at once.
        let forbidden = (tol + 1) * Double(min(n, m) + 1)
        var cost = [Double](repeating: forbidden, count: n * m)
        for i in 0..<n { for j in 0..<m where truth[i].1 == cands[j].1 {
            let d = GroundDistance.metres(truth[i].0, cands[j].0)
            if d <= tol { cost[i * m + j] = d }
        } }
        let whole = KuhnMunkres.assign(cost: cost, rows: n, columns: m).enumerated()
            .compactMap { i, j in j.flatMap { cost[i * m + $0] < forbidden ? cost[i * m + $0] : nil } }
        #expect(grouped.count == whole.count)
        let groupedTotal: Double = grouped.map(\.centreErrorM).reduce(0, +), wholeTotal: Double = whole.reduce(0, +)
        #expect(abs(groupedTotal - wholeTotal) < 1e-6)
        // Valid: one-to-one, allowed pairs only.
        let matchedTruth = Set(grouped.map(\.truthIndex)), matchedCandidates = Set(grouped.map(\.candidateIndex))
        #expect(matchedTruth.count == grouped.count && matchedCandidates.count == grouped.count)
        for g in grouped {
            #expect(truth[g.truthIndex].1 == cands[g.candidateIndex].1 && g.centreErrorM <= tol)
            let d: Double = GroundDistance.metres(truth[g.truthIndex].0, cands[g.candidateIndex].0)
            #expect(abs(g.centreErrorM - d) < 1e-9)
        }
        #expect(whole.count > 0)
    }

    /// Many coincident points chain into one group over the limit: refused, not solved in O(n³).
    @Test func oversizedGroupIsRefused() throws {
        let p = (LonLat(5, 53), CaptureSide.after)
        let limit = 50
        #expect(throws: EvaluationError.self) {
            try Evaluation.match(kind: "events", truth: Array(repeating: p, count: 30), candidates: Array(repeating: p, count: 30),
                                 toleranceM: 100, limit: limit)
        }
        // At the limit it is solved.
        let ok = try Evaluation.match(truth: Array(repeating: p, count: 25), candidates: Array(repeating: p, count: 25),
                                      toleranceM: 100, limit: limit)
        #expect(ok.count == 25)
        // Through evaluate, with the default limit, and the message names the files.
        let e = Self.event(5, 53), half = Evaluation.maxGroupFeatures / 2 + 1
        do {
            _ = try Evaluation.evaluate(truth: FeatureCollectionDocument(events: Array(repeating: e, count: half)),
                                        candidates: FeatureCollectionDocument(events: Array(repeating: e, count: half)))
            Issue.record("\(2 * half) coincident events were matched")
        } catch {
            let text = error.naming(truth: "t.geojson", candidates: "c.geojson").description
            #expect(text.hasPrefix("t.geojson vs c.geojson: events: "), "\(text)")
            #expect(text.contains("over \(Evaluation.maxGroupFeatures) features") && !text.contains("\n"), "\(text)")
        }
        // The vessels of two matched events are one group too.
        let big = Self.event(5, 53, lengths: Array(repeating: 50, count: half))
        #expect(throws: EvaluationError.self) {
            try Evaluation.evaluate(truth: FeatureCollectionDocument(events: [big]), candidates: FeatureCollectionDocument(events: [big]))
        }
    }
}
