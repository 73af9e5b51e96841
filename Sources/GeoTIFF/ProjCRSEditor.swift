import CPROJ

/// Edits of a CRS that GDAL makes when it reads GeoKeys and that a PROJ string cannot say:
/// a projected CRS's axis unit replaced (ProjLinearUnitsGeoKey overriding an EPSG PCS), and
/// the base geographic CRS replaced by an EPSG one (its datum, hence its datum shifts, kept).
/// Each returns the edited CRS as WKT2:2019, or nil when PROJ cannot do the edit.
enum ProjCRSEditor {
    /// `definition` with its Cartesian axes in the EPSG linear unit `unitCode`; conversion
    /// parameters (false easting, northing) keep their values in their own units.
    static func withLinearUnit(_ definition: String, unitCode: Int) -> String? {
        withContext { (ctx: OpaquePointer) -> String? in
            guard let pj = proj_create(ctx, definition) else { return nil }
            defer { proj_destroy(pj) }
            var name: UnsafePointer<CChar>?
            var factor = 0.0
            var category: UnsafePointer<CChar>?
            guard proj_uom_get_info_from_database(ctx, "EPSG", "\(unitCode)", &name, &factor, &category) == 1,
                  let category, String(cString: category) == "linear", factor > 0, let name
            else { return nil }
            guard let edited = proj_crs_alter_cs_linear_unit(ctx, pj, name, factor, "EPSG", "\(unitCode)") else { return nil }
            defer { proj_destroy(edited) }
            return wkt(ctx, edited)
        }
    }

    /// `definition` with its Cartesian axes in the unit `name` of `factor` metres (no authority).
    static func withLinearUnit(_ definition: String, name: String, factor: Double) -> String? {
        withContext { (ctx: OpaquePointer) -> String? in
            guard factor > 0, let pj = proj_create(ctx, definition) else { return nil }
            defer { proj_destroy(pj) }
            guard let edited = proj_crs_alter_cs_linear_unit(ctx, pj, name, factor, nil, nil) else { return nil }
            defer { proj_destroy(edited) }
            return wkt(ctx, edited)
        }
    }

    /// The projected CRS `definition` (a BoundCRS's source if so) on the base geographic
    /// CRS `EPSG:gcsCode`. Nil unless `definition` is projected and the code is geographic.
    static func withGeographicBase(_ definition: String, gcsCode: Int) -> String? {
        withContext { (ctx: OpaquePointer) -> String? in
            guard var pj = proj_create(ctx, definition) else { return nil }
            defer { proj_destroy(pj) }
            if proj_get_type(pj) == PJ_TYPE_BOUND_CRS {
                guard let src = proj_get_source_crs(ctx, pj) else { return nil }
                proj_destroy(pj)
                pj = src
            }
            guard proj_get_type(pj) == PJ_TYPE_PROJECTED_CRS,
                  let gcs = proj_create(ctx, "EPSG:\(gcsCode)") else { return nil }
            defer { proj_destroy(gcs) }
            let t = proj_get_type(gcs)
            guard t == PJ_TYPE_GEOGRAPHIC_2D_CRS else { return nil }
            guard let edited = proj_crs_alter_geodetic_crs(ctx, pj, gcs) else { return nil }
            defer { proj_destroy(edited) }
            return wkt(ctx, edited)
        }
    }

    /// Metres per unit of the EPSG linear unit `code`, or nil if it is not a linear unit.
    static func linearUnitFactor(code: Int) -> Double? {
        withContext { (ctx: OpaquePointer) -> Double? in
            var factor = 0.0
            var category: UnsafePointer<CChar>?
            guard proj_uom_get_info_from_database(ctx, "EPSG", "\(code)", nil, &factor, &category) == 1,
                  let category, String(cString: category) == "linear", factor > 0 else { return nil }
            return factor
        }
    }

    private static func wkt(_ ctx: OpaquePointer, _ pj: OpaquePointer) -> String? {
        guard let s = proj_as_wkt(ctx, pj, PJ_WKT2_2019, nil) else { return nil }
        return String(cString: s)
    }

    private static func withContext<T>(_ body: (OpaquePointer) -> T?) -> T? {
        guard let ctx = proj_context_create() else { return nil }
        defer { proj_context_destroy(ctx) }
        proj_log_level(ctx, PJ_LOG_NONE)
        return body(ctx)
    }
}
