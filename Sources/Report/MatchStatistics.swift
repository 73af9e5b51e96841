/// Detection quality for one kind of feature (events or vessels).
///
/// Conventions for empty sets: with no candidates precision is 1 (no false alarm), with
/// no truth recall is 1 (nothing missed); F1 is the harmonic mean, 0 when both are 0. So a
/// negative scene with no candidates scores 1 / 1 / 1.
public struct MatchStatistics: Hashable, Sendable {
    public var truthCount: Int
    public var candidateCount: Int
    public var matches: [EvaluationMatch]
    /// Truth indices without a candidate (misses).
    public var missedTruth: [Int]
    /// Candidate indices without a truth item (false alarms).
    public var falseCandidates: [Int]
    /// Mean absolute length error over matched vessels with known lengths, metres; `nil` if none.
    public var meanAbsLengthErrorM: Double?
    /// Number of vessel length comparisons behind ``meanAbsLengthErrorM``.
    public var lengthComparisons: Int

    public init(truthCount: Int, candidateCount: Int, matches: [EvaluationMatch], missedTruth: [Int],
                falseCandidates: [Int], meanAbsLengthErrorM: Double?, lengthComparisons: Int) {
        self.truthCount = truthCount
        self.candidateCount = candidateCount
        self.matches = matches
        self.missedTruth = missedTruth
        self.falseCandidates = falseCandidates
        self.meanAbsLengthErrorM = meanAbsLengthErrorM
        self.lengthComparisons = lengthComparisons
    }

    public var truePositives: Int { matches.count }
    public var falsePositives: Int { candidateCount - matches.count }
    public var falseNegatives: Int { truthCount - matches.count }

    public var precision: Double { candidateCount == 0 ? 1 : Double(truePositives) / Double(candidateCount) }
    public var recall: Double { truthCount == 0 ? 1 : Double(truePositives) / Double(truthCount) }
    public var f1: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    /// Mean centre error over matches, metres; `nil` without matches.
    public var meanCentreErrorM: Double? {
        matches.isEmpty ? nil : matches.map(\.centreErrorM).reduce(0, +) / Double(matches.count)
    }

    /// Largest centre error over matches, metres; `nil` without matches.
    public var maxCentreErrorM: Double? { matches.map(\.centreErrorM).max() }
}
