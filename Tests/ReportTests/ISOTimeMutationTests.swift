import Foundation
import Raster
import Report
import TestSupport
import Testing

/// Seeded mutations of ISO 8601 times (`--before-time`, `--after-time`, `time` properties):
/// each either parses to a time that formats back to the same instant, or is refused (nil) —
/// never a trap, and never a silently normalised calendar date.
@Suite struct ISOTimeMutationTests {
    static let valid = ["2024-05-01T10:30:00Z", "2024-02-29T23:59:59.999+05:30", "1999-12-31 00:00:00", "2024-05-01T10:30:00.5-00:00"]

    @Test func mutatedTimesParseOrAreRefused() {
        var g = SplitMix64(seed: 5)
        var parsed = 0
        for k in 0..<4000 {
            let m = TextMutator.mutate(Array(Self.valid[k % Self.valid.count].utf8),
                                       extraTokens: ["-02-30", "-13-", "T24:", ":60", ":61", "+24:00", "-99:99", ".", "z", "t"],
                                       using: &g)
            let text = String(decoding: m, as: UTF8.self)
            guard let d = ISOTime.parse(text) else { continue }
            parsed += 1
            // Round trip: the formatted instant reads back to the same instant (ms precision).
            let back = ISOTime.parse(ISOTime.format(d))
            #expect(back.map { abs($0.timeIntervalSince(d)) < 0.001 } == true, "\(text)")
            // A plain YYYY-MM-DDTHH:MM:SSZ that parsed formats back to itself (no normalisation).
            if text.utf8.count == 20, text.hasSuffix("Z"), !text.contains(":60") {
                #expect(ISOTime.format(d) == text.replacingOccurrences(of: " ", with: "T").replacingOccurrences(of: "t", with: "T"),
                        "\(text)")
            }
        }
        #expect(parsed > 0)
    }

    /// Regression: impossible calendar dates and zone offsets were accepted and silently
    /// normalised (2024-02-30 read as 1 March; +99:99 as a 100-hour shift).
    @Test(arguments: ["2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2100-02-29T12:00:00Z",
                      "2024-05-01T10:30:00+24:00", "2024-05-01T10:30:00-05:60", "2024-05-01T10:30:00+99:99"])
    func impossibleDatesAreRefused(text: String) {
        #expect(ISOTime.parse(text) == nil)
    }

    @Test(arguments: ["2024-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2024-04-30T00:00:00Z", "2024-05-01T10:30:00+23:59"])
    func possibleDatesAreRead(text: String) {
        #expect(ISOTime.parse(text) != nil)
    }
}
