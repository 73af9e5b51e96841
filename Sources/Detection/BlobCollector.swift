import Raster

/// Collects ``BlobStatistics`` for every component during labeling.
public struct BlobCollector: ComponentCollector {
    public let intensity: PlaneView<Float>?
    public let pixelArea: Double
    public private(set) var moments: [RawMoments] = []
    public private(set) var blobs: [BlobStatistics] = []

    /// `intensity`, when given, must have the mask's size; `pixelArea` is the ground area of one pixel (or 1).
    public init(intensity: PlaneView<Float>? = nil, pixelArea: Double = 1) {
        self.intensity = intensity
        self.pixelArea = pixelArea
    }

    public mutating func begin(componentCount: Int) {
        moments = [RawMoments](repeating: RawMoments(), count: componentCount)
        blobs = []
    }

    @inline(__always)
    public mutating func addRun(label: Int32, row: Int, colStart: Int, colEnd: Int) {
        let p = intensity.map { UnsafePointer($0.base + row * $0.stride) }
        moments[Int(label) - 1].addRun(row: row, colStart: colStart, colEnd: colEnd, intensity: p)
    }

    public mutating func finish() {
        blobs = moments.enumerated().map { BlobStatistics(label: Int32($0.offset + 1), moments: $0.element, pixelArea: pixelArea) }
    }
}
