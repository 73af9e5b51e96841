import Raster

/// One worker's buffers, allocated once for the plan's read size and reused for every
/// window the worker processes (fresh memory is slow to touch; reuse keeps peak memory
/// at workers × one window's planes).
final class TileWorkspace {
    let width: Int
    let height: Int
    private var raw: [SampleType: PlaneBuffer] = [:]
    private var rawSecond: [SampleType: PlaneBuffer] = [:]
    let detAfter, detBefore, difference, ndwi, z, mean, scratch: PlaneBuffer
    /// The contrast band (``BandChoice/contrast``) per capture, Float; allocated only when used.
    let contrastAfter, contrastBefore: PlaneBuffer?
    let validAfter, validBefore, searchAfter, searchBefore, mask, mask2, userLand: PlaneBuffer
    let labels: PlaneBuffer

    init(width: Int, height: Int, contrastBands: (after: Bool, before: Bool) = (false, false)) {
        self.width = width
        self.height = height
        func f() -> PlaneBuffer { PlaneBuffer(width: width, height: height, sampleType: .float32) }
        func m() -> PlaneBuffer { PlaneBuffer(width: width, height: height, sampleType: .uint8) }
        (detAfter, detBefore, difference, ndwi, z, mean, scratch) = (f(), f(), f(), f(), f(), f(), f())
        (validAfter, validBefore, searchAfter, searchBefore, mask, mask2, userLand) = (m(), m(), m(), m(), m(), m(), m())
        labels = PlaneBuffer(width: width, height: height, sampleType: .int32)
        contrastAfter = contrastBands.after ? f() : nil
        contrastBefore = contrastBands.before ? f() : nil
    }

    /// A raw buffer of `type` (the first or second of that type).
    func rawBuffer(_ type: SampleType, second: Bool = false) -> PlaneBuffer {
        if second {
            if let b = rawSecond[type] { return b }
            let b = PlaneBuffer(width: width, height: height, sampleType: type)
            rawSecond[type] = b
            return b
        }
        if let b = raw[type] { return b }
        let b = PlaneBuffer(width: width, height: height, sampleType: type)
        raw[type] = b
        return b
    }
}
