import Raster
import RasterIO

/// A raster held in memory, for assembling captures without files. Band `b` pixel
/// `(x, y)` holds `value(b, x, y)`.
final class MemoryDataset: RasterDataset {
    let info: DatasetInfo
    let planes: [PlaneBuffer]

    init(info: DatasetInfo, value: (Int, Int, Int) -> Double) {
        self.info = info
        planes = info.bands.enumerated().map { b, band in
            let p = PlaneBuffer(width: info.width, height: info.height, sampleType: band.sampleType)
            let v = p.view(as: UInt16.self)
            for y in 0..<info.height { for x in 0..<info.width { v[x, y] = UInt16(value(b, x, y)) } }
            return p
        }
    }

    func read(band: Int, window: Window, into: PlaneBuffer, valid: PlaneBuffer?) throws {
        let src = planes[band].view(as: UInt16.self), dst = into.view(as: UInt16.self)
        for y in 0..<window.height {
            for x in 0..<window.width {
                let sx = window.col + x, sy = window.row + y
                let inside = sx >= 0 && sy >= 0 && sx < info.width && sy < info.height
                dst[x, y] = inside ? src[sx, sy] : 0
                if let valid { valid.view(as: UInt8.self)[x, y] = inside ? 1 : 0 }
            }
        }
    }

    /// A `width` × `height` UInt16 dataset with `bands` bands.
    static func make(path: String, width: Int = 8, height: Int = 6, bands: Int = 1, descriptions: [String] = [],
                     geoTransform: GeoTransformParts? = GeoTransformParts(), epsg: Int? = 32631,
                     metadata: [String: String] = [:], tag: Int = 0) -> MemoryDataset {
        let infos = (0..<bands).map { i in
            BandInfo(sampleType: .uint16, bitsPerSample: 16, description: i < descriptions.count ? descriptions[i] : "",
                     blockWidth: width, blockHeight: 1)
        }
        let gt = geoTransform.map { $0.transform }
        let crs = epsg.flatMap { try? CRS(epsg: $0) }
        let info = DatasetInfo(path: path, driver: "MEM", width: width, height: height, bands: infos,
                               geoTransform: gt, crs: crs, georeferencingSource: gt == nil ? nil : "memory",
                               metadata: metadata, files: [path])
        return MemoryDataset(info: info) { b, x, y in Double(tag * 1000 + b * 100 + y * 10 + x) }
    }
}

import GeoReferencing

struct GeoTransformParts {
    var originX = 500_000.0, originY = 5_000_000.0, size = 10.0
    var transform: GeoTransform { GeoTransform(originX: originX, originY: originY, pixelWidth: size, pixelHeight: -size) }
}
