import Testing

@testable import Pipeline

/// The change of hulls split from one blob (`merged`): footprints of the other capture decide,
/// whichever way either capture cut the pair (docs/detection.md, "Change: new or static").
/// Positions in metres on a 10 m grid (the `vessel` helper of GroupingTests).
@Suite struct ChangeClassifierTests {
    let p = DetectionParameters()

    /// A part of blob `blob` with the given difference evidence and ratio.
    func part(_ x: Double, _ y: Double, length: Double = 150, width: Double = 20, capture: CaptureRole = .after,
              evidence: Double?, ratio: Double?, blob: Int64 = 7) -> VesselObservation {
        var v = vessel(x, y, length: length, width: width, capture: capture, evidence: evidence, merged: true, blob: blob)
        v.changeRatio = ratio
        return v
    }

    /// A dark hull came alongside a bright anchored one and the two form one blob in the after
    /// capture. The bright neighbour's blur spills into the dark part's pixels, so its
    /// difference is a third of "its" signal (evidence 2 σ, ratio 0.33: no change by the
    /// difference test). The before capture holds the anchored hull only.
    @Test func darkHullJoiningBrightOneIsNew() {
        var after = [part(1000, 1000, evidence: 0.4, ratio: 0.02), part(1000, 1023, length: 120, width: 14, evidence: 2, ratio: 0.33)]
        let before = [vessel(1000, 1001, capture: .before, evidence: 0.4)]
        ChangeClassifier.markNew(&after, other: before, parameters: p)
        #expect(after.map(\.isNew) == [false, true])
        #expect(ChangeClassifier.change(of: after) == .joined)
    }

    /// The same in the before capture: a pair in one blob of which one hull left; the after
    /// capture holds the one that stayed. Same rule, both captures.
    @Test func hullThatLeftAPairIsGone() {
        var before = [part(1000, 1000, capture: .before, evidence: 0.4, ratio: 0.02),
                      part(1000, 1023, length: 120, width: 14, capture: .before, evidence: 2, ratio: 0.33)]
        let after = [vessel(1000, 1001, evidence: 0.4)]
        ChangeClassifier.markNew(&before, other: after, parameters: p)
        #expect(before.map(\.isNew) == [false, true])
    }

    /// A pair present in both captures: one blob not split in the before capture (its footprint
    /// spans both hulls), two parts in the after capture. A part's own difference reads as
    /// change (the parts' pixels were assigned by a cut the before capture does not share), and
    /// no single before footprint matches a part both ways (the wide blob is twice a part).
    @Test func pairSeenAsOneBlobInTheOtherCaptureIsPersistent() {
        var after = [part(1000, 1000, evidence: 9, ratio: 0.8), part(1000, 1022, evidence: 8, ratio: 0.7)]
        let before = [vessel(1000, 1011, width: 44, capture: .before, evidence: 0.5)]
        ChangeClassifier.markNew(&after, other: before, parameters: p)
        #expect(after.map(\.isNew) == [false, false])
        #expect(ChangeClassifier.change(of: after) == .persistent)
        // And the wide before blob is covered by the after parts, both ways (not merged: the
        // footprints' mutual coverage decides with the difference).
        var b = before
        ChangeClassifier.markNew(&b, other: after, parameters: p)
        #expect(b[0].isNew == false)
    }

    /// A pair present in both captures, cut at a different seam in each (on a 1 m grid: 20 + 20 m
    /// wide parts after, 11 + 31 m before, the seam 9 m apart): each part lies inside the
    /// other capture's two parts, though no single part matches another closely both ways
    /// (mutual coverage 0.58 and 0.68).
    @Test func pairCutDifferentlyInEachCaptureIsPersistent() {
        func fine(_ y: Double, width: Double, capture: CaptureRole, blob: Int64) -> VesselObservation {
            VesselObservation(capture: capture, box: OrientedBox(centerX: 1000, centerY: y, length: 120, width: width, angle: 0),
                              numPixels: Int(120 * width), contrast: 10, changeEvidence: 9, changeRatio: 0.7,
                              metresPerPixelX: 1, metresPerPixelY: 1, merged: true, blobKey: blob)
        }
        var after = [fine(1000, width: 20, capture: .after, blob: 1), fine(1022, width: 20, capture: .after, blob: 1)]
        let before = [fine(995.5, width: 11, capture: .before, blob: 2), fine(1016.5, width: 31, capture: .before, blob: 2)]
        ChangeClassifier.markNew(&after, other: before, parameters: p)
        #expect(after.map(\.isNew) == [false, false])
        var b = before
        ChangeClassifier.markNew(&b, other: after, parameters: p)
        #expect(b.map(\.isNew) == [false, false])
    }

