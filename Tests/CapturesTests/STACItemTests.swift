import Foundation
import Testing
@testable import Captures

@Suite struct STACItemTests {
    static let item = """
    {
      "type": "Feature", "stac_version": "1.0.0", "id": "S2B_T31TFJ_20230822",
      "properties": {"datetime": "2023-08-22T10:31:02.024Z", "proj:epsg": 32631},
      "geometry": null,
      "assets": {
        "thumbnail": {"href": "thumb.png", "type": "image/png", "roles": ["thumbnail"]},
        "red": {"href": "B04.tif", "type": "image/tiff; application=geotiff",
                "eo:bands": [{"name": "B04", "common_name": "red"}]},
        "green": {"href": "./bands/B03.tif", "type": "image/tiff; application=geotiff",
                  "eo:bands": [{"name": "B03", "common_name": "green"}]},
        "nir": {"href": "file:///abs/B08.tif", "eo:bands": [{"name": "B08"}]},
        "metadata": {"href": "meta.xml", "type": "application/xml", "roles": ["metadata"]}
      }
    }
    """

    @Test func parsesAssetsInDocumentOrder() throws {
        let s = try STACItem(json: Data(Self.item.utf8), path: "/scenes/item.json")
        #expect(s.id == "S2B_T31TFJ_20230822")
        #expect(s.assets.map(\.key) == ["red", "green", "nir"])
        #expect(s.assets.map(\.path) == ["/scenes/B04.tif", "/scenes/bands/B03.tif", "/abs/B08.tif"])
        #expect(s.assets.map(\.bandRoles) == [["red"], ["green"], ["nir"]])
        #expect(s.epsg == 32631)
        #expect(CaptureTime.format(try #require(s.datetime)) == "2023-08-22T10:31:02Z")
        #expect(STACItem.identify(Array(Self.item.utf8)))
        #expect(!STACItem.identify(Array("[1, 2]".utf8)))
    }

    @Test(arguments: [
        (#"{"type": "Feature", "assets": {"a": {"href": "https://x.org/a.tif"}}}"#, "remote"),
        (#"{"type": "FeatureCollection", "features": []}"#, "FeatureCollection"),
        (#"{"type": "Feature", "properties": {}}"#, "no \"assets\""),
        (#"{"type": "Feature", "assets": {"a": {"href": "a.xml", "type": "application/xml"}}}"#, "no raster assets"),
        (#"{"type": "Feature", "properties": {"datetime": "soon"}, "assets": {"a": {"href": "a.tif"}}}"#, "RFC 3339"),
        ("{\"type\": ", "invalid JSON"),
    ])
    func refusesWithReason(json: String, reason: String) {
        do {
            _ = try STACItem(json: Data(json.utf8), path: "/x/item.json")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains(reason), "\(error)")
            #expect("\(error)".hasPrefix("/x/item.json: "))
        }
    }
}
