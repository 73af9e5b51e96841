import Foundation
import GeoReferencing
import Raster
import RasterIO
import TestSupport
import Testing

@testable import PNGIO

/// Seeded mutations of ESRI world files: each mutant parses to an invertible, finite
/// geotransform or is refused with a `RasterIOError` naming the file.
@Suite struct WorldFileMutationTests {
    static let path = "/data/scene.pgw"
    static let valid = "10.0\n0.0\n0.0\n-10.0\n500005.0\n4999995.0\n"

    @Test func mutatedWorldFilesParseOrAreRefused() {
        var g = SplitMix64(seed: 43)
        var parsed = 0, refused = 0
        let tokens = ["nan", "NaN", "inf", "-inf", "1e400", "0", "0.0", "-0", "0x10", "1e-320", "\n\n", "; comment", "1,5"]
        for _ in 0..<3000 {
            let m = TextMutator.mutate(Array(Self.valid.utf8), extraTokens: tokens, using: &g)
            do {
                let w = try WorldFile(text: String(decoding: m, as: UTF8.self), path: Self.path)
                parsed += 1
                #expect(w.geoTransform.gdal.allSatisfy { $0.isFinite })
                #expect(w.geoTransform.inverse != nil)
            } catch let e as RasterIOError {
                refused += 1
                #expect(e.description.hasPrefix(Self.path + ": "), "\(e.description)")
                #expect(!e.description.contains("\n"), "\(e.description)")
            } catch {
                Issue.record("untyped error \(error)")
            }
        }
        #expect(parsed > 0 && refused > 0, "parsed \(parsed), refused \(refused)")
    }

    @Test(arguments: [
        ("nan\n0\n0\n-10\n0\n0\n", "line 1 is not a number"),
        ("10\n0\n0\ninf\n0\n0\n", "line 4 is not a number"),
        ("0\n0\n0\n-10\n0\n0\n", "zero pixel size"),
        ("10\n10\n10\n10\n0\n0\n", "singular"),  // rows parallel to columns: passes GDAL's zero test
        ("1e-200\n0\n0\n1e-200\n0\n0\n", "singular"),  // determinant underflows to 0
        ("10\n0\n0\n-10\n1.7e308\n0\n", nil),  // a far origin is still a transform
        ("1.5e308\n0\n0\n-10\n-1.7e308\n0\n", "singular"),  // corner = C − A/2 overflows
        ("10\n0.5\n0.5\n-10\n0\n0\n", nil),  // rotation is read (the pipeline refuses it later)
        ("10\n0\n0\n-10\n0\n", "5 lines"),
    ] as [(String, String?)])
    func hostileWorldFiles(text: String, refusal: String?) {
        do {
            _ = try WorldFile(text: text, path: Self.path)
            #expect(refusal == nil, "parsed, expected \(refusal ?? "")")
        } catch {
            #expect(refusal != nil && "\(error)".contains(refusal!), "\(error)")
        }
    }
}
