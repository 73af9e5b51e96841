import Report

/// Open-water anchorages where ship-to-ship transfers are known to happen; a scene centre
/// is one of these, jittered by up to ±0.05° so scenes differ.
public enum OceanLocations {
    public static let all: [(name: String, centre: LonLat)] = [
        ("Laconian Gulf", LonLat(22.90, 36.55)),
        ("off Kalamata", LonLat(22.05, 36.90)),
        ("Strait of Singapore, eastern OPL", LonLat(104.45, 1.32)),
        ("off Tanjung Pelepas", LonLat(103.45, 1.25)),
        ("off Fujairah", LonLat(56.55, 25.15)),
        ("off Lomé", LonLat(1.30, 5.95)),
        ("Bay of Gibraltar approaches", LonLat(-5.20, 35.95)),
        ("Gulf of Finland off Ust-Luga", LonLat(27.75, 59.85)),
        ("Gulf of Mexico, Galveston lightering", LonLat(-94.30, 28.75)),
        ("Yellow Sea off Qingdao", LonLat(120.85, 35.80)),
        ("off Durban", LonLat(31.25, -29.95)),
        ("off Rio de Janeiro", LonLat(-43.10, -23.15)),
        ("off Valparaíso", LonLat(-71.75, -32.95)),
        ("off Port Hedland", LonLat(118.45, -20.05)),
        ("Sea of Japan off Nakhodka", LonLat(132.95, 42.65)),
    ]
}
