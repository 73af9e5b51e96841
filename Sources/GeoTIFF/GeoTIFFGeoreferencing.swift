import CTIFF
import CTIFFShims
import GeoReferencing

/// The georeferencing of a GeoTIFF, read as GDAL 3.6 reads it.
///
/// Geotransform precedence: `ModelPixelScale` (non-zero X and Y) with the first
/// `ModelTiepoint`, else a 16-element `ModelTransformation`. The Y scale is taken as
/// north-up whatever its sign (GDAL's default, `GTIFF_HONOUR_NEGATIVE_SCALEY=NO`).
/// `RasterPixelIsPoint` moves the origin half a pixel up-left (`GTIFF_POINT_GEO_IGNORE=NO`).
/// CRS: the EPSG code in `ProjectedCSTypeGeoKey` (or `GeographicTypeGeoKey` for geographic
/// models); user-defined keys become a PROJ string from libgeotiff's `GTIFGetProj4Defn`.
struct GeoTIFFGeoreferencing {
    var geoTransform: GeoTransform?
    var crs: CRS?
    var pixelIsPoint = false
    var source: String?
    /// Why a CRS present in the keys could not be used, if so.
    var warning: String?

    static func read(_ h: TIFFHandle, layout: TIFFLayout) -> GeoTIFFGeoreferencing {
        var g = GeoTIFFGeoreferencing()
        h.clearMessages()
        let gtif = alongside_gtif_new(h.tif, h.messageContext)
        defer { if let gtif { GTIFFree(gtif) } }
        var hasKeys = false
        if let gtif {
            var rasterType: UInt16 = 0
            if alongside_gtif_get_short(gtif, GeoTIFFTag.gtRasterType, &rasterType) == 1 {
                g.pixelIsPoint = rasterType == GeoTIFFTag.rasterPixelIsPoint
            }
            hasKeys = readCRS(gtif, into: &g)
        }
        let scale = h.doubles(GeoTIFFTag.modelPixelScale)
        let tie = h.doubles(GeoTIFFTag.modelTiepoint)
        let matrix = h.doubles(GeoTIFFTag.modelTransformation)
        if let s = scale, s.count >= 2, s[0] != 0, s[1] != 0, let t = tie, t.count >= 6 {
            let sx = s[0], sy = -abs(s[1])
            var gt = GeoTransform(t[3] - t[0] * sx, sx, 0, t[4] - t[1] * sy, 0, sy)
            if g.pixelIsPoint {
                gt.c0 -= gt.c1 * 0.5
                gt.c3 -= gt.c5 * 0.5
            }
            g.geoTransform = gt
            g.source = "GeoTIFF ModelPixelScale + ModelTiepoint"
        } else if let m = matrix, m.count == 16 {
            var gt = GeoTransform(m[3], m[0], m[1], m[7], m[4], m[5])
            if g.pixelIsPoint {
                gt.c0 -= (gt.c1 + gt.c2) * 0.5
                gt.c3 -= (gt.c4 + gt.c5) * 0.5
            }
            g.geoTransform = gt
            g.source = "GeoTIFF ModelTransformation"
        } else if hasKeys, g.crs != nil {
            g.source = "GeoTIFF GeoKeys (no geotransform)"
        }
        return g
    }

