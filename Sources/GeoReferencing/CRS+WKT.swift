import CPROJ

/// The WKT dialects PROJ writes.
public enum WKTKind: Sendable, Hashable, CaseIterable {
    /// WKT2:2019, what `gdalinfo` prints as `coordinateSystem.wkt`.
    case wkt2_2019
    /// GDAL's WKT1 flavour (what GDAL writes into `.aux.xml` `<SRS>` and `.prj` files).
    case wkt1GDAL
    /// ESRI WKT1 (`.prj` files written by ESRI software).
    case wkt1ESRI
}

extension CRS {
    /// The CRS as WKT1 in GDAL's dialect (what GDAL writes into `.aux.xml` `<SRS>` and
    /// `.prj` files), made by PROJ's `proj_as_wkt(…, PJ_WKT1_GDAL, …)`.
    /// Throws when PROJ cannot express the CRS in that dialect.
    public var wkt: String {
        get throws {
            let context = ProjContext()
            let pj = try context.create(definition).get()
            defer { proj_destroy(pj) }
            guard let text = proj_as_wkt(context.ctx, pj, PJ_WKT1_GDAL, nil) else {
                throw GeoError.invalidCRS(definition: definition, reason: "PROJ cannot express it as WKT1 (GDAL)")
            }
            return String(cString: text)
        }
    }

    /// This CRS as WKT of the given kind (multi-line, as `gdalinfo` prints it), or nil when
    /// PROJ cannot express it in that dialect. The corresponding C function is `proj_as_wkt`.
    public func wkt(_ kind: WKTKind, multiline: Bool = true) -> String? {
        let context = ProjContext()
        guard case .success(let pj) = context.create(definition) else { return nil }
        defer { proj_destroy(pj) }
        let type: PJ_WKT_TYPE = switch kind {
        case .wkt2_2019: PJ_WKT2_2019
        case .wkt1GDAL: PJ_WKT1_GDAL
        case .wkt1ESRI: PJ_WKT1_ESRI
        }
        let option = multiline ? "MULTILINE=YES" : "MULTILINE=NO"
        return option.withCString { opt -> String? in
            var options: [UnsafePointer<CChar>?] = [opt, nil]
            return options.withUnsafeMutableBufferPointer { buf in
                proj_as_wkt(context.ctx, pj, type, buf.baseAddress).map { String(cString: $0) }
            }
        }
    }

    /// This CRS as a PROJ string (`+proj=utm +zone=18 …`), or nil when it has none.
    public var projString: String? {
        let context = ProjContext()
        guard case .success(let pj) = context.create(definition) else { return nil }
        defer { proj_destroy(pj) }
        return proj_as_proj_string(context.ctx, pj, PJ_PROJ_5, nil).map { String(cString: $0) }
    }
}
