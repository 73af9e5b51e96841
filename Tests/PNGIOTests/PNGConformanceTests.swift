import Foundation
import PNGIO
import Raster
import RasterIO
import Testing
import TestSupport

/// Every PngSuite, libpng test and sen2ships PNG in ../shared/data, read by PNGDataset and
/// compared with what `gdalinfo -json -checksum` says (the table `gdal-png-reference.tsv`,
/// made by scripts/png-gdal-reference.sh; a sample is re-checked against the live gdalinfo):
/// size, bands, types, colour interpretation, colour table size, nodata and per-band
/// checksums. Files GDAL refuses (or cannot decode) must be refused too, with a one-line
/// message naming the file.
@Suite struct PNGConformanceTests {
    static let files: [String] = {
        (SharedData.files(under: "pngsuite", extensions: ["png"])
            + SharedData.files(under: "libpng-contrib", extensions: ["png"])
            + SharedData.files(under: "sen2ships", extensions: ["png"])).map(SharedData.relative)
    }()

    /// Every 12th file, plus every file GDAL fails on: re-run through the live gdalinfo.
    static let liveSample: [String] = files.enumerated().filter { i, f in
        i % 12 == 0 || (GDALReference.table.rows[f] ?? nil) == nil
    }.map(\.1)

    @Test("shared data is present and the reference table covers it") func dataPresent() throws {
        try #require(SharedData.dataRoot != nil, Comment(rawValue: SharedData.absentMessage))
        #expect(Self.files.count > 300)
        let missing = Self.files.filter { GDALReference.table.rows[$0] == nil }
        #expect(missing.isEmpty, "not in gdal-png-reference.tsv (run scripts/png-gdal-reference.sh): \(missing.prefix(5))")
    }

    @Test("matches gdalinfo", arguments: files)
    func matchesGDAL(_ relative: String) throws {
        guard let root = SharedData.dataRoot, let entry = GDALReference.table.rows[relative] else { return }
        let path = root.appendingPathComponent(relative).path

        let outcome: Result<(PNGDataset, [PlaneBuffer]), RasterIOError>
        do {
            let ds = try PNGDataset.open(path: path)
            outcome = .success((ds, try ds.decodedPlanes()))
        } catch let e as RasterIOError {
            outcome = .failure(e)
        }

        let gdalDecodes = entry.map { r in r.bands.allSatisfy { $0.checksum != nil && $0.checksum != -1 } } ?? false
        switch outcome {
        case .failure(let error):
            let message = error.description
            #expect(!gdalDecodes, "GDAL reads \(relative) but PNGDataset refused it: \(message)")
            #expect(message.hasPrefix(path), "message names the file: \(message)")
            #expect(!message.contains("\n"), "one-line message: \(message)")
        case .success(let (ds, planes)):
            guard gdalDecodes, let ref = entry else {
                Issue.record("PNGDataset read \(relative) but GDAL \(entry == nil ? "cannot open it" : "cannot decode it")")
                return
            }
            #expect(ds.info.width == ref.width && ds.info.height == ref.height)
            try #require(ds.info.bands.count == ref.bands.count, "band count \(ds.info.bands.count) vs GDAL \(ref.bands.count)")
            let swapped = ds.header.interlaced && ds.header.bitDepth == 16
                && GDALReference.swaps16BitInterlaced(version: GDALReference.table.version)
            for (i, (mine, theirs)) in zip(ds.info.bands, ref.bands).enumerated() {
                #expect(mine.sampleType.gdalName == theirs.type, "band \(i + 1) type")
                #expect(mine.colorInterpretation.rawValue == theirs.colorInterpretation, "band \(i + 1) colour interpretation")
                #expect(mine.noData == theirs.noData, "band \(i + 1) nodata \(String(describing: mine.noData)) vs GDAL \(String(describing: theirs.noData))")
                #expect(mine.palette?.count == theirs.paletteCount, "band \(i + 1) colour table size")
                // GDAL before 3.10.1 returns 16-bit Adam7 samples byte-swapped (OSGeo/gdal#11553):
                // compare with what that bug produces, so the rest of the comparison stays exact.
                let plane = swapped ? byteSwapped(planes[i]) : planes[i]
                #expect(gdalChecksum(plane) == theirs.checksum, "band \(i + 1) checksum")
            }
        }
    }

    @Test("the reference table agrees with the installed gdalinfo", arguments: liveSample)
    func tableIsCurrent(_ relative: String) throws {
        guard let root = SharedData.dataRoot, GDALReference.available,
              GDALReference.liveVersion == GDALReference.table.version else { return }
        let live = try GDALReference.info(root.appendingPathComponent(relative).path)
        let stored = GDALReference.table.rows[relative] ?? nil
        #expect(live?.width == stored?.width && live?.height == stored?.height)
        #expect(live?.bands == stored?.bands, "regenerate with scripts/png-gdal-reference.sh")
    }

    @Test("text chunks become the same metadata as in gdalinfo",
          arguments: ["ct0n0g04", "ct1n0g04", "cten0g04", "ctfn0g04", "ctgn0g04", "cthn0g04", "ctjn0g04", "ctzn0g04"])
    func textMetadata(_ name: String) throws {
        guard let root = SharedData.dataRoot, GDALReference.available else { return }
        let path = root.appendingPathComponent("pngsuite/png/\(name).png").path
        let run = try ToolRun.run("gdalinfo", ["-json", path])
        let obj = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]
        let gdal = (obj?["metadata"] as? [String: Any])?[""] as? [String: String] ?? [:]
        let ds = try PNGDataset.open(path: path)
        #expect(ds.info.metadata == gdal)
    }

    private func byteSwapped(_ plane: PlaneBuffer) -> PlaneBuffer {
        let out = PlaneBuffer(width: plane.width, height: plane.height, sampleType: .uint16)
        let src = plane.view(as: UInt16.self), dst = out.view(as: UInt16.self)
        for y in 0..<plane.height { for x in 0..<plane.width { dst[x, y] = src[x, y].byteSwapped } }
        return out
    }
}
