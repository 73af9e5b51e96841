/// Everything that steers a detection run. Lengths are true ground metres, angles degrees.
///
/// The defaults and the reasoning behind each are in `docs/detection.md`. Two runs with
/// equal parameters on equal inputs give byte-identical events whatever `threads` and
/// `windowSize` are: those two only change how the work is cut up.
public struct DetectionParameters: Sendable, Hashable, Codable {
    /// Shortest hull reported, metres. Sentinel-2's 10 m pixels do not resolve smaller craft reliably.
    public var minLength: Double = 25
    /// Longest hull reported, metres (the largest tankers and bulkers are ~400 m).
    public var maxLength: Double = 400
    /// Largest edge-to-edge gap between hulls of one group, metres (OUTPUT.md default).
    public var maxGap: Double = 60
    /// Largest angle between hull axes of a group, degrees.
    public var maxHeadingDifference: Double = 25
    /// Vessels closer than this to land (a land mask, or land found by NDWI) are dropped, metres.
    public var minShoreDistance: Double = 0
    /// CFAR detection threshold: a pixel is an object seed when it departs from the surrounding
    /// sea by more than `cfarK` local standard deviations (both signs: bright and dark hulls).
    public var cfarK: Double = 5.0
    /// Hysteresis: pixels connected to a seed join the object down to `cfarKLow` deviations.
    public var cfarKLow: Double = 2.5
    /// Footprints are measured on the blob's pixels with |z| ≥ max(`cfarKLow`,
    /// `footprintFraction` × the blob's peak |z|): 0 uses the whole hysteresis mask, 0.5 a
    /// full width at half maximum.
    public var footprintFraction: Double = 0
    /// Change evidence: mean |after − normalized before| over a hull, in noise standard
    /// deviations, above which the hull is treated as absent from the other capture.
    public var changeK: Double = 3.0
    /// NDWI (McFeeters: (green − nir)/(green + nir)) above which a pixel is water.
    public var ndwiThreshold: Double = 0.0
    /// Side of the square window core, pixels.
    public var windowSize: Int = 1024
    /// Worker threads; 0 = one per core.
    public var threads: Int = 0
    /// Also report groups present in both captures (`change: "persistent"`).
    public var includePersistent: Bool = false
    /// Also report every vessel-sized object as a `vessel` feature.
    public var allVessels: Bool = false

    public init() {}

    /// The parameters that change the result (not `threads` or `windowSize`), for stable ids.
    public var resultKey: String {
        [minLength, maxLength, maxGap, maxHeadingDifference, minShoreDistance, cfarK, cfarKLow, changeK, ndwiThreshold,
         footprintFraction]
            .map { String($0) }.joined(separator: ",") + ",\(includePersistent)"
    }

    /// Checks ranges; throws ``PipelineError/badParameter(name:value:reason:)``.
    public func validate() throws {
        func bad(_ n: String, _ v: Double, _ r: String) -> PipelineError { .badParameter(name: n, value: v, reason: r) }
        guard minLength.isFinite, minLength > 0 else { throw bad("min-length", minLength, "must be positive") }
        guard maxLength.isFinite, maxLength >= minLength else {
            throw bad("max-length", maxLength, "must be at least min-length (\(minLength))")
        }
        guard maxLength <= 2000 else { throw bad("max-length", maxLength, "must be at most 2000 m") }
        guard maxGap.isFinite, maxGap >= 0, maxGap <= 1000 else { throw bad("max-gap", maxGap, "must be 0…1000 m") }
        guard maxHeadingDifference >= 0, maxHeadingDifference <= 90 else {
            throw bad("max-heading-difference", maxHeadingDifference, "must be 0…90 degrees")
        }
        guard minShoreDistance.isFinite, minShoreDistance >= 0, minShoreDistance <= 5000 else {
            throw bad("min-shore-distance", minShoreDistance, "must be 0…5000 m")
        }
        guard cfarK.isFinite, cfarK > 0, cfarKLow > 0, cfarKLow <= cfarK else {
            throw bad("cfar-k", cfarK, "must be positive and at least the low threshold \(cfarKLow)")
        }
        guard changeK.isFinite, changeK > 0 else { throw bad("change-k", changeK, "must be positive") }
        guard ndwiThreshold >= -1, ndwiThreshold <= 1 else { throw bad("ndwi-threshold", ndwiThreshold, "must be -1…1") }
        guard windowSize >= 64, windowSize <= 16384 else {
            throw bad("window-size", Double(windowSize), "must be 64…16384 pixels")
        }
        guard threads >= 0, threads <= 1024 else { throw bad("threads", Double(threads), "must be 0…1024") }
    }
}
