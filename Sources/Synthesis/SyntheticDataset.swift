import Foundation
import GeoReferencing
import Raster
import RasterIO

/// One capture of a ``SyntheticPair`` as an in-memory ``RasterDataset`` (driver `"Memory"`):
/// tests and benchmarks can run the pipeline on a scene without writing files. Bands in
/// ``SyntheticPair/bandNames`` order with those roles and descriptions, UInt16, nodata 0; the
/// scene's georeferencing and capture time.
public final class SyntheticDataset: RasterDataset {
    public let info: DatasetInfo
    private let planes: [PlaneBuffer]

    public init(pair: SyntheticPair, after: Bool) {
        planes = after ? pair.after : pair.before
        let name = after ? pair.spec.afterName : pair.spec.beforeName
        let bands = SyntheticPair.bandNames.map { role in
            BandInfo(sampleType: .uint16, bitsPerSample: 16, description: role, noData: 0,
                     colorInterpretation: role == "red" ? .red : role == "green" ? .green : role == "blue" ? .blue : .undefined,
                     blockWidth: pair.spec.width, blockHeight: 1, role: role)
        }
        info = DatasetInfo(path: "synthetic:\(name)", driver: "Memory", width: pair.spec.width, height: pair.spec.height,
                           bands: bands, geoTransform: pair.geoReference.transform, crs: pair.geoReference.crs,
                           georeferencingSource: "synthetic", captureTime: after ? pair.afterTime : pair.beforeTime)
    }

    public func read(band: Int, window: Window, into: PlaneBuffer, valid: PlaneBuffer?) throws {
        guard planes.indices.contains(band) else {
            throw RasterIOError.badWindow(path: info.path, reason: "band \(band) of \(planes.count) (0-based)")
        }
        guard into.width == window.width, into.height == window.height, into.sampleType == .uint16 else {
            throw RasterIOError.badWindow(path: info.path, reason: "buffer is \(into.width)×\(into.height) \(into.sampleType), window \(window.width)×\(window.height) of uint16")
        }
        if let valid, valid.width != window.width || valid.height != window.height || valid.sampleType != .uint8 {
            throw RasterIOError.badWindow(path: info.path, reason: "valid mask must be \(window.width)×\(window.height) uint8")
        }
        let inside = window.clipped(width: info.width, height: info.height)
        if inside != window {
            into.fill(UInt16(0))
            valid?.fill(UInt8(0))
        }
        guard !inside.isEmpty else { return }
        let src = planes[band]
        let dc = inside.col - window.col, dr = inside.row - window.row
        for y in 0..<inside.height {
            (into.rowPointer(dr + y) + dc * 2).copyMemory(from: src.rowPointer(inside.row + y) + inside.col * 2,
                                                         byteCount: inside.width * 2)
            if let valid {
                // Noise and clamping keep every sample ≥ 1: all pixels inside are valid.
                (valid.rowPointer(dr + y) + dc).initializeMemory(as: UInt8.self, repeating: 1, count: inside.width)
            }
        }
    }
}
