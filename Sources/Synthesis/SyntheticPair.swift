import Foundation
import GeoReferencing
import Raster
import Report

/// A synthetic before/after pair with its truth, all in memory.
public struct SyntheticPair: Sendable {
    /// Band order of ``before`` and ``after``.
    public static let bandNames = ["blue", "green", "red", "nir"]

    public var seed: UInt64
    public var spec: SceneSpec
    public var layout: SceneLayout
    /// Both captures share this grid (the misregistration is in the pixels, not in the georeferencing).
    public var geoReference: GeoReference
    public var locationName: String
    /// UInt16 planes, reflectance × 10 000, in ``bandNames`` order.
    public var before: [PlaneBuffer]
    public var after: [PlaneBuffer]
    public var beforeTime: Date
    public var afterTime: Date
    /// Events and vessels in the output schema, with the `"alongside"` run member.
    public var truth: FeatureCollectionDocument
}
