/// Everything that can go wrong reading or writing Alongside's GeoJSON. Each case names
/// the file; `description` is the one-line message the CLI prints.
public enum ReportError: Error, CustomStringConvertible, Sendable, Equatable {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    /// Not valid JSON; `line` and `column` are 1-based.
    case invalidJSON(path: String, line: Int, column: Int, reason: String)
    /// Valid JSON but not what the output contract describes.
    case notFeatureCollection(path: String, found: String)
    /// Feature `index` (0-based, in file order) breaks the contract.
    case invalidFeature(path: String, index: Int, reason: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let p): "\(p): no such file"
        case .unreadable(let p, let r): "\(p): cannot read: \(r)"
        case .invalidJSON(let p, let l, let c, let r): "\(p): invalid JSON at line \(l), column \(c): \(r)"
        case .notFeatureCollection(let p, let f): "\(p): not a GeoJSON FeatureCollection (\(f))"
        case .invalidFeature(let p, let i, let r): "\(p): feature \(i): \(r)"
        case .writeFailed(let p, let r): "\(p): cannot write: \(r)"
        }
    }
}
