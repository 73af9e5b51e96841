import Foundation

/// One vessel-sized object seen in one capture: a `vessel` feature, or one entry of an
/// event's `vessels` array.
///
/// All sizes are true ground metres (on the ellipsoid), never projected units.
public struct VesselRecord: Hashable, Sendable {
    /// Centre longitude, degrees (EPSG:4326).
    public var lon: Double
    /// Centre latitude, degrees (EPSG:4326).
    public var lat: Double
    /// Hull length along its axis, ground metres.
    public var lengthM: Double
    /// Hull width (beam) across its axis, ground metres.
    public var widthM: Double
    /// Hull axis angle from true north, clockwise, degrees in [0, 180).
    public var headingDeg: Double
    /// Area of the footprint, square ground metres.
    public var areaM2: Double
    /// Hull contrast against the sea around it (detector units: normalized reflectance
    /// difference, positive for bright hulls, negative for dark ones); `nil` when unknown.
    public var contrast: Double?
    /// Whether the vessel is absent from the other capture; `nil` when unknown (single capture).
    public var isNew: Bool?
    /// Footprint outline (oriented rectangle or hull outline) as a ring of lon/lat points.
    /// Open or closed, any winding: the writer closes it and makes it counter-clockwise.
    public var footprint: [LonLat]
    /// Centre in the grid of `capture`, continuous pixel coordinates; `nil` when unknown.
    public var pixel: PixelPosition?
    /// Confidence that this is a vessel, 0…1.
    public var score: Double
    /// Which capture it is seen in.
    public var capture: CaptureSide
    /// UTC time of that capture, when known.
    public var time: Date?
    /// Feature id for `vessel` features (stable hash); `nil` writes no id.
    public var id: String?

    public init(lon: Double, lat: Double, lengthM: Double, widthM: Double, headingDeg: Double, areaM2: Double,
                contrast: Double? = nil, isNew: Bool? = nil, footprint: [LonLat] = [], pixel: PixelPosition? = nil,
                score: Double = 1, capture: CaptureSide, time: Date? = nil, id: String? = nil) {
        self.lon = lon
        self.lat = lat
        self.lengthM = lengthM
        self.widthM = widthM
        self.headingDeg = headingDeg
        self.areaM2 = areaM2
        self.contrast = contrast
        self.isNew = isNew
        self.footprint = footprint
        self.pixel = pixel
        self.score = score
        self.capture = capture
        self.time = time
        self.id = id
    }

    /// Centre as a ``LonLat``.
    public var centre: LonLat { LonLat(lon: lon, lat: lat) }

    /// A stable id for a `vessel` feature: a hash of the run's inputs, parameters and this
    /// vessel's capture and centre (rounded to 1e-7°), independent of detection order.
    public func stableID(inputs: [String], parameters: [String: JSONValue]) -> String {
        var h = StableHash()
        h.combine("vessel")
        StableHash.combineRun(&h, inputs: inputs, parameters: parameters)
        h.combine(capture.rawValue)
        h.combine(StableHash.roundedDegrees(lon))
        h.combine(StableHash.roundedDegrees(lat))
        return "vessel-" + h.hex
    }
}
