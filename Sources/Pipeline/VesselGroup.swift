/// Vessels of one capture lying alongside each other: a pair, or a raft of three or more.
public struct VesselGroup: Sendable, Hashable {
    /// Indices into the capture's vessel list, ascending.
    public var members: [Int]
    /// Edge-to-edge gap, ground metres: for each hull the gap to its nearest group mate,
    /// the largest of those (a pair's gap; 0 when merged in one blob).
    public var gapMetres: Double
    /// Largest angle between hull axes in the group, degrees 0…90.
    public var headingDifferenceDegrees: Double
    /// Some hulls were split from one blob.
    public var merged: Bool
}
