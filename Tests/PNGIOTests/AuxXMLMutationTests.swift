import Foundation
import GeoReferencing
import Raster
import RasterIO
import TestSupport
import Testing

@testable import PNGIO

/// Seeded mutations of a GDAL `.aux.xml` sidecar: each mutant parses or is refused with a
/// `RasterIOError` naming the sidecar — never a trap, nor time quadratic in the file.
@Suite struct AuxXMLMutationTests {
    static let path = "/data/scene.png.aux.xml"
    static let valid = """
    <PAMDataset>
      <SRS dataAxisToSRSAxisMapping="1,2">PROJCS["WGS 84 / UTM zone 31N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",3],UNIT["metre",1],AUTHORITY["EPSG","32631"]] &amp; &lt;x&gt; &#x41;&#66;</SRS>
      <GeoTransform>  5.0000000000000000e+05,  1.0000000000000000e+01,  0.0000000000000000e+00,  5.0000000000000000e+06,  0.0000000000000000e+00, -1.0000000000000000e+01</GeoTransform>
      <Metadata><MDI key="AREA_OR_POINT">Area</MDI></Metadata>
      <PAMRasterBand band="1"><SRS>EPSG:4326</SRS><GeoTransform>0,1,0,0,0,1</GeoTransform></PAMRasterBand>
    </PAMDataset>
    """

    @Test func validSidecarParses() throws {
        let a = try AuxXML(text: Self.valid, path: Self.path)
        #expect(a.geoTransform == GeoTransform(originX: 500_000, originY: 5_000_000, pixelWidth: 10, pixelHeight: -10))
        #expect(a.srs?.hasSuffix("& <x> AB") == true)
    }

    @Test func mutatedSidecarsParseOrAreRefused() {
        var g = SplitMix64(seed: 41)
        var parsed = 0, refused = 0
        let tokens = ["<SRS>", "</SRS>", "<GeoTransform>", "</GeoTransform>", "<PAMRasterBand>", "</PAMRasterBand>",
                      "0,0,0,0,0,0", "1,nan,0,0,0,1", "&#xFFFFFFFF;", "&#xD800;", "<SRS/>", "<PAMDataset>"]
        for _ in 0..<1500 {
            let m = TextMutator.mutate(Array(Self.valid.utf8), extraTokens: tokens, using: &g)
            do {
                _ = try AuxXML(text: String(decoding: m, as: UTF8.self), path: Self.path)
                parsed += 1
            } catch let e as RasterIOError {
                refused += 1
                #expect(e.description.hasPrefix(Self.path + ": "), "\(e.description)")
            } catch {
                Issue.record("untyped error \(error)")
            }
        }
        #expect(parsed > 0 && refused > 0, "parsed \(parsed), refused \(refused)")
    }

    /// Regression: a zero or singular <GeoTransform> was accepted (every pixel at one point).
    @Test(arguments: ["0,0,0,0,0,0", "5,10,0,7,0,0", "0,1,1,0,1,1", "0,1e-320,0,0,0,-1e-320"])
    func singularGeoTransformIsRefused(numbers: String) {
        #expect {
            _ = try AuxXML(text: "<PAMDataset><GeoTransform>\(numbers)</GeoTransform></PAMDataset>", path: Self.path)
        } throws: { e in
            (e as? RasterIOError)?.description.hasPrefix(Self.path + ": georeferencing: <GeoTransform>") == true
        }
    }

    /// Regression: 10⁵ band sections and 10⁶ '&' without ';' used to take time quadratic in
    /// their number (sections removed one by one from the start of the text; each '&' scanned
    /// for a ';' to the end). Both are now one pass.
    @Test func manySectionsAndAmpersandsAreLinear() throws {
        let bands = String(repeating: "<PAMRasterBand band=\"1\"><SRS>x</SRS></PAMRasterBand>", count: 100_000)
        let a = try AuxXML(text: "<PAMDataset>" + bands + "<SRS>EPSG:4326</SRS></PAMDataset>", path: Self.path)
        #expect(a.srs == "EPSG:4326")
        let amps = String(repeating: "&", count: 1_000_000)
        let b = try AuxXML(text: "<PAMDataset><SRS>" + amps + "</SRS></PAMDataset>", path: Self.path)
        #expect(b.srs?.utf8.count == 1_000_000)
    }
}
