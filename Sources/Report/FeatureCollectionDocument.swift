/// Everything one output file holds: the events, the vessels (with `--all-vessels`) and
/// the run description. Written by ``GeoJSONWriter``, read back by ``GeoJSONReader``.
public struct FeatureCollectionDocument: Hashable, Sendable {
    public var events: [STSEvent]
    public var vessels: [VesselRecord]
    public var run: RunInfo?

    public init(events: [STSEvent] = [], vessels: [VesselRecord] = [], run: RunInfo? = nil) {
        self.events = events
        self.vessels = vessels
        self.run = run
    }
}
