/// A collector that collects nothing: labeling only.
public struct NoStatistics: ComponentCollector {
    public init() {}
    @inlinable public mutating func begin(componentCount: Int) {}
    @inlinable public mutating func addRun(label: Int32, row: Int, colStart: Int, colEnd: Int) {}
    @inlinable public mutating func finish() {}
}
