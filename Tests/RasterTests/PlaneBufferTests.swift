import Testing
@testable import Raster

@Suite struct PlaneBufferTests {
    @Test(arguments: SampleType.allCases, [1, 3, 17, 64, 65])
    func rowsAreAligned(type: SampleType, width: Int) {
        let p = PlaneBuffer(width: width, height: 3, sampleType: type)
        #expect(p.rowBytes % 64 == 0)
        #expect(p.rowBytes >= width * type.byteCount)
        for y in 0..<3 { #expect(Int(bitPattern: p.rowPointer(y)) % 64 == 0) }
    }

    @Test func windowViewsShareMemory() {
        let p = PlaneBuffer(width: 10, height: 8, sampleType: .uint16)
        let v = p.view(as: UInt16.self)
        v[3, 4] = 77
        let w = v.window(Window(col: 2, row: 3, width: 4, height: 4))
        #expect(w[1, 1] == 77)
        #expect(p.value(x: 3, y: 4) == 77)
        let c = p.copy(window: Window(col: 3, row: 4, width: 2, height: 2))
        #expect(c.value(x: 0, y: 0) == 77)
        #expect(p.toFloat32().value(x: 3, y: 4) == 77)
    }

    @Test func windowIntersection() {
        let w = Window(col: -5, row: 2, width: 10, height: 10).clipped(width: 8, height: 8)
        #expect(w == Window(col: 0, row: 2, width: 5, height: 6))
        #expect(Window(col: 10, row: 0, width: 3, height: 3).clipped(width: 8, height: 8).isEmpty)
    }
}