    /// Fills `g.crs` from the GeoKeys; returns whether there were model keys at all.
    private static func readCRS(_ gtif: OpaquePointer, into g: inout GeoTIFFGeoreferencing) -> Bool {
        var model: UInt16 = 0, pcs: UInt16 = 0, gcs: UInt16 = 0
        let hasModel = alongside_gtif_get_short(gtif, GeoTIFFTag.gtModelType, &model) == 1
        let hasPCS = alongside_gtif_get_short(gtif, GeoTIFFTag.projectedCSType, &pcs) == 1
        let hasGCS = alongside_gtif_get_short(gtif, GeoTIFFTag.geographicType, &gcs) == 1
        guard hasModel || hasPCS || hasGCS else { return false }
        // ESRI writes user-defined CRSs as WKT in a citation key ("ESRI PE String = PROJCS[…]").
        for key in [GeoTIFFTag.pcsCitation, GeoTIFFTag.gtCitation, GeoTIFFTag.geogCitation] {
            guard let text = asciiKey(gtif, key), let r = text.range(of: "ESRI PE String = ") else { continue }
            let wkt = String(text[r.upperBound...]).trimmingCharacters(in: ["|", " "])
            // GDAL maps ESRI's Web Mercator to EPSG:3857; PROJ leaves it unidentified.
            if wkt.contains("Web_Mercator_Auxiliary_Sphere"), let c = try? CRS(epsg: 3857) {
                g.crs = c
                return true
            }
            if let c = try? CRS(definition: wkt) {
                g.crs = c
                return true
            }
        }
        let projected = hasModel ? model == GeoTIFFTag.modelTypeProjected : hasPCS
        let geographic = hasModel ? model == GeoTIFFTag.modelTypeGeographic : (!hasPCS && hasGCS)
        if projected, hasPCS, pcs > 0, pcs != GeoTIFFTag.userDefined, let c = try? CRS(epsg: Int(pcs)) {
            g.crs = c
            // As GDAL: ProjLinearUnitsGeoKey overrides the EPSG CRS's axis unit (the
            // conversion's false easting/northing keep their EPSG values).
            var unit: UInt16 = 0
            if alongside_gtif_get_short(gtif, GeoTIFFTag.projLinearUnits, &unit) == 1, unit > 0,
               unit != GeoTIFFTag.userDefined, let factor = ProjCRSEditor.linearUnitFactor(code: Int(unit)),
               let current = c.linearUnitMetres, abs(factor - current) > 1e-12 * current,
               let wkt = ProjCRSEditor.withLinearUnit(c.definition, unitCode: Int(unit)),
               let edited = try? CRS(definition: wkt) {
                g.crs = edited
            } else if alongside_gtif_get_short(gtif, GeoTIFFTag.projLinearUnits, &unit) != 1,
                      let text = asciiKey(gtif, GeoTIFFTag.gtCitation),
                      let (name, factor) = imagineCitationUnit(text),
                      let current = c.linearUnitMetres, abs(factor - current) > 1e-12 * current,
                      let wkt = ProjCRSEditor.withLinearUnit(c.definition, name: name, factor: factor),
                      let edited = try? CRS(definition: wkt) {
                // As GDAL (SetCitationToSRS): an ERDAS IMAGINE citation's "Units = " names the unit.
                g.crs = edited
            }
            return true
        }
        if geographic, hasGCS, gcs > 0, gcs != GeoTIFFTag.userDefined, let c = try? CRS(epsg: Int(gcs)) {
            g.crs = c
            // GeoTIFF 1.1 3-D geographic CRS, as GDAL reads it: VerticalCSType holds the 3-D code,
            // or EPSG:5030 (WGS 84 ellipsoidal height) with WGS 84 → EPSG:4979.
            var vcs: UInt16 = 0
            if alongside_gtif_get_short(gtif, GeoTIFFTag.verticalCSType, &vcs) == 1 {
                if vcs == 5030, gcs == 4326, let c3 = try? CRS(epsg: 4979) {
                    g.crs = c3
                } else if vcs > 0, vcs != GeoTIFFTag.userDefined, let c3 = try? CRS(epsg: Int(vcs)), c3.isGeographic {
                    g.crs = c3
                }
            }
            return true
        }
        guard projected || geographic, let defn = GTIFAllocDefn() else { return true }
        defer { GTIFFreeDefn(defn) }
        guard GTIFGetDefn(gtif, defn) != 0 else {
            g.warning = "libgeotiff cannot normalise the GeoKeys"
            return true
        }
        guard let p = GTIFGetProj4Defn(defn) else {
            g.warning = "libgeotiff gives no PROJ definition for the GeoKeys"
            return true
        }
        var proj = String(cString: p).trimmingCharacters(in: .whitespaces)
        GTIFFreeMemory(p)
        if proj.isEmpty {
            g.warning = "libgeotiff gives an empty PROJ definition for the GeoKeys"
            return true
        }
        proj = gdalMercator(proj, gtif, defn)
        if !proj.contains("+type=crs") { proj += " +type=crs" }
        do { g.crs = try CRS(definition: proj) } catch { g.warning = "\(error)"; return true }
        // As GDAL: a user-defined projection on an EPSG geographic CRS keeps that CRS's datum
        // (a PROJ string only keeps its ellipsoid, losing e.g. NAD27's shift to WGS 84).
        if projected, hasGCS, gcs > 0, gcs != GeoTIFFTag.userDefined,
           !proj.contains("+towgs84"), !proj.contains("+nadgrids"),
           let wkt = ProjCRSEditor.withGeographicBase(proj, gcsCode: Int(gcs)),
           let edited = try? CRS(definition: wkt) {
            g.crs = edited
        }
        return true
    }
}

