import Foundation
import GeoReferencing
import Raster
import RasterIO
import Testing
import TestSupport
@testable import GeoTIFF

/// Every TIFF under ../shared/data: opening and reading must never crash; where GDAL opens
/// the file, size, types, geotransform, nodata, EPSG and every band checksum must agree with
/// `gdalinfo -json -checksum` (except the disagreements listed in docs/geotiff.md).
@Suite struct GDALConformanceTests {
    static let files: [String] = SharedData.files(under: "", extensions: ["tif", "tiff"])
        .filter { !$0.contains("/fuzz_images/") }

    @Test func sharedDataPresent() {
        guard SharedData.dataRoot != nil else { print(SharedData.absentMessage); return }
        #expect(Self.files.count > 100)
    }

    @Test(arguments: files)
    func matchesGDAL(path: String) throws {
        let name = SharedData.relative(path)
        let reference = GDALInfo.available ? GDALInfo.load(path, timeout: 10) : nil
        let ds: GeoTIFFDataset
        do { ds = try GeoTIFFDataset.open(path: path) } catch {
            if let reference, KnownDisagreements.reason(name) == nil, !reference.bands.isEmpty {
                Issue.record("\(name): GDAL opens it (\(reference.width)×\(reference.height)) but we refuse: \(error)")
            }
            return
        }
        var checksums: [Int?] = []
        for b in 0..<ds.info.bands.count {
            checksums.append(Self.checksum(ds, band: b))
        }
        guard let ref = reference else { return }
        if let reason = KnownDisagreements.reason(name) { print("\(name): known disagreement: \(reason)"); return }
        let info = ds.info
        #expect(info.width == ref.width && info.height == ref.height, "\(name): size")
        #expect(info.bands.count == ref.bands.count, "\(name): band count \(info.bands.count) vs GDAL \(ref.bands.count)")
        guard info.bands.count == ref.bands.count else { return }
        for (i, rb) in ref.bands.enumerated() {
            let ours = info.bands[i]
            #expect(Self.gdal36TypeName(ours.sampleType) == rb.type, "\(name) band \(i + 1): type \(ours.sampleType) vs \(rb.type)")
            if rb.checksum == -1 {
                #expect(checksums[i] == nil, "\(name) band \(i + 1): GDAL cannot read it, we read checksum \(checksums[i] ?? 0)")
            } else if let c = rb.checksum { #expect(checksums[i] == c, "\(name) band \(i + 1): checksum \(checksums[i].map(String.init) ?? "read error") vs GDAL \(c)") }
            #expect(Self.sameNoData(ours.noData, rb.noData), "\(name) band \(i + 1): nodata \(String(describing: ours.noData)) vs \(String(describing: rb.noData))")
            #expect([ours.blockWidth, ours.blockHeight] == rb.block, "\(name) band \(i + 1): block \(ours.blockWidth)x\(ours.blockHeight) vs \(rb.block)")
            #expect(ours.description == (rb.description ?? ""), "\(name) band \(i + 1): description '\(ours.description)' vs '\(rb.description ?? "")'")
            if let table = rb.colorTable {
                let ours = (ours.palette ?? []).map { [Int($0.r), Int($0.g), Int($0.b), Int($0.a)] }
                #expect(ours == table, "\(name) band \(i + 1): colour table differs (\(ours.prefix(3)) vs \(table.prefix(3)), \(ours.count) vs \(table.count) entries)")
            }
            if let ci = rb.colorInterpretation, ColorInterpretation(rawValue: ci) != nil {
                #expect(ours.colorInterpretation.rawValue == ci, "\(name) band \(i + 1): colour \(ours.colorInterpretation.rawValue) vs \(ci)")
            }
        }
        let structure = ref.metadata["IMAGE_STRUCTURE"] ?? [:]
        #expect(info.compression == structure["COMPRESSION"], "\(name): compression \(info.compression ?? "none") vs \(structure["COMPRESSION"] ?? "none")")
        #expect(info.interleave == structure["INTERLEAVE"], "\(name): interleave \(info.interleave ?? "-") vs \(structure["INTERLEAVE"] ?? "-")")
        if let gt = ref.geoTransform, gt != [0, 1, 0, 0, 0, 1] {
            if let ours = info.geoTransform?.gdal {
                #expect(zip(ours, gt).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) }, "\(name): geotransform \(ours) vs \(gt)")
            } else {
                Issue.record("\(name): GDAL has geotransform \(gt), we have none")
            }
        }
        if let code = ref.epsg { #expect(info.crs?.epsg == code, "\(name): EPSG \(String(describing: info.crs?.epsg)) vs \(code)") }
        if ref.hasCRS, info.geoTransform != nil { #expect(info.crs != nil, "\(name): GDAL has a CRS, we have none") }
    }

    /// GDAL's checksum of a band read in 256-row strips (memory flat in raster size); nil on a read error.
    static func checksum(_ ds: GeoTIFFDataset, band: Int) -> Int? {
        var c = GDALChecksum()
        var row = 0
        while row < ds.info.height {
            let h = min(256, ds.info.height - row)
            guard let strip = try? ds.read(band: band, window: Window(col: 0, row: row, width: ds.info.width, height: h)) else {
                return nil
            }
            c.update(strip)
            row += h
        }
        return c.value
    }

    /// GDAL 3.6's name for our sample types (signed bytes are `Byte` + PIXELTYPE=SIGNEDBYTE there).
    static func gdal36TypeName(_ t: SampleType) -> String { t == .int8 ? "Byte" : t.gdalName }

    static func sameNoData(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): (x.isNaN && y.isNaN) || x == y || abs(x - y) <= 1e-6 * abs(y)
        default: false
        }
    }
}
