/// Seeded mutations of a valid text document (JSON, XML, world files, times), for the
/// text-input mutation tests: each mutant is the document with one to four edits — a byte
/// replaced, a range deleted or duplicated, a token inserted or substituted (structural
/// characters, extreme numbers, `NaN`, lone surrogates, entities, path tricks), the ends
/// of two ranges swapped, or the document cut short.
///
/// Deterministic for a given generator state (the tests pass `Raster.SplitMix64`), so a
/// failing mutant is reproduced by its seed and index.
public enum TextMutator {
    /// Tokens every format gets; `extraTokens` adds the format's own.
    public static let commonTokens: [String] = [
        "[", "]", "{", "}", "\"", ",", ":", "\\", "\\u", "\\uD800", "\\uDC00", "\\uD800\\u0041", "\\u0000",
        "NaN", "Infinity", "-Infinity", "nan", "inf", "-", "-0", "0", "1e999", "-1e999", "1e-999",
        "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809", "1.7976931348623157e308",
        "4.9e-324", "0x1p3", "1e", "1.", ".5", "+1", "00", "null", "true", "false", "\"\"", "[]", "{}",
        "\n", "\r", "\t", " ", "\u{0}", "\u{7F}", "é", "\u{FEFF}", "../", "/", "//", "file://", "http://x/",
        "<", ">", "&", "&amp;", "&#x0;", "&#1114112;", "</", "/>", "T", "Z", "+99:99", "9999", "00:00",
    ]

    /// One mutant of `document`.
    public static func mutate<G: RandomNumberGenerator>(_ document: [UInt8], extraTokens: [String] = [],
                                                        using g: inout G) -> [UInt8] {
        var d = document
        let tokens = commonTokens + extraTokens
        let edits = 1 + Int(g.next() % 4)
        for _ in 0..<edits {
            func pos() -> Int { d.isEmpty ? 0 : Int(g.next() % UInt64(d.count + 1)) }
            func range() -> Range<Int> {
                let a = pos(), len = Int(g.next() % 24)
                return a..<min(d.count, a + len)
            }
            switch g.next() % 9 {
            case 0:  // replace one byte
                if !d.isEmpty { d[Int(g.next() % UInt64(d.count))] = UInt8(truncatingIfNeeded: g.next()) }
            case 1:  // delete a range
                d.removeSubrange(range())
            case 2:  // duplicate a range in place
                let r = range()
                d.insert(contentsOf: Array(d[r]), at: r.lowerBound)
            case 3, 4:  // insert a token
                let t = tokens[Int(g.next() % UInt64(tokens.count))]
                d.insert(contentsOf: Array(t.utf8), at: pos())
            case 5:  // substitute a token for a range
                let t = tokens[Int(g.next() % UInt64(tokens.count))]
                d.replaceSubrange(range(), with: Array(t.utf8))
            case 6:  // swap two ranges' bytes (as far as both reach)
                let a = range(), b = range()
                let n = min(a.count, b.count)
                for k in 0..<n { d.swapAt(a.lowerBound + k, b.lowerBound + k) }
            case 7:  // cut short
                if g.next() % 3 == 0 { d.removeSubrange(pos()..<d.count) }
            default:  // repeat one structural byte many times (deep nesting, long runs)
                let t = ["[", "{\"a\":", "[[", "0", "&", "<"][Int(g.next() % 6)]
                let n = [2, 64, 600, 5000][Int(g.next() % 4)]
                d.insert(contentsOf: Array(String(repeating: t, count: n).utf8), at: pos())
            }
        }
        return d
    }
}