/// The Mercator variant GDAL builds from the GeoKeys, where libgeotiff's PROJ string differs:
/// `ProjectionGeoKey` 3856 (EPSG's Popular Visualisation Pseudo Mercator conversion) is
/// spherical Web Mercator on the given datum (`+proj=webmerc`), and a Mercator with no standard
/// parallel is variant A with `ProjScaleAtNatOriginGeoKey` as its scale (libgeotiff writes
/// `+lat_ts=0` and a 6-digit `+k`, which PROJ reads as variant B, ignoring the scale).
private func gdalMercator(_ proj: String, _ gtif: OpaquePointer, _ defn: UnsafeMutablePointer<GTIFDefn>) -> String {
    guard proj.contains("+proj=merc ") else { return proj }
    var tokens = proj.split(separator: " ").map(String.init)
    var projection: UInt16 = 0
    if alongside_gtif_get_short(gtif, GeoTIFFTag.projection, &projection) == 1, projection == 3856 {
        tokens = tokens.filter { !$0.hasPrefix("+lat_ts=") && !$0.hasPrefix("+k=") && !$0.hasPrefix("+k_0=") }
        tokens[tokens.firstIndex(of: "+proj=merc")!] = "+proj=webmerc"
        return tokens.joined(separator: " ")
    }
    guard Int32(defn.pointee.CTProjection) == GeoTIFFTag.ctMercator else { return proj }
    let parms = withUnsafeBytes(of: defn.pointee.ProjParm) { Array($0.bindMemory(to: Double.self)) }
    guard parms.count > 4, parms[2] == 0, parms[4] > 0 else { return proj }
    tokens = tokens.filter { !$0.hasPrefix("+lat_ts=") && !$0.hasPrefix("+k=") && !$0.hasPrefix("+k_0=") }
    tokens.append("+k=\(parms[4])")
    return tokens.joined(separator: " ")
}

/// The linear unit an ERDAS IMAGINE citation names ("IMAGINE GeoTIFF Support … Units = NAME"),
/// as GDAL's gt_citation.cpp reads it: the first "Units = " up to the line end, matched
/// case-insensitively on all but its last character against GDAL's unit table, first hit wins.
/// Returns the name as written and metres per unit.
func imagineCitationUnit(_ text: String) -> (String, Double)? {
    guard text.lowercased().hasPrefix("imagine geotiff support"), let r = text.range(of: "Units = ") else { return nil }
    let name = String(text[r.upperBound...].prefix { $0 != "\n" && $0 != "|" }).trimmingCharacters(in: [" "])
    guard name.count > 1 else { return nil }
    let key = name.lowercased().dropLast()
    for (unit, factor) in imagineUnitTable where unit.lowercased().hasPrefix(key) {
        return (name, factor)
    }
    return nil
}

/// GDAL's `apszUnitMap` (gt_citation.cpp), in its order.
private let imagineUnitTable: [(String, Double)] = [
    ("meters", 1), ("meter", 1), ("m", 1), ("centimeters", 0.01), ("centimeter", 0.01), ("cm", 0.01),
    ("millimeters", 0.001), ("millimeter", 0.001), ("mm", 0.001), ("kilometers", 1000), ("kilometer", 1000), ("km", 1000),
    ("us_survey_feet", 0.3048006096012192), ("us_survey_foot", 0.3048006096012192), ("feet", 0.3048006096012192),
    ("foot", 0.3048006096012192), ("ft", 0.3048006096012192), ("international_feet", 0.3048), ("international_foot", 0.3048),
    ("inches", 0.0254000508001), ("inch", 0.0254000508001), ("in", 0.0254000508001), ("yards", 0.9144), ("yard", 0.9144),
    ("yd", 0.9144), ("miles", 1304.544), ("mile", 1304.544), ("mi", 1304.544),
    ("modified_american_feet", 0.3048122530), ("modified_american_foot", 0.3048122530),
    ("clarke_feet", 0.3047972651), ("clarke_foot", 0.3047972651), ("indian_feet", 0.3047995142), ("indian_foot", 0.3047995142),
]

/// An ASCII GeoKey's text, if present.
private func asciiKey(_ gtif: OpaquePointer, _ key: Int32) -> String? {
    var buf = [CChar](repeating: 0, count: 8192)
    guard alongside_gtif_get_ascii(gtif, key, &buf, Int32(buf.count)) == 1 else { return nil }
    return buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

extension Set where Element == Character {
    fileprivate static let whitespaces: Set<Character> = [" ", "\t", "\n", "\r"]
}
