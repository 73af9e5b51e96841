import CPROJ

/// A coordinate reference system, kept as the definition PROJ accepts (`"EPSG:32632"`,
/// WKT, or a PROJ string) plus what PROJ identified at creation. Value type, `Sendable`:
/// PROJ objects are created per use on the caller's own context, never shared.
public struct CRS: Hashable, Sendable, CustomStringConvertible {
    /// Anything `proj_create` accepts.
    public let definition: String
    /// EPSG code, when the CRS is (or is identified as) an EPSG CRS.
    public let epsg: Int?
    /// PROJ's name for it (e.g. "WGS 84 / UTM zone 32N").
    public let name: String
    public let isGeographic: Bool

    public init(definition: String) throws {
        let ctx = proj_context_create()
        defer { proj_context_destroy(ctx) }
        guard let pj = proj_create(ctx, definition) else {
            throw GeoError.invalidCRS(definition: definition, reason: "PROJ cannot parse it")
        }
        defer { proj_destroy(pj) }
        self.definition = definition
        self.name = proj_get_name(pj).map { String(cString: $0) } ?? "unknown"
        let type = proj_get_type(pj)
        self.isGeographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS
        var code: Int? = nil
        if let auth = proj_get_id_auth_name(pj, 0), String(cString: auth) == "EPSG",
           let c = proj_get_id_code(pj, 0) {
            code = Int(String(cString: c))
        }
        self.epsg = code
    }

    public init(epsg: Int) throws { try self.init(definition: "EPSG:\(epsg)") }

    public var description: String { epsg.map { "EPSG:\($0) (\(name))" } ?? name }
}

/// Errors of the georeferencing layer.
public enum GeoError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidCRS(definition: String, reason: String)
    case transformFailed(reason: String)
    case noGeoreferencing(what: String)

    public var description: String {
        switch self {
        case .invalidCRS(let d, let r): "invalid CRS \(d.prefix(80)): \(r)"
        case .transformFailed(let r): "coordinate transformation failed: \(r)"
        case .noGeoreferencing(let w): "\(w) has no georeferencing"
        }
    }
}
