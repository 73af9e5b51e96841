/// A geographic position in EPSG:4326, longitude first (RFC 7946 order), degrees.
public struct LonLat: Hashable, Sendable, CustomStringConvertible {
    /// Longitude, degrees east, −180…180.
    public var lon: Double
    /// Latitude, degrees north, −90…90.
    public var lat: Double

    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }

    public init(_ lon: Double, _ lat: Double) { self.init(lon: lon, lat: lat) }

    public var description: String { "(\(lon), \(lat))" }
}
