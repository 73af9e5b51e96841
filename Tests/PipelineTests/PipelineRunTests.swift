import Foundation
import Raster
import Report
import Testing

@testable import Pipeline

@Suite struct PipelineRunTests {
    static let single = TestHull(col: 240, row: 250, length: 120, width: 20, headingDeg: 100)
    static let anchored = TestHull(col: 80, row: 230, length: 200, width: 32, headingDeg: 0)

    /// Before: a single vessel and an anchored tanker. After: the same two, the tanker
    /// joined by a second hull, and a new pair in open water. 10 m pixels: both pairs are
    /// one blob each (merged hulls).
    static func scenes() throws -> (before: PlaneCapture, after: PlaneCapture) {
        // An Aframax-size partner alongside the anchored tanker, 4 m off on fenders:
        // centres (32 + 28)/2 + 4 = 34 m = 3.4 px apart.
        let joiner = TestHull(col: 80 + 3.4, row: 230, length: 180, width: 28, headingDeg: 0)
        let before = try TestScene.capture("before.tif", seed: 1, hulls: [single, anchored])
        let after = try TestScene.capture("after.tif", seed: 2, hulls: [single, anchored, joiner] + TestScene.pair(col: 180, row: 100))
        return (before, after)
    }

    @Test func findsNewAndJoinedPairs() throws {
        let (b, a) = try Self.scenes()
        var p = DetectionParameters()
        p.allVessels = true
        let run = try Pipeline.run(before: b, after: a, parameters: p)
        let events = run.document.events
        #expect(events.count == 2, "\(events.map { ($0.change, $0.pixel as Any) })")
        let newPair = events.first { $0.change == .newPair }
        let joined = events.first { $0.change == .joined }
        #expect(newPair != nil && joined != nil)
        if let e = newPair {
            #expect(e.capture == .after)
            #expect(abs(e.pixel!.col - 181.3) < 2 && abs(e.pixel!.row - 100.7) < 2)
            #expect(e.vessels.count == 2)
            // Merged in one blob at 10 m (5 m apart): both parts get the blob's length.
            let lengths = e.vessels.map(\.lengthM).sorted()
            #expect(abs(lengths[1] - 150) < 25, "\(lengths)")
            #expect(e.merged)
            for v in e.vessels { #expect(abs(v.headingDeg - 30) < 8, "\(v.headingDeg)") }
        }
        #expect(run.summary.vesselsBefore == 2)
    }

    @Test func singleCaptureReportsUnknown() throws {
        let (_, a) = try Self.scenes()
        let run = try Pipeline.run(before: nil, after: a, parameters: DetectionParameters())
        #expect(run.document.events.count == 2)
        #expect(run.document.events.allSatisfy { $0.change == .unknown && $0.capture == .single })
    }

    @Test(arguments: [(1, 64), (2, 100), (2, 173)])
    func sameResultForAnyThreadsAndWindows(threads: Int, window: Int) throws {
        let (b, a) = try Self.scenes()
        var p = DetectionParameters()
        p.allVessels = true
        p.maxLength = 250  // a smaller halo, so small windows really cut the scene
        var reference = p
        reference.windowSize = 4096
        reference.threads = 1
        let want = try Pipeline.run(before: b, after: a, parameters: reference).document
        p.threads = threads
        p.windowSize = window
        let got = try Pipeline.run(before: b, after: a, parameters: p)
        #expect(got.summary.windows > 1)
        #expect(got.document.events == want.events)
        #expect(got.document.vessels == want.vessels)
    }
}
