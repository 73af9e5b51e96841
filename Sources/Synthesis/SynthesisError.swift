/// Why a scene could not be made or written.
public enum SynthesisError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidSpec(reason: String)
    case georeferencing(reason: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidSpec(let r): "invalid scene: \(r)"
        case .georeferencing(let r): "scene georeferencing: \(r)"
        case .writeFailed(let p, let r): "\(p): cannot write: \(r)"
        }
    }
}
