/// FNV-1a, 64 bit: a tiny hash that is the same on every platform and every run (unlike
/// `Hasher`, which is seeded per process). Used for feature ids, not for security.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(bytes: some Sequence<UInt8>) {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x0000_0100_0000_01b3
        }
    }

    /// Adds a string, followed by a 0 separator so `"ab","c"` ≠ `"a","bc"`.
    public mutating func combine(_ s: String) {
        combine(bytes: s.utf8)
        combine(bytes: [0])
    }

    /// Adds an integer (little-endian, 8 bytes).
    public mutating func combine(_ v: Int64) {
        withUnsafeBytes(of: v.littleEndian) { combine(bytes: $0) }
    }

    /// 16 lower-case hex digits.
    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// Degrees rounded to 1e-7 (the output precision) as an integer.
    static func roundedDegrees(_ d: Double) -> Int64 {
        guard d.isFinite else { return Int64.min }
        return Int64((d * 1e7).rounded())
    }

    /// Adds inputs and parameters in a canonical order (parameters sorted by key).
    static func combineRun(_ h: inout StableHash, inputs: [String], parameters: [String: JSONValue]) {
        for i in inputs { h.combine(i) }
        h.combine("|")
        for k in parameters.keys.sorted() {
            h.combine(k)
            h.combine(JSONPrinter.compact(parameters[k]!))
        }
        h.combine("|")
    }
}
