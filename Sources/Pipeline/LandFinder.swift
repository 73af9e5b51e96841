import Detection
import Raster

/// Land from an NDWI water mask: the non-water pixels that form large components. Hulls
/// are non-water too (they are bright in NIR), but they are small: a component counts as
/// land (or cloud) only when longer than `extent` pixels or larger than `area` pixels².
/// Symmetrically, only large water components are sea; objects are searched near the sea.
enum LandFinder {
    /// Sets `land` to 1 on non-water pixels (`valid` ∧ ¬`water`) of large components.
    static func land(water: PlaneView<UInt8>, valid: PlaneView<UInt8>, extent: Double, area: Double,
                     into land: PlaneView<UInt8>) {
        MaskOps.andNot(valid, water, into: land)
        LargeComponents.keep(land, extent: extent, area: area)
    }

    /// Keeps, in `water` (in place), only large water bodies: components longer than
    /// `extent` pixels or larger than `area` pixels². Ponds, wet roofs and shadows inside
    /// land pass an NDWI test too, but they are not sea.
    /// Components are 8-connected; Detection's run-based `LargeComponents` does the filtering.
    static func sea(water: PlaneView<UInt8>, extent: Double, area: Double) {
        LargeComponents.keep(water, extent: extent, area: area)
    }
}
