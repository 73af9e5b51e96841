/// The map projection of a synthetic scene.
public enum CRSChoice: Hashable, Sendable, CustomStringConvertible {
    /// WGS 84 / UTM, the zone of the scene's location (EPSG:326zz north, 327zz south).
    case utm
    /// EPSG:3857 (pixels of `resolution / cos(latitude)` map metres, so ground pixels stay square).
    case webMercator
    /// EPSG:4326 (pixel sizes in degrees chosen so ground pixels are square at the centre).
    case geographic
    /// Any projected EPSG CRS in metres, or 4326/3857.
    case epsg(Int)

    /// Parses `utm`, `EPSG:3857`, `3857`, `EPSG:4326`, `EPSG:32631`.
    public init?(parsing text: String) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if t == "utm" { self = .utm; return }
        let digits = t.hasPrefix("epsg:") ? String(t.dropFirst(5)) : t
        guard let code = Int(digits), code > 0 else { return nil }
        switch code {
        case 3857: self = .webMercator
        case 4326: self = .geographic
        default: self = .epsg(code)
        }
    }

    public var description: String {
        switch self {
        case .utm: "utm"
        case .webMercator: "EPSG:3857"
        case .geographic: "EPSG:4326"
        case .epsg(let c): "EPSG:\(c)"
        }
    }
}
