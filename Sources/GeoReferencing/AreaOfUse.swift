/// The area a CRS is meant for: a longitude/latitude box in degrees (WGS 84). `west`
/// may exceed `east` when the area crosses the antimeridian.
public struct AreaOfUse: Hashable, Sendable, Codable {
    public var west: Double
    public var south: Double
    public var east: Double
    public var north: Double
    public var name: String

    public init(west: Double, south: Double, east: Double, north: Double, name: String) {
        (self.west, self.south, self.east, self.north, self.name) = (west, south, east, north, name)
    }

    /// Whether `(lon, lat)` (degrees) lies in the box.
    public func contains(lon: Double, lat: Double) -> Bool {
        guard lat >= south && lat <= north else { return false }
        return west <= east ? (lon >= west && lon <= east) : (lon >= west || lon <= east)
    }
}
