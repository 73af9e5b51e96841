import Foundation
import Raster
import Report
import TestSupport
import Testing

/// Seeded mutation tests of the JSON text inputs of `eval` (truth and candidate files, also
/// `.geojsons` sequences and `--explain` labels): every mutant either parses or is refused
/// with a ``ReportError`` whose message starts with the file name — never a trap, a hang or
/// a stack overflow. Parsed mutants are then evaluated against the valid document, so odd
/// values that parse (huge numbers, duplicate keys) must not trap the evaluation either.
@Suite struct JSONMutationTests {
    static let name = "fuzz.geojson"
    static let jsonTokens = [
        "\"type\":", "\"Feature\"", "\"FeatureCollection\"", "\"features\":", "\"geometry\":", "\"coordinates\":",
        "\"properties\":", "\"kind\":\"vessel\",", "\"lon\":", "\"lat\":", "\"lon\":1e308,", "\"lat\":-1e308,",
        "\"vessels\":", "\"time\":\"2024-02-31T25:00:00Z\",", "\"capture\":\"sideways\",", "\u{1E}",
        "\"type\":\"Point\",\"coordinates\":[1e300,0]", "\"type\":\"Polygon\",\"coordinates\":[[]]",
        "\"type\":\"MultiPolygon\",\"coordinates\":[[]]", "\"alongside\":{\"counts\":{\"x\":1.5}},",
    ]

    static let validDocument = GeoJSONWriter.encode(ReportFixtures.sampleDocument())

    /// Parses or refuses with a message naming the file; returns the document when it parsed.
    static func decodeOrRefuse(_ bytes: [UInt8]) -> FeatureCollectionDocument? {
        do {
            return try GeoJSONReader.decode(bytes, name: name)
        } catch {
            #expect(error.description.hasPrefix(name + ": "), "\(error.description)")
            #expect(!error.description.contains("\n"))
            return nil
        }
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func mutatedCandidateFilesParseOrAreRefused(seed: UInt64) throws {
        let valid = Array(Self.validDocument.utf8)
        let reference = try GeoJSONReader.decode(valid, name: Self.name)
        var g = SplitMix64(seed: seed)
        var parsed = 0, refused = 0
        for _ in 0..<1000 {
            let m = TextMutator.mutate(valid, extraTokens: Self.jsonTokens, using: &g)
            if let doc = Self.decodeOrRefuse(m) {
                parsed += 1
                // Whatever parsed must be usable downstream: no trap, no endless matching.
                _ = try? Evaluation.evaluate(truth: doc, candidates: reference, toleranceM: 100, sameCapture: true)
                _ = try? Evaluation.evaluate(truth: reference, candidates: doc, toleranceM: 1e9, sameCapture: false)
            } else {
                refused += 1
            }
        }
        #expect(parsed > 0 && refused > 0, "parsed \(parsed), refused \(refused)")
    }

    @Test func mutatedSequencesParseOrAreRefused() throws {
        let valid = [UInt8](GeoJSONSeqWriter.encode(ReportFixtures.sampleDocument()))
        var g = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let m = TextMutator.mutate(valid, extraTokens: Self.jsonTokens, using: &g)
            _ = Self.decodeOrRefuse(m)
        }
    }

