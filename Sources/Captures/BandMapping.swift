import Foundation

/// An explicit assignment of roles to bands, parsed from `--bands green=2,nir=4`.
/// Band numbers are 1-based over the capture's bands in order (files in the order given,
/// each file's bands in order), as `gdalinfo` numbers them.
public struct BandMapping: Hashable, Sendable, CustomStringConvertible {
    /// role → 1-based band number.
    public var roles: [String: Int]

    public init(roles: [String: Int]) { self.roles = roles }

    /// Parses `role=N[,role=N…]`. Roles are lower-cased; any name is accepted (common names
    /// are the useful ones).
    public init(parsing text: String) throws {
        var roles: [String: Int] = [:]
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let n = Int(parts[1]), n >= 1 else {
                throw CaptureError.badBandMapping(text: text, reason: "expected role=N with N ≥ 1, got \"\(item)\"")
            }
            let role = parts[0].lowercased()
            guard roles[role] == nil else {
                throw CaptureError.badBandMapping(text: text, reason: "role \(role) given twice")
            }
            roles[role] = n
        }
        guard !roles.isEmpty else { throw CaptureError.badBandMapping(text: text, reason: "empty") }
        self.roles = roles
    }

    public var description: String {
        roles.sorted { $0.value < $1.value }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
