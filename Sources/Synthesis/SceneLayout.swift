/// Everything a synthetic pair is rendered from, decided from the seed before any pixel
/// is drawn: objects, clouds, land, radiometry of both captures and the shift.
public struct SceneLayout: Sendable {
    public var width: Int
    public var height: Int
    /// Ground metres per pixel step at the scene centre (what metres are converted with).
    public var scale: GroundScale
    /// Mean ground metres per pixel.
    public var metresPerPixel: Double { scale.mean }
    public var hulls: [SceneHull] = []
    public var groups: [SceneGroup] = []
    public var clouds: [SceneCloud] = []
    public var land: LandArea? = nil
    /// Misregistration of the after capture: after pixel `(c, r)` shows world `(c + dx, r + dy)`.
    public var shiftX: Double = 0
    public var shiftY: Double = 0
    /// Open-water reflectance per band (blue, green, red, nir).
    public var sea: [Double] = [0.07, 0.05, 0.03, 0.015]
    /// Land reflectance per band.
    public var landReflectance: [Double] = [0.05, 0.08, 0.07, 0.30]
    /// Sea texture: relative amplitude and wavelength (pixels); seeds per capture.
    public var seaTextureAmplitude: Double = 0.04
    public var seaTextureWavelength: Double = 60
    public var seaSeeds: (before: UInt64, after: UInt64) = (1, 2)
    public var landSeed: UInt64 = 3
    /// Sun glint: additive reflectance ramp per capture, `strength · (0.5 + 0.5·(ux·x + uy·y)/diag)`.
    public var glint: [Glint] = [Glint(), Glint()]
    /// After-capture radiometric change: `after = gain · value + offset` (reflectance units).
    public var gain: [Double] = [1, 1, 1, 1]
    public var offset: [Double] = [0, 0, 0, 0]
    /// Sensor noise standard deviation per band, reflectance units.
    public var noiseSigma: [Double] = [0.0012, 0.0012, 0.0012, 0.0010]
    /// Point-spread function: Gaussian σ, pixels (before the pixel-box term is added).
    public var psfSigmaPx: Double = 0.5

    public struct Glint: Hashable, Sendable {
        public var strength: Double = 0
        public var dirX: Double = 1
        public var dirY: Double = 0
    }
}
