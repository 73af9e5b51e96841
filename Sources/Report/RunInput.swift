import Foundation

/// One input of a run, as recorded in the `"alongside"` member's `inputs`.
public struct RunInput: Hashable, Sendable {
    /// `"before"`, `"after"` or `"single"` (free text for other tools).
    public var role: String
    /// Path as given.
    public var path: String
    /// UTC capture time, when known.
    public var captureTime: Date?
    /// CRS as `"EPSG:32631"` or a name; `nil` when the input has none.
    public var crs: String?
    /// Raster size, pixels.
    public var width: Int
    public var height: Int

    public init(role: String, path: String, captureTime: Date? = nil, crs: String? = nil, width: Int, height: Int) {
        self.role = role
        self.path = path
        self.captureTime = captureTime
        self.crs = crs
        self.width = width
        self.height = height
    }
}
