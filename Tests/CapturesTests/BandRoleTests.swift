import Testing
@testable import Captures

@Suite struct BandRoleTests {
    @Test(arguments: [("B03", "green"), ("b3", "green"), ("B08", "nir"), ("B8A", "nir08"), ("NIR", "nir"),
                      ("Green", "green"), ("near infrared", "nir"), ("swir16", "swir16"), ("B11", "swir16")])
    func parses(text: String, role: String) { #expect(BandRole.parse(text) == role) }

    @Test(arguments: ["", "Band 1", "B13", "B0", "gray", "alpha"])
    func rejects(text: String) { #expect(BandRole.parse(text) == nil) }

    @Test func fileNames() {
        #expect(BandRole.fromFileName("x/2023-08-22-00:00_2023-08-22-23:59_Sentinel-2_L2A_B08_(Raw).tiff") == "nir")
        #expect(BandRole.fromFileName("T31TFJ_20230822T103021_B03_10m.jp2.tif") == "green")
        #expect(BandRole.fromFileName("before.tif") == nil)
        #expect(BandRole.fromFileName("B03_B04.tif") == nil)  // ambiguous
    }

    @Test func mapping() throws {
        let m = try BandMapping(parsing: "green=2, NIR=4")
        #expect(m.roles == ["green": 2, "nir": 4])
        #expect(m.description == "green=2,nir=4")
        for bad in ["", "green", "green=0", "green=x", "green=1,green=2", "=3"] {
            #expect(throws: CaptureError.self) { try BandMapping(parsing: bad) }
        }
    }
}
