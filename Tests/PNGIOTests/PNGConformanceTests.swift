import Foundation
import PNGIO
import Raster
import RasterIO
import Testing
import TestSupport

/// Every PngSuite and libpng test PNG in ../shared/data, read by PNGDataset and compared with
/// `gdalinfo -json -checksum`: size, bands, types, colour interpretation, colour table size,
/// nodata and per-band checksums. Files GDAL refuses (or cannot decode) must be refused too,
/// with a one-line message naming the file.
@Suite struct PNGConformanceTests {
    static let files: [String] = {
        (SharedData.files(under: "pngsuite", extensions: ["png"])
            + SharedData.files(under: "libpng-contrib", extensions: ["png"])).map(SharedData.relative)
    }()

    @Test("shared data is present") func dataPresent() throws {
        try #require(SharedData.dataRoot != nil, Comment(rawValue: SharedData.absentMessage))
        #expect(Self.files.count > 300)
    }

    @Test("matches gdalinfo", arguments: files)
    func matchesGDAL(_ relative: String) throws {
        guard let root = SharedData.dataRoot, GDALReference.available else { return }
        let path = root.appendingPathComponent(relative).path
        let ref = try GDALReference.info(path)

        let outcome: Result<(PNGDataset, [PlaneBuffer]), RasterIOError>
        do {
            let ds = try PNGDataset.open(path: path)
            outcome = .success((ds, try ds.decodedPlanes()))
        } catch let e as RasterIOError {
            outcome = .failure(e)
        }

        let gdalDecodes = ref.map { r in r.bands.allSatisfy { $0.checksum != nil && $0.checksum != -1 } } ?? false
        switch outcome {
        case .failure(let error):
            let message = error.description
            #expect(!gdalDecodes, "GDAL reads \(relative) but PNGDataset refused it: \(message)")
            #expect(message.hasPrefix(path), "message names the file: \(message)")
            #expect(!message.contains("\n"), "one-line message: \(message)")
        case .success(let (ds, planes)):
            guard gdalDecodes, let ref else {
                Issue.record("PNGDataset read \(relative) but GDAL \(ref == nil ? "cannot open it" : "cannot decode it")")
                return
            }
            #expect(ds.info.width == ref.width && ds.info.height == ref.height)
            try #require(ds.info.bands.count == ref.bands.count, "band count \(ds.info.bands.count) vs GDAL \(ref.bands.count)")
            for (i, (mine, theirs)) in zip(ds.info.bands, ref.bands).enumerated() {
                #expect(mine.sampleType.gdalName == theirs.type, "band \(i + 1) type")
                #expect(mine.colorInterpretation.rawValue == theirs.colorInterpretation, "band \(i + 1) colour interpretation")
                #expect(mine.noData == theirs.noData, "band \(i + 1) nodata \(String(describing: mine.noData)) vs GDAL \(String(describing: theirs.noData))")
                #expect(mine.palette?.count == theirs.paletteCount, "band \(i + 1) colour table size")
                // GDAL before 3.10.1 returns 16-bit Adam7 samples byte-swapped (OSGeo/gdal#11553):
                // compare with what that bug produces, so the rest of the comparison stays exact.
                let plane = ds.header.interlaced && ds.header.bitDepth == 16 && GDALReference.swaps16BitInterlaced
                    ? byteSwapped(planes[i]) : planes[i]
                #expect(gdalChecksum(plane) == theirs.checksum, "band \(i + 1) checksum")
            }
        }
    }

    private func byteSwapped(_ plane: PlaneBuffer) -> PlaneBuffer {
        let out = PlaneBuffer(width: plane.width, height: plane.height, sampleType: .uint16)
        let src = plane.view(as: UInt16.self), dst = out.view(as: UInt16.self)
        for y in 0..<plane.height { for x in 0..<plane.width { dst[x, y] = src[x, y].byteSwapped } }
        return out
    }
}
