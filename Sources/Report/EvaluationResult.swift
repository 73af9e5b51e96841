/// The outcome of ``Evaluation/evaluate(truth:candidates:toleranceM:)``.
public struct EvaluationResult: Hashable, Sendable {
    /// Matching radius used, ground metres.
    public var toleranceM: Double
    /// `sts_candidate` features.
    public var events: MatchStatistics
    /// `vessel` features, when both files have some; `nil` otherwise.
    public var vessels: MatchStatistics?
    /// Events per `capture/change` class (e.g. `after/new_pair`): truth items and how many were
    /// found (recall per class), candidates and how many were right (precision per class).
    public var eventClasses: [String: ClassCounts]
    /// Vessels per length class of their own length (`"0-50"`, `"50-100"`, `"100-200"`, `"200+"`
    /// metres; `"unknown"` for ≤ 0): recall per truth size, precision per candidate size.
    public var vesselLengthClasses: [String: ClassCounts] = [:]

    /// The length class of a vessel, metres.
    public static func lengthClass(_ m: Double) -> String {
        guard m > 0 else { return "unknown" }
        return m < 50 ? "0-50" : m < 100 ? "50-100" : m < 200 ? "100-200" : "200+"
    }

    /// Counts for one event class.
    public struct ClassCounts: Hashable, Sendable {
        public var truth = 0, found = 0, candidates = 0, correct = 0
        public init() {}
    }

    public init(toleranceM: Double, events: MatchStatistics, vessels: MatchStatistics?,
                eventClasses: [String: ClassCounts] = [:]) {
        self.toleranceM = toleranceM
        self.events = events
        self.vessels = vessels
        self.eventClasses = eventClasses
    }

    private func classes(_ d: [String: ClassCounts]) -> JSONValue {
        .object(d.keys.sorted { Self.classOrder($0) < Self.classOrder($1) }.map { k in
            let c = d[k]!
            return JSONMember(k, .object(["truth": .int(c.truth), "found": .int(c.found),
                                          "candidates": .int(c.candidates), "correct": .int(c.correct)]))
        })
    }

    /// Length classes in size order, other keys alphabetically after them.
    static func classOrder(_ k: String) -> String {
        switch k {
        case "0-50": "0"
        case "50-100": "1"
        case "100-200": "2"
        case "200+": "3"
        case "unknown": "4"
        default: "5" + k
        }
    }

    /// Class keys in report order.
    public static func sortedClassKeys(_ d: [String: ClassCounts]) -> [String] {
        d.keys.sorted { classOrder($0) < classOrder($1) }
    }

    /// The result as JSON (for `alongside eval --json`), fixed key order.
    public var json: JSONValue {
        func stats(_ s: MatchStatistics) -> JSONValue {
            .object([
                "truth": .int(s.truthCount),
                "candidates": .int(s.candidateCount),
                "true_positives": .int(s.truePositives),
                "false_positives": .int(s.falsePositives),
                "false_negatives": .int(s.falseNegatives),
                "precision": .fixed(s.precision, decimals: 4),
                "recall": .fixed(s.recall, decimals: 4),
                "f1": .fixed(s.f1, decimals: 4),
                "mean_centre_error_m": .fixedOrNull(s.meanCentreErrorM, decimals: 2),
                "max_centre_error_m": .fixedOrNull(s.maxCentreErrorM, decimals: 2),
                "mean_abs_length_error_m": .fixedOrNull(s.meanAbsLengthErrorM, decimals: 2),
                "length_comparisons": .int(s.lengthComparisons),
                "matches": .array(s.matches.map {
                    .array([.int($0.truthIndex), .int($0.candidateIndex), .fixed($0.centreErrorM, decimals: 2)])
                }),
                "missed_truth": .array(s.missedTruth.map { .int($0) }),
                "false_candidates": .array(s.falseCandidates.map { .int($0) }),
            ])
        }
        return .object([
            "tolerance_m": .fixed(toleranceM, decimals: 2),
            "events": stats(events),
            "vessels": vessels.map(stats) ?? .null,
            "event_classes": classes(eventClasses),
            "vessel_length_classes": classes(vesselLengthClasses),
        ])
    }
}
