/// Which capture an observation belongs to, inside the pipeline (the output calls it `capture`).
public enum CaptureRole: String, Sendable, Hashable, Codable, CaseIterable {
    case before, after, single
}

/// One hull found in one capture, before geography: a footprint in the run's reference
/// grid (the after capture's grid cropped to the overlap; pixel centres at +0.5).
public struct VesselObservation: Sendable, Hashable {
    public var capture: CaptureRole
    /// Footprint, reference-grid pixels.
    public var box: OrientedBox
    /// Pixels of the blob (its share, for a hull split from a merged blob).
    public var numPixels: Int
    /// Mean signed local contrast over the blob, in local sea standard deviations (CFAR units):
    /// positive for bright hulls, negative for dark ones.
    public var contrast: Double
    /// Mean |after − normalized before| over the blob, in difference-noise standard
    /// deviations; nil for a single capture.
    public var changeEvidence: Double?
    /// Σ |after − normalized before| / Σ |pixel − local sea| over the blob: about 1 where the
    /// hull appeared or vanished (its whole signal changed), about |gain change| where a
    /// hull stayed; nil for a single capture.
    public var changeRatio: Double?
    /// True ground metres per pixel step along columns (x) and rows (y) at the centre.
    public var metresPerPixelX: Double
    public var metresPerPixelY: Double
    /// The hull was split from a blob holding several hulls.
    public var merged: Bool
    /// Identifies the blob (per capture) a merged hull came from: the blob's centre, so
    /// hulls split from one blob share it.
    public var blobKey: Int64
    /// Whether the vessel is absent from the other capture; nil for a single capture.
    public var isNew: Bool?

    public init(capture: CaptureRole, box: OrientedBox, numPixels: Int, contrast: Double, changeEvidence: Double?,
                changeRatio: Double? = nil, metresPerPixelX: Double, metresPerPixelY: Double, merged: Bool = false, blobKey: Int64 = 0,
                isNew: Bool? = nil) {
        self.capture = capture
        self.box = box
        self.numPixels = numPixels
        self.contrast = contrast
        self.changeEvidence = changeEvidence
        self.changeRatio = changeRatio
        self.metresPerPixelX = metresPerPixelX
        self.metresPerPixelY = metresPerPixelY
        self.merged = merged
        self.blobKey = blobKey
        self.isNew = isNew
    }

    /// Footprint in local ground metres (grid axes scaled by the ground pixel size).
    public var metricBox: OrientedBox { box.scaled(x: metresPerPixelX, y: metresPerPixelY) }
    public var lengthMetres: Double { metricBox.length }
    public var widthMetres: Double { metricBox.width }

    /// Total order used to make every output independent of the order work finished in.
    static func precedes(_ a: VesselObservation, _ b: VesselObservation) -> Bool {
        if a.box.centerY != b.box.centerY { return a.box.centerY < b.box.centerY }
        if a.box.centerX != b.box.centerX { return a.box.centerX < b.box.centerX }
        if a.box.angle != b.box.angle { return a.box.angle < b.box.angle }
        return a.box.length < b.box.length
    }
}
