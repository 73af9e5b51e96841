import ArgumentParser
import Foundation
import Report

/// `alongside eval`: precision, recall and F1 of candidates against a truth file.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score candidate GeoJSON against a truth file (precision, recall, F1).",
        discussion: """
            Events (and vessels, when both files have vessel features) are matched one-to-one by \
            the Hungarian assignment on the ground distance between centres, within --tolerance-m \
            and on the same capture side. See docs/eval.md.
            """)

    @Option(name: .long, help: "Truth GeoJSON (same schema as detect output).") var truth: String
    @Argument(help: "Candidate GeoJSON written by detect (.geojson or .geojsons).") var candidates: String
    @Option(name: .customLong("tolerance-m"), help: "Largest centre distance for a match, ground metres.")
    var toleranceM: Double = 100
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(name: .customLong("truth-capture"),
            help: "Keep only truth of this capture (after or before), e.g. to score a single-capture run of AFTER.")
    var truthCapture: String?
    @Flag(name: .customLong("any-capture"), help: "Match regardless of the capture side (e.g. a single-capture run against pair truth).")
    var anyCapture = false
    @Option(help: "A labelled GeoJSON (synth's scene.geojson): say what each false alarm lies on.")
    var explain: String?

    func validate() throws {
        if let truthCapture, truthCapture != "after" && truthCapture != "before" {
            throw ValidationError("--truth-capture: after or before, got \(truthCapture)")
        }
        guard toleranceM.isFinite, toleranceM >= 0 else {
            throw ValidationError("--tolerance-m must be a non-negative number of metres, got \(toleranceM)")
        }
    }

    func run() async throws {
        let t: FeatureCollectionDocument, c: FeatureCollectionDocument
        var labels: [LabelledFeature]? = nil
        do {
            var td = try GeoJSONReader.read(path: truth)
            if let side = truthCapture.flatMap(CaptureSide.init(rawValue:)) {
                td.events.removeAll { $0.capture != side }
                td.vessels.removeAll { $0.capture != side }
            }
            t = td
            c = try GeoJSONReader.read(path: candidates)
            if let explain { labels = try GeoJSONReader.readLabels(path: explain) }
        } catch {
            FileHandle.standardError.write(Data("alongside eval: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
        let r: EvaluationResult
        do {
            r = try Evaluation.evaluate(truth: t, candidates: c, toleranceM: toleranceM, sameCapture: !anyCapture)
        } catch {
            let e = error.naming(truth: truth, candidates: candidates)
            FileHandle.standardError.write(Data("alongside eval: \(e.description)\n".utf8))
            throw ExitCode.failure
        }
        // What each false candidate lies on, per kind.
        var explained: [(String, [String?])] = []
        if let labels {
            explained.append(("events", Evaluation.explain(points: r.events.falseCandidates.map { c.events[$0].centre },
                                                           labels: labels, toleranceM: toleranceM)))
            if let v = r.vessels {
                explained.append(("vessels", Evaluation.explain(points: v.falseCandidates.map { c.vessels[$0].centre },
                                                                labels: labels, toleranceM: toleranceM)))
            }
        }
        if json {
            var out = r.json
            if case .object(var members) = out, labels != nil {
                members.append(JSONMember("false_candidates_on", .object(explained.map { name, ls in
                    JSONMember(name, .array(ls.map { $0.map { .string($0) } ?? .null }))
                })))
                out = .object(members)
            }
            print(JSONPrinter.pretty(out))
        } else {
            print("tolerance \(fmt(r.toleranceM, 1)) m")
            print(Self.summary("events ", r.events))
            if let v = r.vessels { print(Self.summary("vessels", v)) }
            for (name, d) in [("event classes", r.eventClasses), ("vessel lengths (m)", r.vesselLengthClasses)] where !d.isEmpty {
                let text = EvaluationResult.sortedClassKeys(d).map { k in
                    let c = d[k]!
                    return "\(k) found \(c.found)/\(c.truth), correct \(c.correct)/\(c.candidates)"
                }.joined(separator: "; ")
                print("\(name): \(text)")
            }
            for (name, ls) in explained where !ls.isEmpty {
                var counts: [String: Int] = [:]
                for l in ls { counts[l ?? "nothing drawn", default: 0] += 1 }
                let text = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                    .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                print("false \(name) lie on: \(text)")
            }
        }
    }

    static func summary(_ name: String, _ s: MatchStatistics) -> String {
        var line = "\(name): truth \(s.truthCount), candidates \(s.candidateCount), matched \(s.truePositives)"
        line += "; precision \(fmt(s.precision, 3)), recall \(fmt(s.recall, 3)), F1 \(fmt(s.f1, 3))"
        if let mean = s.meanCentreErrorM, let mx = s.maxCentreErrorM {
            line += "; centre error mean \(fmt(mean, 1)) m, max \(fmt(mx, 1)) m"
        }
        if let l = s.meanAbsLengthErrorM { line += "; length error mean \(fmt(l, 1)) m (\(s.lengthComparisons) vessels)" }
        return line
    }
}

private func fmt(_ v: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", v) }
