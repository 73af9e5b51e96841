/// Why a benchmark run cannot start; `description` is the one-line message.
enum BenchError: Error, CustomStringConvertible {
    case differentGrids(before: String, after: String)
    case noGeoreferencing(path: String)

    var description: String {
        switch self {
        case .differentGrids(let b, let a): "\(b) and \(a) are not on one grid (same width and height needed)"
        case .noGeoreferencing(let p): "\(p): no georeferencing (the pipeline needs a CRS and a geotransform)"
        }
    }
}
