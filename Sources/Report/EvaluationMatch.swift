/// One truth item matched to one candidate.
public struct EvaluationMatch: Hashable, Sendable {
    /// Index into the truth list (events or vessels, in file order).
    public var truthIndex: Int
    /// Index into the candidate list.
    public var candidateIndex: Int
    /// Ground distance between the centres, metres.
    public var centreErrorM: Double

    public init(truthIndex: Int, candidateIndex: Int, centreErrorM: Double) {
        self.truthIndex = truthIndex
        self.candidateIndex = candidateIndex
        self.centreErrorM = centreErrorM
    }
}