    /// At 10 m a joined pair's parts are ~2 px wide and 1.6 px apart: the anchored hull's grown
    /// footprint covers 61 % of the new part, so footprints alone cannot tell them apart and the
    /// difference decides (new when it changed by its whole signal, static when not).
    @Test func coarsePartsFallBackOnTheDifference() {
        let before = [vessel(1000, 1000, width: 27, capture: .before, evidence: 1)]
        var joined = [part(1000, 1000, width: 23, evidence: 1, ratio: 0.08), part(1000, 1016, width: 23, evidence: 6.4, ratio: 0.52)]
        ChangeClassifier.markNew(&joined, other: before, parameters: p)
        #expect(joined.map(\.isNew) == [false, true])
        var persistent = [part(1000, 1000, width: 23, evidence: 1, ratio: 0.08), part(1000, 1016, width: 23, evidence: 1, ratio: 0.1)]
        ChangeClassifier.markNew(&persistent, other: before, parameters: p)
        #expect(persistent.map(\.isNew) == [false, false])
    }

    /// The anchored hull of a joined pair, seen alone in the before capture: the partner that
    /// came alongside spills into its pixels in the after capture, so its difference reads as
    /// change (ratio 0.52), and the after capture's part for it is narrower (no single footprint
    /// matches both ways). It lies inside the after capture's footprints: present.
    @Test func anchoredHullIsNotGoneWhenItsPartnerArrives() {
        var before = [vessel(1000, 1000, width: 43, capture: .before, evidence: 20)]
        before[0].changeRatio = 0.52
        let after = [part(1000, 1000, length: 150, width: 15, evidence: 3.5, ratio: 0.08),
                     part(1000, 1030, length: 150, width: 40, evidence: 60, ratio: 0.98)]
        ChangeClassifier.markNew(&before, other: after, parameters: p)
        #expect(before[0].isNew == false)
    }

    /// A hull that appeared where the other capture found a far larger object (a cloud lump,
    /// 600 × 600 m) is not explained by it: new.
    @Test func largeObjectDoesNotExplainAHull() {
        var after = [vessel(1000, 1000, evidence: 9)]
        let before = [vessel(1000, 1000, length: 600, width: 600, capture: .before, evidence: 9)]
        ChangeClassifier.markNew(&after, other: before, parameters: p)
        #expect(after[0].isNew == true)
    }

    /// A persistent pair at 10 m with a small partner: one unsplit 108 × 38 m blob in the before
    /// capture, a 108 × 17 m and a 56 × 9 m part in the after one. The blob is 4.5 times the small
    /// part's grown area, yet it is what explains the part: no area cap for parts.
    @Test func smallPartnerInsideTheOtherCapturesBlobIsPresent() {
        var after = [part(1000, 991.5, length: 108, width: 17, evidence: 1, ratio: 0.1),
                     part(1000, 1012, length: 56, width: 9, evidence: 5, ratio: 0.6)]
        let before = [vessel(1000, 1000, length: 108, width: 38, capture: .before, evidence: 1)]
        ChangeClassifier.markNew(&after, other: before, parameters: p)
        #expect(after.map(\.isNew) == [false, false])
    }

    /// Nothing of the other capture touches the blob: the difference decides as for any hull
    /// (a new pair is new; a pair the other capture did not detect but whose pixels did not
    /// change stays static).
    @Test func untouchedBlobFallsBackToTheDifference() {
        var new = [part(1000, 1000, evidence: 9, ratio: 1), part(1000, 1022, evidence: 8, ratio: 1)]
        ChangeClassifier.markNew(&new, other: [vessel(3000, 3000, capture: .before)], parameters: p)
        #expect(ChangeClassifier.change(of: new) == .newPair)
        var unchanged = [part(1000, 1000, evidence: 1, ratio: 0.05), part(1000, 1022, evidence: 1, ratio: 0.05)]
        ChangeClassifier.markNew(&unchanged, other: [], parameters: p)
        #expect(ChangeClassifier.change(of: unchanged) == .persistent)
    }

    @Test func unionCoverageCountsEveryFootprint() {
        let box = OrientedBox(centerX: 0, centerY: 0, length: 16, width: 2, angle: 0)
        let left = OrientedBox(centerX: -4, centerY: 0, length: 8, width: 2, angle: 0)
        let right = OrientedBox(centerX: 4, centerY: 0, length: 8, width: 2, angle: 0)
        #expect(box.coverage(by: [left]) == 0.5)
        #expect(box.coverage(by: [left, right]) == 1)
        #expect(box.coverage(by: [OrientedBox]()) == 0)
    }
}
