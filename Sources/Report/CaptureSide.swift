/// Which capture shows an event or vessel (`capture` in the output contract).
public enum CaptureSide: String, Sendable, Hashable, CaseIterable {
    case after, before, single
}
