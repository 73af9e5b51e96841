/// Files (relative to ../shared/data) where Alongside deliberately or knowingly differs from
/// GDAL 3.6, with the reason. Mirrored in docs/geotiff.md.
enum KnownDisagreements {
    static let byFile: [String: String] = {
        var d: [String: String] = [:]
        let gcore = "gdal-autotest/autotest/gcore/data/"
        for f in ["cfloat32.tif", "cfloat64.tif", "cint16.tif", "cint32.tif", "cint_sar.tif"] {
            d[gcore + f] = "complex samples are not supported"
        }
        d[gcore + "mandrilmini_12bitjpeg.tif"] = "12-bit JPEG: this libtiff is built with 8-bit libjpeg only"
        for f in ["huge-number-strips.tif", "many_blocks_truncated.tif", "scanline_more_than_2GB.tif", "tiff_dos_strip_chop.tif"] {
            d[gcore + f] = "refused by RasterLimits.maxDimension (1 000 000 pixels per side)"
        }
        d[gcore + "byte_nogeoref.tif"] = "georeferencing only in .aux.xml/.tfw sidecars (GDAL PAM), not read by this driver"
        d[gcore + "byte_inconsistent_georef.tif"] = "GDAL prefers the .aux.xml sidecar over the GeoTIFF tags"
        for f in ["3376.tif", "imagine_localcs_citation.tif", "ModelTiepointTag_z_non_zero_but_ModelPixelScaleTag_z_zero.tif"] {
            d[gcore + f] = "engineering (local) CRS from citations only: no CRS reported"
        }
        d["gdal-autotest/autotest/gdrivers/data/dimap/IMAGERY.TIF"] = "not a TIFF (a VRT named .TIF)"
        for f in ["image-tiff-tests/tests/images/gradient-1c-64b.tiff", "image-tiff-tests/tests/images/gradient-3c-64b.tiff"] {
            d[f] = "64-bit integers are read as Float64 (no Int64/UInt64 sample type); checksums agree"
        }
        for f in ["libtiff-test-images/test/images/ojpeg_chewey_subsamp21_multi_strip.tiff",
                  "libtiff-test-images/test/images/ojpeg_single_strip_no_rowsperstrip.tiff",
                  "libtiff-test-images/test/images/ojpeg_zackthecat_subsamp22_single_strip.tiff",
                  "gdal-autotest/autotest/gcore/data/zackthecat.tif", "gdal-autotest/autotest/gcore/data/zackthecat_corrupted.tif",
                  "image-tiff-tests/tests/libtiffpic/zackthecat.tif", "image-tiff-tests/tests/libtiffpic/smallliz.tif"] {
            d[f] = "old-style JPEG decoded through libtiff's RGBA interface: chroma upsampling differs from GDAL's"
        }
        return d
    }()

    static func reason(_ relativePath: String) -> String? { byFile[relativePath] }
}
