import Foundation
import Raster
import Report
import Testing

@testable import Pipeline

/// Quicklook chips: layout (before | after | change), the change colours, and the footprint outline.
@Suite struct QuicklookTests {
    @Test func newPairChipShowsTheChange() throws {
        let (b, a) = try PipelineRunTests.scenes()
        let run = try Pipeline.run(before: b, after: a, parameters: DetectionParameters())
        let event = try #require(run.document.events.first { $0.change == .newPair })
        let chip = try run.quicklook.render(event)
        #expect(chip.count == 3 && chip.allSatisfy { $0.sampleType == .uint8 })
        let h = chip[0].height, w = chip[0].width
        let panel = (w - 2 * QuicklookRenderer.gap) / 3
        #expect(panel == h && panel >= QuicklookRenderer.minPanelSide, "\(w)×\(h)")
        func rgb(_ x: Int, _ y: Int) -> (Double, Double, Double) {
            (chip[0].value(x: x, y: y), chip[1].value(x: x, y: y), chip[2].value(x: x, y: y))
        }
        // The event centre is the panel centre: new hulls there are bright in after, not in before,
        // and red (appeared) in the change panel. Average a small box to stay off the outline.
        func mean(_ x0: Int, _ c: Int) -> Double {
            var s = 0.0
            for dy in -2...2 { for dx in -2...2 { s += chip[c].value(x: x0 + panel / 2 + dx, y: h / 2 + dy) } }
            return s / 25
        }
        let step = panel + QuicklookRenderer.gap
        #expect(mean(step, 0) > mean(0, 0) + 60, "after brighter than before at the pair")
        #expect(mean(2 * step, 0) > 150 && mean(2 * step, 1) < 40, "the change panel is red where hulls appeared")
        // Yellow outlines (new hulls) on before and after, none on the change panel.
        var yellow = [0, 0, 0]
        for y in 0..<h {
            for x in 0..<w where rgb(x, y) == (255, 230, 0) { yellow[min(2, x / step)] += 1 }
        }
        #expect(yellow[0] > 20 && yellow[1] > 20 && yellow[2] == 0, "\(yellow)")
        // Gaps between panels are dark grey.
        #expect(rgb(panel + 1, h / 2) == (48, 48, 48))
    }

    @Test func singleCaptureChipHasOnePanel() throws {
        let (_, a) = try PipelineRunTests.scenes()
        let run = try Pipeline.run(before: nil, after: a, parameters: DetectionParameters())
        let event = try #require(run.document.events.first)
        let chip = try run.quicklook.render(event)
        #expect(chip[0].width == chip[0].height)
        // The same chip without footprints: the outlines are the extra white pixels.
        var bare = event
        for i in bare.vessels.indices { bare.vessels[i].footprint = [] }
        func white(_ c: [PlaneBuffer]) -> Int {
            var n = 0
            for y in 0..<c[0].height {
                for x in 0..<c[0].width where c[0].value(x: x, y: y) == 255 && c[1].value(x: x, y: y) == 255
                    && c[2].value(x: x, y: y) == 255 { n += 1 }
            }
            return n
        }
        #expect(white(chip) > white(try run.quicklook.render(bare)) + 50, "hulls of a single capture are outlined in white")
    }
}
