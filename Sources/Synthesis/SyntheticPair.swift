import Foundation
import GeoReferencing
import Raster
import Report

/// A synthetic before/after pair with its truth, all in memory: a ``ScenePlan`` plus both
/// captures' pixels.
public struct SyntheticPair: Sendable {
    /// Band order of ``before`` and ``after``.
    public static let bandNames = ["blue", "green", "red", "nir"]

    public var plan: ScenePlan
    /// UInt16 planes, reflectance × 10 000, in ``bandNames`` order.
    public var before: [PlaneBuffer]
    public var after: [PlaneBuffer]

    public init(plan: ScenePlan) {
        self.plan = plan
        before = plan.render(after: false)
        after = plan.render(after: true)
    }

    public var seed: UInt64 { plan.seed }
    public var spec: SceneSpec { plan.spec }
    public var layout: SceneLayout { plan.layout }
    /// Both captures share this grid (the misregistration is in the pixels, not in the georeferencing).
    public var geoReference: GeoReference { plan.geoReference }
    public var locationName: String { plan.locationName }
    public var beforeTime: Date { plan.beforeTime }
    public var afterTime: Date { plan.afterTime }
    /// Events and vessels in the output schema, with the `"alongside"` run member.
    public var truth: FeatureCollectionDocument { plan.truth }
}
