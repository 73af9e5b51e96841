/// Errors of the georeferencing layer.
public enum GeoError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidCRS(definition: String, reason: String)
    case transformFailed(reason: String)
    case noGeoreferencing(what: String)

    public var description: String {
        switch self {
        case .invalidCRS(let d, let r): "invalid CRS \(d.prefix(80)): \(r)"
        case .transformFailed(let r): "coordinate transformation failed: \(r)"
        case .noGeoreferencing(let w): "\(w) has no georeferencing"
        }
    }
}
