import Report

/// What to synthesize (everything else comes from the seed).
public struct SceneSpec: Hashable, Sendable {
    /// Grid size, pixels.
    public var width: Int = 1024
    public var height: Int = 1024
    /// Ground sampling distance, metres per pixel (0.5…10 sensible; ground pixels are square at the centre).
    public var resolutionM: Double = 10
    public var crs: CRSChoice = .utm
    public var content: SceneContent = .all
    /// Scene centre; `nil` picks one of ``OceanLocations`` (jittered) from the seed.
    public var location: LonLat? = nil
    /// Largest misregistration of the after capture, pixels per axis.
    public var maxShiftPx: Double = 2
    /// Whether persistent pairs are listed as `change: persistent` events (as detect's
    /// `--include-persistent` would report them).
    public var truthIncludesPersistent: Bool = false
    /// Number of object groups per km² (pairs, singles, statics … each count as one);
    /// at least one of each enabled kind is attempted.
    public var groupsPerKm2: Double = 0.12
    /// File names recorded in the truth's `sources` and inputs.
    public var beforeName: String = "before.tif"
    public var afterName: String = "after.tif"

    public init() {}

    public init(width: Int, height: Int, resolutionM: Double, crs: CRSChoice = .utm, content: SceneContent = .all) {
        self.width = width
        self.height = height
        self.resolutionM = resolutionM
        self.crs = crs
        self.content = content
    }
}
