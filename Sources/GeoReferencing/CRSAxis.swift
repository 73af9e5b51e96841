/// One axis of a coordinate system as PROJ describes it.
public struct CRSAxis: Hashable, Sendable, Codable {
    /// e.g. "Easting", "Geodetic latitude".
    public var name: String
    /// e.g. "E", "Lat".
    public var abbreviation: String
    /// "east", "north", "south", "west", "up", …
    public var direction: String
    /// e.g. "metre", "degree", "US survey foot".
    public var unitName: String
    /// Factor converting one unit to SI (metres, or radians for angles).
    public var unitToSI: Double

    public init(name: String, abbreviation: String, direction: String, unitName: String, unitToSI: Double) {
        self.name = name
        self.abbreviation = abbreviation
        self.direction = direction
        self.unitName = unitName
        self.unitToSI = unitToSI
    }
}
