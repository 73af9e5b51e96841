/// The inputs an event was found in (`sources` in the output contract): paths as given
/// on the command line, `nil` when there was no such capture.
public struct EventSources: Hashable, Sendable {
    public var before: String?
    public var after: String?

    public init(before: String? = nil, after: String? = nil) {
        self.before = before
        self.after = after
    }
}
