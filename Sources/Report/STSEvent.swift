import Foundation

/// One candidate ship-to-ship transfer: an `sts_candidate` feature. Two vessels, or
/// more for a raft of several hulls (one event lists every hull).
public struct STSEvent: Hashable, Sendable {
    /// Stable for the same inputs and parameters: a hash, not a counter (see ``stableID(inputs:parameters:)``).
    public var id: String
    /// Confidence that this is two or more vessels alongside, 0…1.
    public var score: Double
    /// Event centre longitude: the mean of the vessels' centres, degrees.
    public var lon: Double
    /// Event centre latitude, degrees.
    public var lat: Double
    /// Which capture shows the group.
    public var capture: CaptureSide
    /// UTC time of that capture, when known.
    public var time: Date?
    /// Relation to the other capture.
    public var change: ChangeKind
    /// Edge-to-edge distance between the hulls, ground metres (0 when merged in one blob).
    public var gapM: Double
    /// The hulls touched and were split from one blob.
    public var merged: Bool
    /// Angle between the hull axes, degrees 0…90.
    public var headingDifferenceDeg: Double
    /// The vessels involved, two or more.
    public var vessels: [VesselRecord]
    /// Centre in the grid of `capture`, continuous pixel coordinates; `nil` when unknown.
    public var pixel: PixelPosition?
    /// Paths of the inputs, as given.
    public var sources: EventSources

    public init(id: String = "", score: Double, lon: Double, lat: Double, capture: CaptureSide, time: Date? = nil,
                change: ChangeKind, gapM: Double, merged: Bool, headingDifferenceDeg: Double,
                vessels: [VesselRecord], pixel: PixelPosition? = nil, sources: EventSources = EventSources()) {
        self.id = id
        self.score = score
        self.lon = lon
        self.lat = lat
        self.capture = capture
        self.time = time
        self.change = change
        self.gapM = gapM
        self.merged = merged
        self.headingDifferenceDeg = headingDifferenceDeg
        self.vessels = vessels
        self.pixel = pixel
        self.sources = sources
    }

    /// Centre as a ``LonLat``.
    public var centre: LonLat { LonLat(lon: lon, lat: lat) }

    /// A stable id: a hash of the run's inputs (paths), parameters, the capture side and
    /// the vessels' centres (rounded to 1e-7°, sorted so vessel order does not matter).
    /// Same inputs and parameters give the same id on every run and every shard.
    public func stableID(inputs: [String], parameters: [String: JSONValue]) -> String {
        var h = StableHash()
        h.combine("sts_candidate")
        StableHash.combineRun(&h, inputs: inputs, parameters: parameters)
        h.combine(capture.rawValue)
        let centres = vessels.map { (StableHash.roundedDegrees($0.lon), StableHash.roundedDegrees($0.lat)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        if centres.isEmpty {
            h.combine(StableHash.roundedDegrees(lon))
            h.combine(StableHash.roundedDegrees(lat))
        }
        for c in centres {
            h.combine(c.0)
            h.combine(c.1)
        }
        return "sts-" + h.hex
    }
}
