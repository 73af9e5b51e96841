/// A labelled place from a side file (synth's `scene.geojson`: what was drawn where), used by
/// `alongside eval --explain` to say what false alarms and misses lie on.
public struct LabelledFeature: Hashable, Sendable {
    public var label: String
    /// Centre: `lon`/`lat` properties, else the mean of the geometry's vertices.
    public var centre: LonLat
    /// Exterior rings of the geometry (open), empty for points.
    public var rings: [[LonLat]]

    public init(label: String, centre: LonLat, rings: [[LonLat]] = []) {
        self.label = label
        self.centre = centre
        self.rings = rings
    }

    /// 0 inside one of the rings, else the ground distance to the centre, metres.
    public func distanceM(to p: LonLat) -> Double {
        if rings.contains(where: { RingGeometry.contains($0, p) }) { return 0 }
        return GroundDistance.metres(centre, p)
    }
}
