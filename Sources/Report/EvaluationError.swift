/// Why `alongside eval` refuses to score a pair of files. The files are named by the caller
/// (``naming(truth:candidates:)``); `description` is the one-line message the CLI prints.
public enum EvaluationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// More than `limit` features (truth + candidates, of `kind`: "events", "vessels" or
    /// "vessels of event N") are chained together by pairs within `toleranceM` metres. The
    /// one-to-one assignment of such a group costs O(n³) time and O(n²) memory, so it is not
    /// attempted. `truthCount` / `candidateCount` are the group's sizes when it passed the limit
    /// (the whole group may be larger).
    case groupTooLarge(kind: String, truthCount: Int, candidateCount: Int, limit: Int, toleranceM: Double?,
                       truthPath: String?, candidatesPath: String?)

    /// The same error naming the two files.
    public func naming(truth: String, candidates: String) -> EvaluationError {
        switch self {
        case .groupTooLarge(let k, let t, let c, let l, let tol, _, _):
            .groupTooLarge(kind: k, truthCount: t, candidateCount: c, limit: l, toleranceM: tol,
                           truthPath: truth, candidatesPath: candidates)
        }
    }

    public var description: String {
        switch self {
        case .groupTooLarge(let k, let t, let c, let l, let tol, let tp, let cp):
            let files = [tp, cp].compactMap { $0 }.joined(separator: " vs ")
            let within = tol.map { "chained by pairs within \(Self.metres($0)) m" } ?? "inside the two matched events"
            return (files.isEmpty ? "" : files + ": ")
                + "\(k): over \(l) features (\(t) truth and \(c) candidates so far) \(within) form one matching group, "
                + "whose one-to-one assignment costs O(n³): refused; lower --tolerance-m or thin the files"
        }
    }

    private static func metres(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
