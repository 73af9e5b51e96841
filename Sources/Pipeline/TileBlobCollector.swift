import Detection
import Raster

/// Collects, per component: raw moments with the CFAR z as intensity (for the mean and
/// extreme contrast), and Σ |difference| (for the change evidence).
///
/// Moments are taken in reference-grid coordinates (the window origin added to every
/// run): their sums are exact integers, so a blob's centre and axes come out bit-identical
/// whichever window it was measured in.
struct TileBlobCollector: ComponentCollector {
    let z: PlaneView<Float>
    let difference: PlaneView<Float>?
    let originCol: Int
    let originRow: Int
    var moments: [RawMoments] = []
    var sumDifference: [Double] = []

    init(z: PlaneView<Float>, difference: PlaneView<Float>?, originCol: Int, originRow: Int) {
        self.z = z
        self.difference = difference
        self.originCol = originCol
        self.originRow = originRow
    }

    mutating func begin(componentCount: Int) {
        moments = [RawMoments](repeating: RawMoments(), count: componentCount)
        sumDifference = [Double](repeating: 0, count: difference == nil ? 0 : componentCount)
    }

    @inline(__always)
    mutating func addRun(label: Int32, row: Int, colStart: Int, colEnd: Int) {
        let i = Int(label) - 1
        // The intensity pointer is shifted so that absolute columns index the window's row.
        moments[i].addRun(row: row + originRow, colStart: colStart + originCol, colEnd: colEnd + originCol,
                          intensity: UnsafePointer(z.base + row * z.stride - originCol))
        if let d = difference {
            let p = d.base + row * d.stride
            var s = 0.0
            for c in colStart..<colEnd where p[c].isFinite { s += Double(abs(p[c])) }
            sumDifference[i] += s
        }
    }

    mutating func finish() {}
}
