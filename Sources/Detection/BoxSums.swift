/// Streaming (2r+1)×(2r+1) box sums, one output row per ``advance()``: what ``LocalContrast``
/// and ``BoxFilter`` read. ``BoxAccumulator`` is the fast one; ``RingBoxAccumulator`` its
/// bit-exact reference.
protocol BoxSums: AnyObject {
    /// Moves to the next output row; afterwards the pointers hold that row's box sums.
    func advance()
    /// Σ (v − offset) per pixel of the current row (w Doubles).
    var sum: UnsafeMutablePointer<Double> { get }
    /// Σ (v − offset)² per pixel of the current row (w Doubles; zero without squares).
    var sumSquares: UnsafeMutablePointer<Double> { get }
    /// Contributing samples per pixel of the current row (w Doubles).
    var count: UnsafeMutablePointer<Double> { get }
}
