import Detection
import Raster

/// Land from an NDWI water mask: the non-water pixels that form large components. Hulls
/// are non-water too (they are bright in NIR), but they are small: a component counts as
/// land (or cloud) only when longer than `extent` pixels or larger than `area` pixels².
/// Symmetrically, only large water components are sea; objects are searched near the sea.
enum LandFinder {
    /// Sets `land` to 1 on non-water pixels (`valid` ∧ ¬`water`) of large components.
    /// `labels` (here and in ``sea(water:extent:area:labels:)``) is scratch the old pixel labeling
    /// needed; the run-based filter does not use it.
    static func land(water: PlaneView<UInt8>, valid: PlaneView<UInt8>, extent: Double, area: Double,
                     labels: PlaneView<Int32>, into land: PlaneView<UInt8>) {
        MaskOps.andNot(valid, water, into: land)
        keepLargeComponents(land, extent: extent, area: area, labels: labels)
    }

    /// Keeps, in `water` (in place), only large water bodies: components longer than
    /// `extent` pixels or larger than `area` pixels². Ponds, wet roofs and shadows inside
    /// land pass an NDWI test too, but they are not sea.
    static func sea(water: PlaneView<UInt8>, extent: Double, area: Double, labels: PlaneView<Int32>) {
        keepLargeComponents(water, extent: extent, area: area, labels: labels)
    }

    /// Clears, in `mask` (in place), every 8-connected component whose bounding-box extent is at
    /// most `extent` pixels and whose area is at most `area` pixels² (Detection's run-based
    /// `LargeComponents`; it needs no label plane, so `labels` is left untouched).
    private static func keepLargeComponents(_ mask: PlaneView<UInt8>, extent: Double, area: Double,
                                            labels: PlaneView<Int32>) {
        LargeComponents.keep(mask, extent: extent, area: area)
    }
}
