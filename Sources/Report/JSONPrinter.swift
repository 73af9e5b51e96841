/// Writes ``JSONValue`` trees with a fixed, reviewable layout (golden files depend on it).
///
/// Pretty layout: two-space indentation; a value is written on one line when it holds no
/// object (coordinate arrays, bboxes) or is an object of at most four scalar members
/// (`pixel`, `registration`). Non-finite numbers are written as `null` (JSON has no NaN).
public enum JSONPrinter {
    /// The whole value on one line (`", "` and `": "` separators).
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        writeInline(value, into: &out)
        return out
    }

    /// Indented layout, no trailing newline.
    public static func pretty(_ value: JSONValue) -> String {
        var out = ""
        writePretty(value, indent: 0, into: &out)
        return out
    }

    private static func isInline(_ v: JSONValue) -> Bool {
        switch v {
        case .array(let a): return a.allSatisfy { !containsObject($0) }
        case .object(let m): return m.count <= 4 && m.allSatisfy { isScalar($0.value) }
        default: return true
        }
    }

    private static func isScalar(_ v: JSONValue) -> Bool {
        switch v {
        case .array, .object: false
        default: true
        }
    }

    private static func containsObject(_ v: JSONValue) -> Bool {
        switch v {
        case .object: true
        case .array(let a): a.contains { containsObject($0) }
        default: false
        }
    }

    private static func writePretty(_ v: JSONValue, indent: Int, into out: inout String) {
        if isInline(v) {
            writeInline(v, into: &out)
            return
        }
        let pad = String(repeating: " ", count: indent + 2)
        let closePad = String(repeating: " ", count: indent)
        switch v {
        case .array(let a):
            out += "[\n"
            for (i, e) in a.enumerated() {
                out += pad
                writePretty(e, indent: indent + 2, into: &out)
                out += i + 1 < a.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .object(let m):
            out += "{\n"
            for (i, e) in m.enumerated() {
                out += pad
                writeString(e.key, into: &out)
                out += ": "
                writePretty(e.value, indent: indent + 2, into: &out)
                out += i + 1 < m.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        default:
            writeInline(v, into: &out)
        }
    }

    private static func writeInline(_ v: JSONValue, into out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d): out += formatShortest(d)
        case .fixed(let d, let n): out += formatFixed(d, decimals: n)
        case .string(let s): writeString(s, into: &out)
        case .array(let a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += ", " }
                writeInline(e, into: &out)
            }
            out += "]"
        case .object(let m):
            out += "{"
            for (i, e) in m.enumerated() {
                if i > 0 { out += ", " }
                writeString(e.key, into: &out)
                out += ": "
                writeInline(e.value, into: &out)
            }
            out += "}"
        }
    }

    /// JSON string literal with the escapes RFC 8259 requires.
    public static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }

    /// Shortest round-trip form; integral values keep `.0` so readers infer a real type.
    static func formatShortest(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return "0.0" }
        return d.description
    }

    private static let powersOfTen: [Double] = (0...15).map { var p = 1.0; for _ in 0..<$0 { p *= 10 }; return p }

    /// `d` with exactly `decimals` digits after the point (half away from zero), no
    /// exponent, no negative zero. Locale-independent.
    static func formatFixed(_ d: Double, decimals: Int) -> String {
        guard d.isFinite else { return "null" }
        let n = min(max(decimals, 0), 15)
        let scaled = (d * powersOfTen[n]).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 9e15 else { return formatShortest(d) }
        let i = Int64(scaled)
        if n == 0 { return String(i == 0 ? 0 : i) + ".0" }
        let negative = i < 0
        var digits = String(i.magnitude)
        if digits.count <= n { digits = String(repeating: "0", count: n - digits.count + 1) + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -n)
        return (negative ? "-" : "") + digits[..<cut] + "." + digits[cut...]
    }
}
