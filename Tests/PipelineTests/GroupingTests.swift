import Testing

@testable import Pipeline

/// A vessel at (x, y) metres on a 10 m grid.
func vessel(_ x: Double, _ y: Double, length: Double = 150, width: Double = 25, angleDeg: Double = 0,
            capture: CaptureRole = .after, contrast: Double = 10, evidence: Double? = nil,
            merged: Bool = false, blob: Int64 = 0) -> VesselObservation {
    VesselObservation(capture: capture,
                      box: OrientedBox(centerX: x / 10, centerY: y / 10, length: length / 10, width: width / 10,
                                       angle: angleDeg * .pi / 180),
                      numPixels: Int(length * width / 100), contrast: contrast, changeEvidence: evidence,
                      changeRatio: evidence.map { $0 >= 3 ? 1.0 : 0.05 },
                      metresPerPixelX: 10, metresPerPixelY: 10, merged: merged, blobKey: blob)
}

@Suite struct GroupingTests {
    let p = DetectionParameters()

    @Test func alongsidePairIsOneGroup() {
        // Beams 25 m, centres 35 m apart: 10 m gap.
        let g = Grouping.groups([vessel(1000, 1000), vessel(1000, 1035, length: 100)], parameters: p)
        #expect(g.count == 1)
        #expect(g[0].members == [0, 1])
        #expect(abs(g[0].gapMetres - 10) < 1e-6)
        #expect(g[0].headingDifferenceDegrees == 0)
    }

    @Test func farApartOrCrossingAreNotGroups() {
        #expect(Grouping.groups([vessel(1000, 1000), vessel(1000, 1150)], parameters: p).isEmpty)  // 125 m gap
        #expect(Grouping.groups([vessel(1000, 1000), vessel(1000, 1035, angleDeg: 60)], parameters: p).isEmpty)
    }

    @Test func gapLimitIsInclusive() {
        // 60 m gap exactly.
        #expect(Grouping.groups([vessel(1000, 1000), vessel(1000, 1085)], parameters: p).count == 1)
        #expect(Grouping.groups([vessel(1000, 1000), vessel(1000, 1085.5)], parameters: p).isEmpty)
    }

    @Test func raftOfThreeIsOneGroup() {
        let v = [vessel(0, 5000), vessel(2000, 2000), vessel(2000, 2030), vessel(2000, 2060), vessel(9000, 9000)]
        let g = Grouping.groups(v, parameters: p)
        #expect(g.count == 1)
        #expect(g[0].members == [1, 2, 3])
        #expect(abs(g[0].gapMetres - 5) < 1e-6)
    }

    @Test func mergedSiblingsAreLinkedAndFlagged() {
        let v = [vessel(500, 500, merged: true, blob: 7), vessel(500, 524, merged: true, blob: 7)]
        let g = Grouping.groups(v, parameters: p)
        #expect(g.count == 1 && g[0].merged && g[0].gapMetres == 0)
    }

    @Test func groupsDoNotDependOnInputOrder() {
        let v = [vessel(2000, 2000), vessel(100, 100), vessel(2000, 2030), vessel(130, 100, angleDeg: 90),
                 vessel(130, 135, angleDeg: 85)]
        let a = Grouping.groups(v, parameters: p).map { Set($0.members.map { v[$0].box.centerX * 1000 + v[$0].box.centerY }) }
        let r = Array(v.reversed())
        let b = Grouping.groups(r, parameters: p).map { Set($0.members.map { r[$0].box.centerX * 1000 + r[$0].box.centerY }) }
        #expect(Set(a) == Set(b))
        #expect(a.count == 2)
    }
}

extension GroupingTests {
    /// Square or round objects (platforms, cloud lumps: 64×64 and 38×37 m) never join groups,
    /// and a raft keeps its hull-shaped members when a square one lies alongside.
    @Test func squareObjectsAreNotMembers() {
        let squares = [vessel(1000, 1000, length: 64, width: 64), vessel(1000, 1060, length: 38, width: 37)]
        #expect(Grouping.groups(squares, parameters: p).isEmpty)
        let mixed = [vessel(1000, 1000), vessel(1000, 1035, length: 100), vessel(1000, 1100, length: 50, width: 45)]
        #expect(Grouping.groups(mixed, parameters: p).map(\.members) == [[0, 1]])
        // A 25 m hull at 10 m measures 1–2 px wide: still a hull.
        #expect(Grouping.isHullShaped(vessel(0, 0, length: 30, width: 18)))
        #expect(!Grouping.isHullShaped(vessel(0, 0, length: 41, width: 19).withPixel(1)))
    }

    /// Thin streaks (quay edges, wakes: 112×3 m at 3 m) are not hulls either; a slender
    /// 200×25 m container ship is.
    @Test func thinStreaksAreNotMembers() {
        #expect(!Grouping.isHullShaped(vessel(0, 0, length: 112, width: 3).withPixel(3)))
        #expect(Grouping.isHullShaped(vessel(0, 0, length: 200, width: 25).withPixel(3)))
        let streaks = [vessel(1000, 1000, length: 112, width: 3).withPixel(3),
                       vessel(1000, 1010, length: 72, width: 3).withPixel(3)]
        #expect(Grouping.groups(streaks, parameters: p).isEmpty)
    }

