import Raster
import RasterIO

/// A dataset seen with different metadata (a CRS override): reads go to the wrapped one.
final class ReferencedDataset: RasterDataset {
    let base: any RasterDataset
    let info: DatasetInfo

    init(base: any RasterDataset, info: DatasetInfo) {
        self.base = base
        self.info = info
    }

    func read(band: Int, window: Window, into: PlaneBuffer, valid: PlaneBuffer?) throws {
        try base.read(band: band, window: window, into: into, valid: valid)
    }
}
