import Foundation
import Raster
import TestSupport
import Testing
import Report

@testable import Captures

/// Seeded mutations of a STAC item: each mutant either parses (assets resolved to absolute
/// local paths) or is refused with a `CaptureError` naming the item — never a trap or a hang.
@Suite struct STACItemMutationTests {
    static let path = "/scenes/s2/item.json"
    static let tokens = ["\"href\":", "\"assets\":", "\"eo:bands\":", "\"common_name\":", "\"proj:epsg\":",
                         "\"proj:epsg\": 1e300,", "\"proj:epsg\": -1,", "\"datetime\":", "\"../../../etc/passwd\"",
                         "\"s3://b/k.tif\"", "\"file://\"", "\"file:///\"", "\"%ZZ.tif\"", "\"\"", "\"roles\":",
                         "\"type\": \"image/png\"", "\"type\": 7", "\"stac_version\""]

    @Test(arguments: [1 as UInt64, 2])
    func mutatedItemsParseOrAreRefused(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        var parsed = 0, refused = 0
        for _ in 0..<1000 {
            let m = TextMutator.mutate(Array(STACItemTests.item.utf8), extraTokens: Self.tokens, using: &g)
            do {
                let s = try STACItem(json: Data(m), path: Self.path)
                parsed += 1
                #expect(!s.assets.isEmpty)
                #expect(s.assets.allSatisfy { $0.path.hasPrefix("/") }, "\(s.assets.map(\.path))")
            } catch let e as CaptureError {
                refused += 1
                #expect(e.description.hasPrefix(Self.path + ": not a usable STAC item: "), "\(e.description)")
                #expect(!e.description.contains("\n"))
            } catch {
                Issue.record("untyped error \(error)")
            }
        }
        #expect(parsed > 0 && refused > 0, "parsed \(parsed), refused \(refused)")
    }

    static func item(_ assets: String, properties: String = "{}") -> Data {
        Data(#"{"type": "Feature", "stac_version": "1.0.0", "properties": \#(properties), "assets": \#(assets)}"#.utf8)
    }

    @Test(arguments: [
        // (assets, properties, fragment of the refusal)
        (#"{"a": {"href": "", "type": "image/tiff"}}"#, "{}", "empty href"),
        (#"{"a": {"href": "file://", "type": "image/tiff"}}"#, "{}", "no path"),
        (#"{"a": {"href": "file://host/x.tif"}}"#, "{}", "another host"),
        (#"{"a": {"href": 7, "type": "image/tiff"}}"#, "{}", "href"),
        (#"{"a": {"type": "image/tiff"}}"#, "{}", "no \"href\""),
        (#"{"a": "B04.tif"}"#, "{}", "not an object"),
        (#"[{"href": "B04.tif"}]"#, "{}", "no \"assets\""),
        (#"{"a": {"href": "B04.tif"}}"#, #"{"proj:epsg": 1e300}"#, "proj:epsg"),
        (#"{"a": {"href": "B04.tif"}}"#, #"{"proj:epsg": -4326}"#, "proj:epsg"),
        (#"{"a": {"href": "B04.tif"}}"#, #"{"proj:epsg": "4326"}"#, "proj:epsg"),
        (#"{"a": {"href": "B04.tif"}}"#, #"{"datetime": 20230822}"#, "datetime"),
    ])
    func hostileItemsAreRefused(assets: String, properties: String, refusal: String) {
        do {
            let s = try STACItem(json: Self.item(assets, properties: properties), path: Self.path)
            Issue.record("parsed: \(s.assets.map(\.path)), epsg \(String(describing: s.epsg))")
        } catch {
            #expect("\(error)".hasPrefix(Self.path + ": not a usable STAC item: "), "\(error)")
            #expect("\(error)".contains(refusal), "\(error)")
        }
    }

    /// Relative hrefs resolve against the item's folder, also when they leave it (`../`):
    /// STAC catalogs commonly keep assets beside the item's folder. The path is normalised.
    @Test func relativeAndEscapingHrefsResolve() throws {
        let s = try STACItem(json: Self.item(#"{"a": {"href": "../B04.tif"}, "b": {"href": "./x/%20y.tif"}}"#), path: Self.path)
        #expect(s.assets.map(\.path) == ["/scenes/B04.tif", "/scenes/s2/x/ y.tif"])
    }

    @Test(arguments: ["[", "{\"a\":"])
    func deepNestingIsRefused(opener: String) {
        let text = #"{"type": "Feature", "assets": "# + String(repeating: opener, count: 100_000)
        #expect(throws: CaptureError.self) { try STACItem(json: Data(text.utf8), path: Self.path) }
    }

    /// Many assets: document order is recovered once per key (not per comparison).
    @Test func manyAssetsKeepDocumentOrder() throws {
        let n = 3000
        let assets = (0..<n).map { #""k\#(n - $0)": {"href": "b\#($0).tif"}"# }.joined(separator: ",")
        let s = try STACItem(json: Self.item("{" + assets + "}"), path: Self.path)
        #expect(s.assets.count == n)
        #expect(s.assets.first?.key == "k\(n)" && s.assets.last?.key == "k1")
    }
}

/// Regression (found by the STAC mutation test): Foundation's ISO8601DateFormatter died with
/// SIGFPE on a fractional second thousands of digits long; `CaptureTime.parseISO8601` (STAC
/// `datetime`, `info --time`) now reads times with Report's `ISOTime` instead.
@Suite struct CaptureTimeLongFractionTests {
    @Test func longFractionIsRefusedNotACrash() {
        let text = "2023-08-22T10:31:02." + String(repeating: "0", count: 5000) + "Z"
        // RFC 3339 allows any number of fraction digits: read with ISOTime, in STAC items and `--time`.
        #expect(CaptureTime.parseISO8601(text) == ISOTime.parse("2023-08-22T10:31:02Z"))
        let item = #"{"type": "Feature", "properties": {"datetime": "\#(text)"}, "assets": {"a": {"href": "a.tif"}}}"#
        #expect((try? STACItem(json: Data(item.utf8), path: "/x/item.json"))?.datetime == ISOTime.parse("2023-08-22T10:31:02Z"))
    }
}

/// Regression (found end to end): a STAC `datetime` of 30 February was read as 2 March by
/// Foundation's formatter; items are now read with Report's strict `ISOTime`.
@Suite struct STACItemImpossibleDateTests {
    @Test(arguments: ["2025-02-30T15:17:05Z", "2025-04-31T00:00:00Z", "2025-08-01T15:17:05+99:00"])
    func impossibleDatetimeIsRefused(datetime: String) {
        let item = #"{"type": "Feature", "properties": {"datetime": "\#(datetime)"}, "assets": {"a": {"href": "a.tif"}}}"#
        #expect(throws: CaptureError.self) { try STACItem(json: Data(item.utf8), path: "/x/item.json") }
    }

    @Test(arguments: ["2024-02-29T15:17:05Z", "2023-08-22T10:31:02.024Z", "2023-08-22T12:31:02+02:00", "2023-08-22"])
    func possibleDatetimeIsRead(datetime: String) throws {
        let item = #"{"type": "Feature", "properties": {"datetime": "\#(datetime)"}, "assets": {"a": {"href": "a.tif"}}}"#
        #expect(try STACItem(json: Data(item.utf8), path: "/x/item.json").datetime != nil)
    }
}
