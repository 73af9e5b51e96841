import Foundation
import Report

/// Finding when a capture was taken. Times are UTC (a TIFF DateTime or a file-name time
/// without a zone is read as UTC).
public enum CaptureTime {
    /// Where a capture time came from, for `alongside info` and the output's `inputs`.
    public enum Source: String, Sendable, Codable {
        case given = "given"
        case stac = "STAC properties.datetime"
        case tiffDateTime = "TIFF DateTime"
        case fileName = "file name"
    }

    /// A TIFF `DateTime` ("YYYY:MM:DD HH:MM:SS"); also accepts "-" date separators and a
    /// "T" between date and time. nil when malformed or out of range.
    public static func parseTIFFDateTime(_ text: String) -> Date? {
        let s = text.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\0")))
        let digits = s.split(whereSeparator: { !$0.isNumber }).map(String.init)
        guard digits.count >= 6, digits[0].count == 4 else { return nil }
        let v = digits.prefix(6).compactMap { Int($0) }
        guard v.count == 6 else { return nil }
        return date(v[0], v[1], v[2], v[3], v[4], v[5])
    }

    /// An ISO 8601 / RFC 3339 date-time (`2023-08-22T10:31:02Z`, `…+02:00`, fractional
    /// seconds, no zone = UTC, or a bare date `2023-08-22` = midnight UTC), as STAC and
    /// `--time` use. Read by Report's ``ISOTime/parse(_:)``, so impossible dates (30 February)
    /// and offsets (+99:00) are refused the same way everywhere.
    public static func parseISO8601(_ text: String) -> Date? {
        let s = text.trimmingCharacters(in: .whitespaces)
        if let d = ISOTime.parse(s) { return d }
        if s.utf8.count == 10, let d = parseFileName(s) { return d }
        return nil
    }

    /// The first date-time found in a file name (the last path component), or nil.
    /// Recognised, in this order:
    /// - `20250314T021530` (compact ISO, as in Sentinel/Landsat product names)
    /// - `2023-08-22-00:00`, `2022-05-14-00_00` (sen2ships' `from_to` day ranges: the start)
    /// - `2023-08-22T10:31:02`, `2023-08-22T10:31`
    /// - `2023-08-22` or `20230822` alone (midnight UTC)
    public static func parseFileName(_ path: String) -> Date? {
        let name = (path as NSString).lastPathComponent
        let patterns: [(String, (Match) -> Date?)] = [
            (#"(?<![0-9])(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?![0-9])"#, { m in m.date(hasSeconds: true) }),
            (#"(?<![0-9])(\d{4})-(\d{2})-(\d{2})[T_ -](\d{2})[:_-](\d{2})(?:[:_-](\d{2}))?(?![0-9])"#, { m in m.date(hasSeconds: m.count >= 6) }),
            (#"(?<![0-9])(\d{4})-(\d{2})-(\d{2})(?![0-9])"#, { m in m.date(hasSeconds: false, hasTime: false) }),
            (#"(?<![0-9])(\d{4})(\d{2})(\d{2})(?![0-9])"#, { m in m.date(hasSeconds: false, hasTime: false) }),
        ]
        for (pattern, make) in patterns {
            guard let re = try? NSRegularExpression(pattern: pattern) else { continue }
            let ns = name as NSString
            for r in re.matches(in: name, range: NSRange(location: 0, length: ns.length)) {
                var groups: [Int] = []
                for i in 1..<r.numberOfRanges {
                    let g = r.range(at: i)
                    if g.location == NSNotFound { break }
                    guard let v = Int(ns.substring(with: g)) else { break }
                    groups.append(v)
                }
                if let d = make(Match(values: groups)) { return d }
            }
        }
        return nil
    }

    struct Match {
        var values: [Int]
        var count: Int { values.count }
        func date(hasSeconds: Bool, hasTime: Bool = true) -> Date? {
            guard values.count >= 3 else { return nil }
            let h = hasTime && values.count >= 5 ? values[3] : 0
            let mi = hasTime && values.count >= 5 ? values[4] : 0
            let s = hasSeconds && values.count >= 6 ? values[5] : 0
            return CaptureTime.date(values[0], values[1], values[2], h, mi, s)
        }
    }

    /// A UTC date from fields, nil when any is out of range (month 13, 25:00, Feb 30…):
    /// ``ISOTime/date(_:_:_:_:_:_:)``, limited to the years 1900…2200 (a file name's digits
    /// outside them are not a capture time).
    static func date(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Date? {
        guard (1900...2200).contains(y) else { return nil }
        return ISOTime.date(Int64(y), Int64(mo), Int64(d), Int64(h), Int64(mi), Int64(s))
    }

    /// ISO 8601 UTC with seconds, `2023-08-22T10:31:02Z` (the output contract's form).
    public static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
