/// How an event relates to the other capture (`change` in the output contract).
///
/// - `newPair`: no vessel of the group is in the other capture (for `capture: before`,
///   the whole group is gone by the after capture).
/// - `joined`: some but not all vessels of the group are in the other capture.
/// - `persistent`: all of them are.
/// - `unknown`: single capture, nothing to compare with.
public enum ChangeKind: String, Sendable, Hashable, CaseIterable {
    case newPair = "new_pair"
    case joined
    case persistent
    case unknown
}
