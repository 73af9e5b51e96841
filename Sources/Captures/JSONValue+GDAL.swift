import Foundation
import Report

/// `gdalinfo -json`'s conventions on Report's ``JSONValue`` (one JSON value type for the whole
/// package): non-finite numbers as the strings GDAL writes, ordered members from tuples, and
/// GDAL's layout (two-space indentation, short scalar arrays on one line, integral reals as
/// `2.0`).
extension JSONValue {
    /// A number as GDAL writes it: non-finite values as the strings "NaN", "Infinity", "-Infinity".
    public static func gdalNumber(_ v: Double) -> JSONValue {
        if v.isNaN { return .string("NaN") }
        if v.isInfinite { return .string(v > 0 ? "Infinity" : "-Infinity") }
        return .number(v)
    }

    /// An object from `(key, value)` pairs, in order.
    public static func members(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(pairs.map { JSONMember($0.0, $0.1) })
    }

    /// GDAL's layout, pretty-printed from `indent`, or on one line when `compact`.
    public func serialized(indent: Int = 0, compact: Bool = false) -> String {
        var out = ""
        if compact { writeCompact(to: &out) } else { write(to: &out, indent: indent) }
        return out
    }

    private func writeCompact(to out: inout String) {
        switch self {
        case .array(let items):
            out += "["
            for (i, v) in items.enumerated() {
                if i > 0 { out += "," }
                v.writeCompact(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += "," }
                JSONPrinter.writeString(m.key, into: &out)
                out += ":"
                m.value.writeCompact(to: &out)
            }
            out += "}"
        default:
            write(to: &out, indent: 0)
        }
    }

    private func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d), .fixed(let d, _):
            if !d.isFinite { out += "null" }
            else if d == d.rounded(), abs(d) < 1e15 { out += String(format: "%.1f", d) }
            else { out += "\(d)" }
        case .string(let s): JSONPrinter.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            // Short arrays of scalars stay on one line.
            if items.count <= 6, items.allSatisfy({ $0.isScalarValue }) {
                out += "[" + items.map { $0.serialized() }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += pad
                v.write(to: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += end + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, m) in members.enumerated() {
                out += pad
                JSONPrinter.writeString(m.key, into: &out)
                out += ": "
                m.value.write(to: &out, indent: indent + 1)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += end + "}"
        }
    }

    private var isScalarValue: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}
