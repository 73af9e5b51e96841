/// Receives the pixels of each component during the labeling's second pass, one
/// horizontal run at a time, so statistics cost one pass over the foreground
/// (OpenCV's `CCStatsOp` idea; the labeler is generic over the collector so it specializes).
public protocol ComponentCollector {
    /// Called once, after the first pass, with the number of components n (labels are 1…n).
    mutating func begin(componentCount: Int)
    /// Pixels `colStart..<colEnd` of row `row` belong to component `label`.
    mutating func addRun(label: Int32, row: Int, colStart: Int, colEnd: Int)
    /// Called once after the last run.
    mutating func finish()
}
