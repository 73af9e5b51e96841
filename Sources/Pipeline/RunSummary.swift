/// What a run did, for the summary line on stderr and for logs.
public struct RunSummary: Sendable, Hashable {
    /// Reference grid (the overlap), pixels.
    public var gridWidth: Int
    public var gridHeight: Int
    /// Ground metres per pixel at the grid centre.
    public var metresPerPixel: Double
    public var windows: Int
    public var halo: Int
    public var threads: Int
    /// Estimated residual shift (after pixels), nil for a single capture.
    public var shift: (dx: Double, dy: Double)?
    public var vesselsBefore: Int
    public var vesselsAfter: Int
    public var candidates: Int
    /// Wall time of the run, seconds.
    public var seconds: Double
    /// Scene setup (shift, normalization, noise) wall time, seconds.
    public var setupSeconds: Double = 0
    /// Change, pairing, geography and document wall time, seconds.
    public var eventsSeconds: Double = 0
    /// Per-stage thread time of the window processing, summed over workers.
    public var stages = StageTimes()
    /// Pixels processed per capture (the reference grid).
    public var pixels: Int { gridWidth * gridHeight }

    public static func == (a: RunSummary, b: RunSummary) -> Bool {
        a.gridWidth == b.gridWidth && a.gridHeight == b.gridHeight && a.windows == b.windows && a.vesselsBefore == b.vesselsBefore
            && a.vesselsAfter == b.vesselsAfter && a.candidates == b.candidates && a.shift?.dx == b.shift?.dx
            && a.shift?.dy == b.shift?.dy
    }

    public func hash(into h: inout Hasher) {
        h.combine(gridWidth); h.combine(gridHeight); h.combine(candidates)
    }
}
