import CPROJ

extension CRS {
    /// The CRS as WKT1 in GDAL's dialect (what GDAL writes into `.aux.xml` `<SRS>` and
    /// `.prj` files), made by PROJ's `proj_as_wkt(…, PJ_WKT1_GDAL, …)`.
    /// Throws when PROJ cannot express the CRS in that dialect.
    public var wkt: String {
        get throws {
            let ctx = proj_context_create()
            defer { proj_context_destroy(ctx) }
            guard let pj = proj_create(ctx, definition) else {
                throw GeoError.invalidCRS(definition: definition, reason: "PROJ cannot parse it")
            }
            defer { proj_destroy(pj) }
            guard let text = proj_as_wkt(ctx, pj, PJ_WKT1_GDAL, nil) else {
                throw GeoError.invalidCRS(definition: definition, reason: "PROJ cannot express it as WKT1 (GDAL)")
            }
            return String(cString: text)
        }
    }
}