    /// The raw parser alone, on the smaller, denser document a truth file often is.
    @Test func mutatedTruthFilesParseOrAreRefused() {
        let truth = #"""
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [103.8, 1.2]},
           "properties": {"kind": "sts_candidate", "capture": "after", "time": "2024-05-02T10:31:12Z", "note": "caf\u00e9 \ud83d\ude80"}},
          {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[5, 53], [5.01, 53], [5.01, 53.01], [5, 53]]]},
           "properties": {"label": "cloud", "lon": 5.005, "lat": 53.005, "score": 0.5e0}}
        ]}
        """#
        let valid = Array(truth.utf8)
        var g = SplitMix64(seed: 11)
        for _ in 0..<1500 {
            let m = TextMutator.mutate(valid, extraTokens: Self.jsonTokens, using: &g)
            if let doc = Self.decodeOrRefuse(m) {
                _ = try? Evaluation.evaluate(truth: doc, candidates: doc, toleranceM: 50, sameCapture: true)
            }
            do { _ = try JSONParser.parse(m) } catch {
                #expect(error.line >= 1 && error.column >= 1)
            }
        }
    }

    // MARK: Specific hostile shapes

    @Test(arguments: ["[", "{\"a\":", "[{\"b\":", "{\"type\":\"Feature\",\"properties\":"])
    func hundredThousandDeepNestingIsRefusedWithoutOverflow(opener: String) {
        let deep = Array(String(repeating: opener, count: 100_000).utf8)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
        let refused = Self.decodeOrRefuse(deep)
        #expect(refused == nil)
        // Closed properly it is still too deep.
        let closer = opener.hasPrefix("[") && opener.count == 1 ? "]" : ""
        if !closer.isEmpty {
            let balanced = Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
            do { _ = try JSONParser.parse(balanced); Issue.record("100 000-deep array parsed") } catch {
                #expect(error.reason.contains("nesting deeper"))
            }
        }
        // Just under the limit parses (and is torn down without recursion trouble).
        let ok = String(repeating: "[", count: JSONParser.maxDepth - 1) + String(repeating: "]", count: JSONParser.maxDepth - 1)
        #expect((try? JSONParser.parse(ok)) != nil)
    }

    @Test(arguments: [
        // (text, fragment of the refusal, or nil when it must parse)
        (#"[NaN]"#, "unexpected character"),
        (#"[Infinity]"#, "unexpected character"),
        (#"[-Infinity]"#, "invalid number"),
        (#"[1e999]"#, "out of range"),
        (#"[-1e999]"#, "out of range"),
        ("[" + String(repeating: "9", count: 400) + "]", "out of range"),
        ("[" + String(repeating: "9", count: 100) + "]", nil),  // a finite Double
        (#"[1e-99999]"#, nil),  // underflows to 0
        (#"["\ud800"]"#, nil),  // lone high surrogate: U+FFFD
        (#"["\udc00x"]"#, nil),  // lone low surrogate: U+FFFD
        (#"["\ud800\u0041"]"#, "surrogate"),
        (#"["\ud800\"#, "unterminated"),
        (#"["\u12"]"#, "\\u escape"),
        (#"{"a": 1, "a": 2}"#, nil),  // duplicate keys: the first wins on lookup
        ("[\"\u{0}\"]", "control character"),
        ("[1 2]", "expected ','"),
        ("", "unexpected end"),
    ] as [(String, String?)])
    func hostileScalars(text: String, refusal: String?) {
        do {
            _ = try JSONParser.parse(text)
            #expect(refusal == nil, "parsed, expected a refusal containing \(refusal ?? "")")
        } catch {
            #expect(refusal != nil && error.reason.contains(refusal!), "\(error.reason)")
        }
    }

    @Test func duplicateKeysTakeTheFirstAndLoneSurrogatesBecomeReplacementCharacters() throws {
        let v = try JSONParser.parse(#"{"a": 1, "a": "two", "s": "\ud800|\udfff"}"#)
        #expect(v["a"] == .int(1))
        #expect(v["s"]?.stringValue == "\u{FFFD}|\u{FFFD}")
    }

    /// Regression: a `lon`/`lat` property far outside the globe (finite, so the parser takes
    /// it) is refused like an out-of-range geometry position, naming file and feature.
    @Test(arguments: [#""lon": 1e300, "lat": 0"#, #""lon": 0, "lat": -91"#, #""lon": 181, "lat": 0"#])
    func outOfRangeCentrePropertiesAreRefused(members: String) {
        for kind in ["sts_candidate", "vessel"] {
            let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"kind":"\#(kind)", \#(members)}}]}"#
            do {
                _ = try GeoJSONReader.decode(Array(text.utf8), name: Self.name)
                Issue.record("\(kind) with \(members) was read")
            } catch {
                #expect(error.description.hasPrefix(Self.name + ": feature 0: "), "\(error.description)")
                #expect(error.description.contains("outside"), "\(error.description)")
            }
        }
    }
}
