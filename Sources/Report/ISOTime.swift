import Foundation

/// ISO 8601 UTC times as the output contract writes them (`2024-05-01T10:30:00Z`,
/// milliseconds only when not zero), computed without locale or calendar state.
public enum ISOTime {
    /// `date` as `YYYY-MM-DDTHH:MM:SS[.mmm]Z`.
    public static func format(_ date: Date) -> String {
        let totalMs = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var days = totalMs / 86_400_000
        var msOfDay = totalMs % 86_400_000
        if msOfDay < 0 { msOfDay += 86_400_000; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        let s = msOfDay / 1000, ms = msOfDay % 1000
        var out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T"
        out += pad(s / 3600, 2) + ":" + pad(s / 60 % 60, 2) + ":" + pad(s % 60, 2)
        if ms != 0 { out += "." + pad(ms, 3) }
        return out + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff…][Z|±HH:MM]` (also with a space instead of `T`);
    /// a time without zone is UTC. `nil` if it is not such a time.
    public static func parse(_ text: String) -> Date? {
        let c = Array(text.utf8)
        func num(_ from: Int, _ len: Int) -> Int64? {
            guard from + len <= c.count else { return nil }
            var v: Int64 = 0
            for i in from..<from + len {
                guard c[i] >= 48 && c[i] <= 57 else { return nil }
                v = v * 10 + Int64(c[i] - 48)
            }
            return v
        }
        guard c.count >= 19, c[4] == 45, c[7] == 45, c[10] == 84 || c[10] == 32 || c[10] == 116,
              c[13] == 58, c[16] == 58,
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2),
              let h = num(11, 2), let mi = num(14, 2), let s = num(17, 2),
              let whole = date(y, mo, d, h, mi, s) else { return nil }
        var i = 19
        var frac = 0.0
        if i < c.count, c[i] == 46 {
            i += 1
            var scale = 0.1
            let start = i
            while i < c.count, c[i] >= 48 && c[i] <= 57 {
                frac += Double(c[i] - 48) * scale
                scale /= 10
                i += 1
            }
            if i == start { return nil }
        }
        var offset: Int64 = 0
        if i < c.count {
            if c[i] == 90 || c[i] == 122 {
                i += 1
            } else if c[i] == 43 || c[i] == 45 {
                guard let oh = num(i + 1, 2) else { return nil }
                var j = i + 3
                if j < c.count, c[j] == 58 { j += 1 }
                guard let om = num(j, 2), oh < 24, om < 60 else { return nil }
                offset = (oh * 60 + om) * 60 * (c[i] == 45 ? -1 : 1)
                i = j + 2
            } else {
                return nil
            }
        }
        guard i == c.count else { return nil }
        return Date(timeIntervalSince1970: whole.timeIntervalSince1970 - Double(offset) + frac)
    }

    /// The UTC time of calendar fields, or `nil` when one is out of range: month 1…12, day
    /// within the month (30 February and 31 April are refused, not carried into the next
    /// month; leap years proleptic Gregorian), hour 0…23, minute 0…59, second 0…60 (a leap
    /// second reads as the next minute's 0). The one validation of ISO times and file-name
    /// times (`CaptureTime`).
    public static func date(_ y: Int64, _ mo: Int64, _ d: Int64, _ h: Int64, _ mi: Int64, _ s: Int64) -> Date? {
        guard (1...12).contains(mo), (1...daysInMonth(y, mo)).contains(d),
              (0..<24).contains(h), (0..<60).contains(mi), (0...60).contains(s) else { return nil }
        let secs = days(fromCivil: y, mo, d) * 86_400 + h * 3600 + mi * 60 + s
        return Date(timeIntervalSince1970: Double(secs))
    }

    /// Days in month `m` (1…12) of year `y`, proleptic Gregorian (so 2024-02-30 is refused
    /// rather than read as 1 March).
    static func daysInMonth(_ y: Int64, _ m: Int64) -> Int64 {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
