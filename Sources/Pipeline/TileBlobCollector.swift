import Detection
import Raster

/// Collects, per component: raw moments with the CFAR z as intensity (for the mean and
/// extreme contrast), and Σ |difference| (for the change evidence).
struct TileBlobCollector: ComponentCollector {
    let z: PlaneView<Float>
    let difference: PlaneView<Float>?
    var moments: [RawMoments] = []
    var sumDifference: [Double] = []

    init(z: PlaneView<Float>, difference: PlaneView<Float>?) {
        self.z = z
        self.difference = difference
    }

    mutating func begin(componentCount: Int) {
        moments = [RawMoments](repeating: RawMoments(), count: componentCount)
        sumDifference = [Double](repeating: 0, count: difference == nil ? 0 : componentCount)
    }

    @inline(__always)
    mutating func addRun(label: Int32, row: Int, colStart: Int, colEnd: Int) {
        let i = Int(label) - 1
        moments[i].addRun(row: row, colStart: colStart, colEnd: colEnd, intensity: UnsafePointer(z.base + row * z.stride))
        if let d = difference {
            let p = d.base + row * d.stride
            var s = 0.0
            for c in colStart..<colEnd where p[c].isFinite { s += Double(abs(p[c])) }
            sumDifference[i] += s
        }
    }

    mutating func finish() {}
}
