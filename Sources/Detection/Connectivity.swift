/// Which neighbours join pixels into one component (scikit-image's `connectivity` 1 and 2):
/// ```
///  four:      eight:
///    .N.        NNN
///    NxN        NxN
///    .N.        NNN
/// ```
public enum Connectivity: Int, Sendable, Hashable, CaseIterable {
    case four = 4
    case eight = 8
}
