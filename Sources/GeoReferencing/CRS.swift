import CPROJ

/// A coordinate reference system, kept as the definition PROJ accepts (`"EPSG:32632"`,
/// WKT, or a PROJ string) plus what PROJ identified at creation. Value type, `Sendable`:
/// PROJ objects are created per use on the caller's own context, never shared.
public struct CRS: Hashable, Sendable, CustomStringConvertible {
    /// Anything `proj_create` accepts.
    public let definition: String
    /// EPSG code, when the CRS carries an EPSG identifier (`ID["EPSG",…]`, `"EPSG:n"`).
    /// See ``identifyEPSG(minimumConfidence:)`` for CRSs defined without one.
    public let epsg: Int?
    /// PROJ's name for it (e.g. "WGS 84 / UTM zone 32N").
    public let name: String
    /// Geographic 2D or 3D (longitude/latitude in angular units).
    public let isGeographic: Bool
    /// Projected (map coordinates in linear units). For a compound or bound CRS this
    /// describes its horizontal part.
    public let isProjected: Bool
    /// The horizontal axes in the CRS's own order (EPSG:4326 is latitude first; a
    /// transformer normalizes to longitude, latitude for output).
    public let axes: [CRSAxis]
    /// Where the CRS is meant to be used, when PROJ knows (EPSG CRSs do).
    public let areaOfUse: AreaOfUse?

    public init(definition: String) throws {
        let context = ProjContext()
        let pj = try context.create(definition).get()
        defer { proj_destroy(pj) }
        let ctx = context.ctx
        guard proj_is_crs(pj) != 0 else {
            throw GeoError.invalidCRS(definition: definition, reason: "not a coordinate reference system")
        }
        self.definition = definition
        self.name = proj_get_name(pj).map { String(cString: $0) } ?? "unknown"
        var code: Int? = nil
        if let auth = proj_get_id_auth_name(pj, 0), String(cString: auth) == "EPSG",
           let c = proj_get_id_code(pj, 0) {
            code = Int(String(cString: c))
        }
        self.epsg = code

        let horizontal = Self.horizontalPart(ctx, pj)
        defer { if horizontal != pj { proj_destroy(horizontal) } }
        let type = proj_get_type(horizontal)
        self.isGeographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS
        self.isProjected = type == PJ_TYPE_PROJECTED_CRS
        self.axes = Self.axes(ctx, horizontal)

        var w = 0.0, s = 0.0, e = 0.0, n = 0.0
        var areaName: UnsafePointer<CChar>? = nil
        if proj_get_area_of_use(ctx, pj, &w, &s, &e, &n, &areaName) != 0, w > -1000 {
            self.areaOfUse = AreaOfUse(west: w, south: s, east: e, north: n,
                                       name: areaName.map { String(cString: $0) } ?? "")
        } else {
            self.areaOfUse = nil
        }
    }

    public init(epsg: Int) throws { try self.init(definition: "EPSG:\(epsg)") }

    /// WGS 84 geographic (EPSG:4326).
    public static let wgs84: CRS = try! CRS(epsg: 4326)

    public var description: String { epsg.map { "EPSG:\($0) (\(name))" } ?? name }

    /// Linear unit of a projected CRS's first axis in metres (1 for metres, 0.3048 for
    /// feet), nil for geographic CRSs.
    public var linearUnitMetres: Double? {
        guard isProjected, let a = axes.first else { return nil }
        return a.unitToSI
    }

    /// The EPSG code PROJ identifies this CRS with, also when the definition carries no
    /// identifier (a WKT or PROJ string written out in full). Returns ``epsg`` when set;
    /// otherwise the best EPSG match with at least `minimumConfidence` percent (PROJ's
    /// `proj_identify`: 100 = equivalent, 70 = equivalent up to names, 25 = doubtful).
    public func identifyEPSG(minimumConfidence: Int = 70) -> Int? {
        if let epsg { return epsg }
        let context = ProjContext()
        guard case .success(let pj) = context.create(definition) else { return nil }
        defer { proj_destroy(pj) }
        var confidence: UnsafeMutablePointer<Int32>? = nil
        guard let list = proj_identify(context.ctx, pj, "EPSG", nil, &confidence) else { return nil }
        defer {
            proj_list_destroy(list)
            proj_int_list_destroy(confidence)
        }
        let count = proj_list_get_count(list)
        for i in 0..<count {
            guard let conf = confidence?[Int(i)], Int(conf) >= minimumConfidence,
                  let candidate = proj_list_get(context.ctx, list, i) else { continue }
            defer { proj_destroy(candidate) }
            if let c = proj_get_id_code(candidate, 0), let v = Int(String(cString: c)) { return v }
        }
        return nil
    }

    /// The horizontal CRS inside a compound or bound CRS (the object itself otherwise).
    /// The caller destroys the result when it differs from `pj`.
    static func horizontalPart(_ ctx: OpaquePointer, _ pj: OpaquePointer) -> OpaquePointer {
        var current = pj
        for _ in 0..<4 {
            let t = proj_get_type(current)
            let next: OpaquePointer?
            if t == PJ_TYPE_COMPOUND_CRS { next = proj_crs_get_sub_crs(ctx, current, 0) }
            else if t == PJ_TYPE_BOUND_CRS { next = proj_get_source_crs(ctx, current) }
            else { break }
            guard let next else { break }
            if current != pj { proj_destroy(current) }
            current = next
        }
        return current
    }

    static func axes(_ ctx: OpaquePointer, _ crs: OpaquePointer) -> [CRSAxis] {
        guard let cs = proj_crs_get_coordinate_system(ctx, crs) else { return [] }
        defer { proj_destroy(cs) }
        let n = proj_cs_get_axis_count(ctx, cs)
        guard n > 0 else { return [] }
        var out: [CRSAxis] = []
        for i in 0..<n {
            var name: UnsafePointer<CChar>? = nil, abbrev: UnsafePointer<CChar>? = nil
            var direction: UnsafePointer<CChar>? = nil, unitName: UnsafePointer<CChar>? = nil
            var factor = 0.0
            guard proj_cs_get_axis_info(ctx, cs, i, &name, &abbrev, &direction, &factor, &unitName, nil, nil) != 0
            else { continue }
            out.append(CRSAxis(name: name.map { String(cString: $0) } ?? "",
                               abbreviation: abbrev.map { String(cString: $0) } ?? "",
                               direction: direction.map { String(cString: $0) } ?? "",
                               unitName: unitName.map { String(cString: $0) } ?? "",
                               unitToSI: factor))
        }
        return out
    }
}
