import Foundation
import GeoReferencing
import Raster
import Report

/// Everything about a synthetic pair except its pixels: layout, georeferencing, times and
/// truth. Cheap to make; ``render(after:)`` draws one capture on demand, so a writer can
/// hold one capture at a time (a 10 980² Sentinel-2 tile needs ~0.9 GB, not 1.9).
public struct ScenePlan: Sendable {
    public var seed: UInt64
    public var spec: SceneSpec
    public var layout: SceneLayout
    /// Both captures share this grid (the misregistration is in the pixels, not in the georeferencing).
    public var geoReference: GeoReference
    public var locationName: String
    public var beforeTime: Date
    public var afterTime: Date
    /// Events and vessels in the output schema, with the `"alongside"` run member.
    public var truth: FeatureCollectionDocument
    /// Seed of the sensor noise (both captures; streams differ per capture, band and row).
    public var noiseSeed: UInt64

    /// UInt16 planes of one capture, reflectance × 10 000, in ``SyntheticPair/bandNames`` order.
    public func render(after: Bool) -> [PlaneBuffer] {
        SceneRenderer.render(layout, after: after, noiseSeed: noiseSeed)
    }
}
