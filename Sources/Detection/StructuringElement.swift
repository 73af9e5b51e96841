/// The neighbourhood of a binary morphology operation.
public enum StructuringElement: Sendable, Hashable {
    /// (2r+1)×(2r+1) square; `.square(radius: 1)` is the 3×3 square.
    case square(radius: Int)
    /// A plus sign with arms of `r` pixels; `.cross(radius: 1)` is the 3×3 cross.
    case cross(radius: Int)

    public var radius: Int {
        switch self {
        case .square(let r), .cross(let r): r
        }
    }

    /// Whether offset (dx, dy) belongs to the element.
    public func contains(dx: Int, dy: Int) -> Bool {
        switch self {
        case .square(let r): abs(dx) <= r && abs(dy) <= r
        case .cross(let r): (dx == 0 && abs(dy) <= r) || (dy == 0 && abs(dx) <= r)
        }
    }
}
