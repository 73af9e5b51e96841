/// Errors assembling a capture. `description` is the one-line message the CLI prints.
public enum CaptureError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Band files that do not share one grid: what differs, between which files.
    case gridMismatch(first: String, other: String, reason: String)
    case badBandMapping(text: String, reason: String)
    /// A `--bands` role points past the last band.
    case bandOutOfRange(role: String, band: Int, bandCount: Int)
    case noSuchRole(role: String, available: [String])
    case badSTACItem(path: String, reason: String)
    case noInputs

    public var description: String {
        switch self {
        case .gridMismatch(let a, let b, let r): "\(b): not on the grid of \(a): \(r)"
        case .badBandMapping(let t, let r): "--bands \(t): \(r)"
        case .bandOutOfRange(let role, let n, let c): "--bands: \(role)=\(n) but the capture has \(c) band\(c == 1 ? "" : "s")"
        case .noSuchRole(let role, let av):
            "no \(role) band (bands with roles: \(av.isEmpty ? "none" : av.joined(separator: ", ")); give one with --bands \(role)=N)"
        case .badSTACItem(let p, let r): "\(p): not a usable STAC item: \(oneLine(r))"
        case .noInputs: "no input files"
        }
    }
}

/// `text` with control characters (a newline in a JSON key or href) shown as spaces, so the
/// message stays one line.
private func oneLine(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
}
