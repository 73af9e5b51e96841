import Foundation

/// The confidence (0…1) that a group is two or more vessels alongside each other.
///
///     score = change × (size · parallel · gap · contrast)^(1/4)
///
/// - size: mean over hulls of `lengthTerm × shapeTerm`; `lengthTerm` rises from 0.5 at
///   `minLength` to 1 at twice `minLength` (small blobs are more often noise or clutter);
///   `shapeTerm` is 1 for length/width ≥ 3 (ships are 4–8 times longer than wide) and falls
///   to 0.5 at 1 (a round blob).
/// - parallel: `1 − Δθ / (2·maxHeadingDifference)`, 1 for parallel hulls, 0.5 at the limit.
/// - gap: `1 − gap / (2·maxGap)`, 1 for touching hulls, 0.5 at the limit.
/// - contrast: `min(1, |mean contrast| / (2·cfarK))`, 0.5 for hulls just at the detection threshold.
/// - change: 1 for `new_pair`, 0.85 `joined`, 0.75 `unknown` (single capture), 0.5 `persistent`.
///
/// The geometric mean makes one weak term pull the score down without zeroing it.
public enum EventScore {
    public enum Change: String, Sendable { case newPair, joined, persistent, unknown }

    public static func score(vessels: [VesselObservation], group: VesselGroup, change: Change,
                             parameters p: DetectionParameters) -> Double {
        guard !vessels.isEmpty else { return 0 }
        var size = 0.0, contrast = 0.0
        for v in vessels {
            let l = v.lengthMetres, w = max(v.widthMetres, 1e-6)
            let lengthTerm = 0.5 + 0.5 * clamp((l - p.minLength) / p.minLength)
            let shapeTerm = 0.5 + 0.5 * clamp((l / w - 1) / 2)
            size += lengthTerm * shapeTerm
            contrast += abs(v.contrast)
        }
        size /= Double(vessels.count)
        contrast = min(1, contrast / Double(vessels.count) / (2 * p.cfarK))
        let parallel = 1 - clamp(group.headingDifferenceDegrees / max(1e-9, 2 * p.maxHeadingDifference))
        let gap = 1 - clamp(group.gapMetres / max(1e-9, 2 * p.maxGap))
        let changeTerm: Double = switch change {
        case .newPair: 1.0
        case .joined: 0.85
        case .unknown: 0.75
        case .persistent: 0.5
        }
        let s = changeTerm * pow(max(0, size * parallel * gap * contrast), 0.25)
        return min(1, max(0, s))
    }

    /// Confidence that a single object is a vessel: `(size · contrast)^(1/2)` with the terms above.
    public static func vesselScore(_ v: VesselObservation, parameters p: DetectionParameters) -> Double {
        let l = v.lengthMetres, w = max(v.widthMetres, 1e-6)
        let size = (0.5 + 0.5 * clamp((l - p.minLength) / p.minLength)) * (0.5 + 0.5 * clamp((l / w - 1) / 2))
        let contrast = min(1, abs(v.contrast) / (2 * p.cfarK))
        return min(1, max(0, (size * contrast).squareRoot()))
    }

    static func clamp(_ x: Double) -> Double { x.isNaN ? 0 : min(1, max(0, x)) }
}
