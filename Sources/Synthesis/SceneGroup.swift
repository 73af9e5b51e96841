/// Hulls placed together: a pair on fenders, a raft, a single vessel, a platform pair …
public struct SceneGroup: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case newPair = "new_pair", joinedPair = "joined_pair", raft, disappearedPair = "disappeared_pair"
        case persistentPair = "persistent_pair", single, farApart = "far_apart", moving
        case platform, platformPair = "platform_pair", landObject = "land_object"
    }

    public var kind: Kind
    /// Indices into ``SceneLayout/hulls``.
    public var hulls: [Int]
    /// Edge-to-edge gaps between neighbouring hulls, ground metres (pairs and rafts).
    public var gapsM: [Double]
}
