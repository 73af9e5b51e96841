/// A translation between two captures. Convention: the point at (col, row) in `after`
/// shows what is at (col + dx, row + dy) in `before` (pixels).
public struct ShiftEstimate: Hashable, Sendable, CustomStringConvertible {
    /// Sub-pixel shift (integer peak + quadratic refinement), pixels.
    public var dx: Double
    public var dy: Double
    /// The integer offset with the highest correlation (|dx − integerDX| ≤ 1; usually ≤ 0.5).
    public var integerDX: Int
    public var integerDY: Int
    /// Normalized cross-correlation at the integer peak, in [−1, 1].
    public var score: Double
    /// Pixels that entered the peak's correlation.
    public var samples: Int
    /// The peak lies on the edge of the ±R search square: the true shift may be larger.
    public var isAtSearchEdge: Bool
    /// Correlation surfaces (windows) that entered the estimate.
    public var windows: Int

    public init(dx: Double, dy: Double, integerDX: Int, integerDY: Int, score: Double, samples: Int, isAtSearchEdge: Bool,
                windows: Int = 1) {
        self.dx = dx
        self.dy = dy
        self.integerDX = integerDX
        self.integerDY = integerDY
        self.score = score
        self.samples = samples
        self.isAtSearchEdge = isAtSearchEdge
        self.windows = windows
    }

    public var description: String {
        "ShiftEstimate(dx: \(dx), dy: \(dy), score: \(score), samples: \(samples), windows: \(windows)\(isAtSearchEdge ? ", at search edge" : ""))"
    }
}
