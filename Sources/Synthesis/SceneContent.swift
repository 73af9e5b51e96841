/// Which kinds of content a synthetic scene contains. ``all`` is the default; ``negative``
/// holds nothing that belongs in the truth's events (singles, statics, clouds, land
/// changes, illumination change, misregistration, moving vessels): a detector should
/// report no `sts_candidate` on it.
public struct SceneContent: Hashable, Sendable {
    /// Two vessels side by side on fenders, both only in the after capture.
    public var newPairs = true
    /// One vessel in both captures, a second alongside it only in the after capture.
    public var joinedPairs = true
    /// Three hulls side by side, only in the after capture (one event listing three vessels).
    public var rafts = true
    /// A pair only in the before capture (event with `capture: before`).
    public var disappearedPairs = true
    /// A pair in both captures at the same place (in the truth only with
    /// ``SceneSpec/truthIncludesPersistent``).
    public var persistentPairs = true
    /// Lone vessels: new in after, gone from before, or anchored in both.
    public var singles = true
    /// Two new vessels 300–600 m apart: close, but not alongside.
    public var farApart = true
    /// Platforms and pairs of platforms present in both captures (never in the truth).
    public var statics = true
    /// Bright smooth cloud blobs; thin ones may lie over vessels, thick ones avoid them.
    public var clouds = true
    /// A land area (bright in NIR, so NDWI separates it) along one edge.
    public var land = true
    /// New bright objects on land in the after capture (never count).
    public var landChanges = true
    /// Global per-band gain and offset of the after capture.
    public var illuminationChange = true
    /// Shift of the after capture by up to ±`maxShiftPx` (integer or sub-pixel).
    public var misregistration = true
    /// Single vessels under way with a bright turbulent wake and Kelvin arms (should not pair).
    public var movingVessels = true

    public init() {}

    /// Everything.
    public static let all = SceneContent()

    /// Nothing that makes an event.
    public static let negative: SceneContent = {
        var c = SceneContent()
        c.newPairs = false
        c.joinedPairs = false
        c.rafts = false
        c.disappearedPairs = false
        c.persistentPairs = false
        c.farApart = true
        return c
    }()

    /// Open water with pairs only: no land, clouds, statics, illumination change or shift.
    public static let clean: SceneContent = {
        var c = SceneContent()
        c.persistentPairs = false
        c.statics = false
        c.clouds = false
        c.land = false
        c.landChanges = false
        c.illuminationChange = false
        c.misregistration = false
        c.movingVessels = false
        c.farApart = false
        return c
    }()

    /// Names of the enabled kinds, for the run parameters.
    public var enabledNames: [String] {
        let all: [(String, Bool)] = [
            ("new_pairs", newPairs), ("joined_pairs", joinedPairs), ("rafts", rafts),
            ("disappeared_pairs", disappearedPairs), ("persistent_pairs", persistentPairs), ("singles", singles),
            ("far_apart", farApart), ("statics", statics), ("clouds", clouds), ("land", land),
            ("land_changes", landChanges), ("illumination_change", illuminationChange),
            ("misregistration", misregistration), ("moving_vessels", movingVessels),
        ]
        return all.filter(\.1).map(\.0)
    }

    /// Turns off the kinds named as in ``enabledNames`` (unknown names are ignored).
    public mutating func disable(_ names: [String]) {
        for n in names {
            switch n {
            case "new_pairs": newPairs = false
            case "joined_pairs": joinedPairs = false
            case "rafts": rafts = false
            case "disappeared_pairs": disappearedPairs = false
            case "persistent_pairs": persistentPairs = false
            case "singles": singles = false
            case "far_apart": farApart = false
            case "statics": statics = false
            case "clouds": clouds = false
            case "land": land = false
            case "land_changes": landChanges = false
            case "illumination_change": illuminationChange = false
            case "misregistration": misregistration = false
            case "moving_vessels": movingVessels = false
            default: break
            }
        }
    }
}
