/// A JSON value with ordered object members, so written files have a fixed key order.
///
/// Numbers come in three kinds: `int` (written without a decimal point), `number`
/// (shortest round-trip form, always with a decimal point or exponent) and `fixed`
/// (a set number of decimals, e.g. 7 for coordinates). The parser returns `int` for
/// literals without fraction or exponent and `number` for the rest.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case fixed(Double, decimals: Int)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The numeric value of `int`, `number` or `fixed`.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .number(let d), .fixed(let d, _): d
        default: nil
        }
    }

    /// The value of `int`, or of an integral `number`.
    public var intValue: Int? {
        switch self {
        case .int(let i): i
        case .number(let d), .fixed(let d, _):
            d.rounded() == d && abs(d) < 9e15 ? Int(d) : nil
        default: nil
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectMembers: [JSONMember]? {
        if case .object(let m) = self { return m }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// Member `key` of an object (the first, if repeated); `nil` if absent or not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// An object from members in the given order.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { JSONMember($0.key, $0.value) })
    }

    /// `.fixed`, or `.null` when `value` is nil or not finite.
    public static func fixedOrNull(_ value: Double?, decimals: Int) -> JSONValue {
        guard let v = value, v.isFinite else { return .null }
        return .fixed(v, decimals: decimals)
    }

    /// A short name of the JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .number, .fixed: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
}
