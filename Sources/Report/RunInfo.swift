/// The `"alongside"` foreign member of the feature collection: what run produced it.
public struct RunInfo: Hashable, Sendable {
    /// Version of the tool that wrote the file.
    public var toolVersion: String
    public var inputs: [RunInput]
    /// Parameters of the run (written with keys sorted).
    public var parameters: [String: JSONValue]
    /// Estimated residual shift between the captures; `nil` for a single capture.
    public var registration: Registration?
    /// Counts (e.g. `events`, `vessels_before`, `vessels_after`), written with keys sorted.
    public var counts: [String: Int]

    public init(toolVersion: String, inputs: [RunInput] = [], parameters: [String: JSONValue] = [:],
                registration: Registration? = nil, counts: [String: Int] = [:]) {
        self.toolVersion = toolVersion
        self.inputs = inputs
        self.parameters = parameters
        self.registration = registration
        self.counts = counts
    }
}
