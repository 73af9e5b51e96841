import Foundation

/// What a band measures, named by the STAC `eo:bands` common names
/// (https://github.com/stac-extensions/eo#common-band-names): `"blue"`, `"green"`,
/// `"red"`, `"nir"`, `"nir08"`, `"swir16"`, …
///
/// Roles come from (first match wins): an explicit `--bands green=2,nir=4` mapping, a STAC
/// asset's `eo:bands[].common_name`, a role the driver set, the band's description
/// (`"B03"`, `"green"`, `"NIR"`),
/// a Sentinel-2 / Landsat band id in a single-band file's name (`…_B08_(Raw).tiff`), and
/// last the colour interpretation of an RGB image (Red/Green/Blue).
public enum BandRole {
    /// The STAC common names Alongside knows.
    public static let commonNames: Set<String> = [
        "coastal", "blue", "green", "red", "yellow", "pan", "rededge", "rededge071", "rededge075", "rededge078",
        "nir", "nir08", "nir09", "cirrus", "swir16", "swir22", "lwir", "lwir11", "lwir12",
    ]

    /// Sentinel-2 MSI band ids → common names (B08 is the broad NIR, B8A the narrow nir08).
    public static let sentinel2: [String: String] = [
        "B01": "coastal", "B02": "blue", "B03": "green", "B04": "red", "B05": "rededge071",
        "B06": "rededge075", "B07": "rededge078", "B08": "nir", "B8A": "nir08", "B09": "nir09",
        "B10": "cirrus", "B11": "swir16", "B12": "swir22",
    ]

    /// The role a band description or name token names, or nil. Accepts common names
    /// (any case), Sentinel-2 ids (`"B3"`, `"B03"`, `"b8a"`), and the words GDAL drivers
    /// and analysts use (`"NIR"`, `"near infrared"`, `"Red"`).
    public static func parse(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t.isEmpty { return nil }
        if commonNames.contains(t) { return t }
        if let s2 = sentinel2Id(t) { return sentinel2[s2] }
        switch t {
        case "near infrared", "near-infrared", "nearinfrared", "near_infrared", "infrared": return "nir"
        case "panchromatic": return "pan"
        case "red edge", "red-edge", "red_edge": return "rededge"
        default: return nil
        }
    }

    /// `"b3"`, `"b03"`, `"B8A"` → the canonical `"B03"`, `"B8A"`; nil when not an S2 id.
    static func sentinel2Id(_ lower: String) -> String? {
        guard lower.hasPrefix("b"), lower.count >= 2, lower.count <= 3 else { return nil }
        let rest = lower.dropFirst()
        if rest == "8a" { return "B8A" }
        guard let n = Int(rest), n >= 1, n <= 12 else { return nil }
        return n < 10 ? "B0\(n)" : "B\(n)"
    }

    /// The role named by a band-id token in a file name (`…_L2A_B03_(Raw).tiff` → green),
    /// when exactly one such token is present.
    public static func fromFileName(_ path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        let tokens = stem.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.lowercased() }
        let found = Set(tokens.compactMap { tok -> String? in
            if let s2 = sentinel2Id(tok) { return sentinel2[s2] }
            if tok == "nir" || tok == "swir16" || tok == "swir22" || tok == "nir08" { return tok }
            return nil
        })
        return found.count == 1 ? found.first : nil
    }
}
