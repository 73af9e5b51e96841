import Foundation

/// Known, explained disagreements between `alongside info --json --checksum` and
/// `gdalinfo -json -checksum` (GDAL 3.6): per file (relative to shared/data) or by a rule
/// on the file's content. Each names the facts allowed to differ and why; docs/formats.md
/// lists them. An allowance that no longer disagrees is reported, so the list cannot rot.
enum InfoConformanceAllowList {
    struct Entry {
        /// Facts allowed to differ: "open" (we refuse a file GDAL opens), "checksum", "nodata",
        /// "epsg", "type", "geotransform", "corners", "size", "bands".
        var facts: Set<String>
        var reason: String
    }

    static let gcore = "gdal-autotest/autotest/gcore/data/"

    /// By file.
    static let entries: [String: Entry] = {
        var e: [String: Entry] = [:]
        for f in ["cfloat32.tif", "cfloat64.tif", "cint16.tif", "cint32.tif", "cint_sar.tif"] {
            e[gcore + f] = Entry(facts: ["open"], reason: "complex samples (SampleFormat 5/6) are refused: no complex SampleType")
        }
        e[gcore + "WGS_1984_Web_Mercator_Auxiliary_Sphere.tif"] = Entry(
            facts: ["epsg"], reason: "the GeoTIFF driver identifies ESRI's Web Mercator (Auxiliary Sphere) as EPSG:3857; GDAL keeps a custom CRS")
        e[gcore + "byte_gcp.tif"] = Entry(
            facts: ["epsg"], reason: "GCP-only file: the driver reports the GCPs' CRS as the dataset's; GDAL keeps it as the GCP projection")
        for f in ["epsg26711_3855_geotiff1_1.tif", "epsg32631_4979_geotiff1_1.tif", "epsg4326_3855_geotiff1_1.tif",
                  "gtiff/compdcrs_without_gtcitation.tif"] {
            e[gcore + f] = Entry(facts: ["epsg"],
                                 reason: "compound CRS: the driver keeps the horizontal CRS and its EPSG code; GDAL's compound CRS has none")
        }
        for f in ["stats_nodata_neginf_msvc.tif", "stats_nodata_posinf_msvc.tif"] {
            e[gcore + f] = Entry(facts: ["nodata"], reason: "GDAL_NODATA written by MSVC as \"1.#INF\": GDAL reads ±infinity, the driver ±1")
        }
        for f in ["gradient-1c-64b.tiff", "gradient-3c-64b.tiff"] {
            e["image-tiff-tests/tests/images/" + f] = Entry(
                facts: ["type"], reason: "64-bit integers are read as Float64 (SampleType has no Int64/UInt64); checksums agree")
        }
        e["libtiff-test-images/test/images/ojpeg_chewey_subsamp21_multi_strip.tiff"] = Entry(
            facts: ["checksum"], reason: "OJPEG via libtiff's RGBA interface: chroma upsampling differs from GDAL's")
        return e
    }()

    /// By content: (name, predicate on the file's path, allowance).
    static let rules: [(name: String, applies: @Sendable (String) -> Bool, entry: Entry)] = [
        ("16-bit interlaced PNG", is16BitInterlacedPNG,
         Entry(facts: ["checksum"],
               reason: "GDAL < 3.10.1 does not byte-swap 16-bit samples of interlaced PNGs on little-endian machines; "
                   + "ours equal the non-interlaced twin's (basi0g16 = basn0g16)")),
    ]

    static func allowed(file: String, path: String) -> Set<String> {
        var facts = entries[file]?.facts ?? []
        for rule in rules where rule.applies(path) { facts.formUnion(rule.entry.facts) }
        return facts
    }

    /// PNG signature, then IHDR with bit depth 16 (byte 24) and interlace method 1 (byte 28).
    @Sendable static func is16BitInterlacedPNG(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        guard let d = try? h.read(upToCount: 29), d.count == 29 else { return false }
        let b = [UInt8](d)
        return b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 && b[24] == 16 && b[28] == 1
    }
}
