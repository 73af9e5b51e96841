/// Everything that can go wrong reading or writing a raster. Each case names the file
/// and carries the evidence; `description` is the one-line message the CLI prints.
public enum RasterIOError: Error, CustomStringConvertible, Sendable, Equatable {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    /// The file is not in a format Alongside reads; `detected` says what it appears to be.
    case unsupportedFormat(path: String, detected: String)
    case corrupt(path: String, reason: String)
    case unsupported(path: String, feature: String)
    /// A header asks for more than the configured limits allow (checked before allocating).
    case tooLarge(path: String, what: String, limit: String)
    case badWindow(path: String, reason: String)
    case georeferencing(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case mismatch(reason: String)

    public var description: String {
        switch self {
        case .notFound(let p): "\(p): no such file"
        case .unreadable(let p, let r): "\(p): cannot read: \(r)"
        case .unsupportedFormat(let p, let d): "\(p): not a supported raster (\(d))"
        case .corrupt(let p, let r): "\(p): corrupt or truncated: \(r)"
        case .unsupported(let p, let f): "\(p): unsupported: \(f)"
        case .tooLarge(let p, let w, let l): "\(p): \(w) exceeds the limit (\(l))"
        case .badWindow(let p, let r): "\(p): bad window: \(r)"
        case .georeferencing(let p, let r): "\(p): georeferencing: \(r)"
        case .writeFailed(let p, let r): "\(p): cannot write: \(r)"
        case .mismatch(let r): r
        }
    }
}
