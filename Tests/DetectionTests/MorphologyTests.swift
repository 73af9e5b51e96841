import Detection
import Raster
import Testing

@Suite struct MorphologyTests {
    static let elements: [StructuringElement] = [.square(radius: 1), .cross(radius: 1), .square(radius: 2), .cross(radius: 3), .square(radius: 0)]

    @Test(arguments: TestPlanes.widths, elements)
    func dilateErodeMatchBruteForce(width: Int, element: StructuringElement) {
        var keep: [PlaneBuffer] = []
        let h = 9
        let m = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        TestPlanes.randomMask(m, seed: UInt64(width), density: 0.3)
        let a = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        let b = TestPlanes.window(UInt8.self, width: width, height: h, keepAlive: &keep)
        Morphology.dilate(m, element: element, into: a)
        Morphology.scalar(m, element: element, dilate: true, into: b)
        #expect(TestPlanes.equal(a, b))
        TestPlanes.randomMask(m, seed: UInt64(width) + 1, density: 0.8)
        Morphology.erode(m, element: element, into: a)
        Morphology.scalar(m, element: element, dilate: false, into: b)
        #expect(TestPlanes.equal(a, b))
    }

    @Test func openRemovesSpecksAndCloseFillsGaps() {
        var keep: [PlaneBuffer] = []
        let m = TestPlanes.plane(UInt8.self, width: 20, height: 12, keepAlive: &keep)
        TestPlanes.fill(m) { x, y in (x >= 4 && x < 14 && y >= 3 && y < 8 && x != 9) || (x == 17 && y == 1) ? 255 : 0 }
        let out = TestPlanes.plane(UInt8.self, width: 20, height: 12, keepAlive: &keep)
        Morphology.open(m, element: .square(radius: 1), into: out)
        #expect(out[17, 1] == 0)          // speck gone
        #expect(out[5, 5] == 1)           // body kept
        Morphology.close(m, element: .square(radius: 1), into: out)
        #expect(out[9, 5] == 1)           // 1-px gap filled
        #expect(out[17, 1] == 1)
        // Objects touching the edge are not eroded by the edge.
        TestPlanes.fill(m) { x, _ in x < 3 ? 1 : 0 }
        Morphology.erode(m, element: .square(radius: 1), into: out)
        #expect(out[0, 0] == 1 && out[1, 11] == 1 && out[2, 5] == 0)
    }
}