    /// No hull is wider than a fifth of the longest (a 383×117 m blob is not one hull).
    @Test func overlyWideObjectsAreNotMembers() {
        #expect(!Grouping.isHullShaped(vessel(0, 0, length: 383, width: 117), parameters: p))
        #expect(Grouping.isHullShaped(vessel(0, 0, length: 350, width: 66), parameters: p))
    }
}

extension VesselObservation {
    /// The same footprint in metres on a grid of `metres` per pixel.
    func withPixel(_ metres: Double) -> VesselObservation {
        var v = self
        let m = metricBox
        v.box = OrientedBox(centerX: m.centerX / metres, centerY: m.centerY / metres, length: m.length / metres,
                            width: m.width / metres, angle: m.angle)
        v.metresPerPixelX = metres
        v.metresPerPixelY = metres
        return v
    }
}

@Suite struct ScoringTests {
    let p = DetectionParameters()

    func score(_ v: [VesselObservation], _ change: EventScore.Change) -> Double {
        let g = Grouping.groups(v, parameters: p)[0]
        return EventScore.score(vessels: g.members.map { v[$0] }, group: g, change: change, parameters: p)
    }

    @Test func scoreIsInUnitRangeAndOrdered() {
        let good = [vessel(1000, 1000, contrast: 20), vessel(1000, 1030, contrast: 20)]
        let s = score(good, .newPair)
        #expect(s > 0.9 && s <= 1)
        #expect(score(good, .joined) < s)
        #expect(score(good, .persistent) < score(good, .unknown))
        let wide = [vessel(1000, 1000, contrast: 20), vessel(1000, 1080, contrast: 20)]
        #expect(score(wide, .newPair) < s)
        let weak = [vessel(1000, 1000, contrast: 5), vessel(1000, 1030, contrast: 5)]
        #expect(score(weak, .newPair) < s)
        let stubby = [vessel(1000, 1000, length: 45, width: 18, contrast: 20),
                      vessel(1000, 1020, length: 45, width: 18, contrast: 20)]
        #expect(score(stubby, .newPair) < s)
    }
}

@Suite struct ChangeTests {
    let p = DetectionParameters()

    @Test func joinedTankerIsJoined() {
        var after = [vessel(1000, 1000, evidence: 0.5), vessel(1000, 1030, evidence: 9)]
        let before = [vessel(1000, 1000, capture: .before, evidence: 0.5)]
        ChangeClassifier.markNew(&after, other: before, parameters: p)
        #expect(after.map(\.isNew) == [false, true])
        #expect(ChangeClassifier.change(of: after) == .joined)
    }

    @Test func newPairAndPersistent() {
        var after = [vessel(1000, 1000, evidence: 8), vessel(1000, 1030, evidence: 9)]
        ChangeClassifier.markNew(&after, other: [], parameters: p)
        #expect(ChangeClassifier.change(of: after) == .newPair)
        var both = [vessel(1000, 1000, evidence: 8), vessel(1000, 1030, evidence: 9)]
        ChangeClassifier.markNew(&both, other: [vessel(1002, 1000, capture: .before), vessel(1000, 1031, capture: .before)],
                                 parameters: p)
        #expect(ChangeClassifier.change(of: both) == .persistent)
    }

    @Test func staticHullWithBrightnessChangeIsNotNew() {
        // Strong difference but only a fraction of the hull's signal, footprints matching.
        var after = [vessel(1000, 1000, evidence: 12)]
        after[0].changeRatio = 0.2
        ChangeClassifier.markNew(&after, other: [], parameters: p)
        #expect(after[0].isNew == false)
        var moved = [vessel(1000, 1000, evidence: 12)]
        ChangeClassifier.markNew(&moved, other: [vessel(1000, 1000, capture: .before)], parameters: p)
        #expect(moved[0].isNew == false, "a matching footprint overrides the difference")
    }

    @Test func withoutDifferenceFootprintsDecide() {
        var a = [vessel(1000, 1000), vessel(3000, 3000)]
        ChangeClassifier.markNew(&a, other: [vessel(1005, 1000, capture: .before)], parameters: p)
        #expect(a.map(\.isNew) == [false, true])
    }

    @Test func undetectedButUnchangedCountsAsPresent() {
        var after = [vessel(1000, 1000, evidence: 1.0)]
        ChangeClassifier.markNew(&after, other: [], parameters: p)
        #expect(after[0].isNew == false)
    }

    @Test func singleCaptureIsUnknown() {
        #expect(ChangeClassifier.change(of: [vessel(0, 0, capture: .single), vessel(0, 30, capture: .single)]) == .unknown)
    }
}
