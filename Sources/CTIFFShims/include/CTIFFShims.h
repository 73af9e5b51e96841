#ifndef ALONGSIDE_CTIFFSHIMS_H
#define ALONGSIDE_CTIFFSHIMS_H
// Typed, non-variadic twins of the libtiff/libgeotiff calls Swift cannot make
// (TIFFGetField, TIFFSetField, GTIFKeySet are C variadics), plus per-handle
// error collection so libtiff never prints on its own.
#include <stdint.h>
#include <tiffio.h>
#include <geotiff/geotiffio.h>

/// Messages libtiff/libgeotiff reported for one handle since the last clear.
/// Owned by the caller; must outlive the TIFF handle it is attached to.
typedef struct alongside_tiff_messages {
    char error[512];    // first error since the last clear
    int error_count;
    char warning[512];  // first warning since the last clear
    int warning_count;
} alongside_tiff_messages;

/// Registers the GeoTIFF and GDAL tags (tag extender chained to any previous one) and
/// silences libtiff's global stderr handlers. Idempotent and thread-safe.
void alongside_tiff_init(void);

void alongside_tiff_clear(alongside_tiff_messages *msgs);

/// Opens `path` with `mode` ("r", "w", "w8" …) with errors and warnings collected into
/// `msgs`; `max_single_alloc` bounds any single libtiff allocation (0 = libtiff default).
/// The corresponding C function is `TIFFOpenExt`.
TIFF *alongside_tiff_open(const char *path, const char *mode, alongside_tiff_messages *msgs,
                          int64_t max_single_alloc);

// Getters: return 1 when the tag is present (or defaulted), 0 otherwise.
int alongside_tiff_get_u16(TIFF *tif, uint32_t tag, uint16_t *out);
int alongside_tiff_get_u16_defaulted(TIFF *tif, uint32_t tag, uint16_t *out);
int alongside_tiff_get_u16_pair_defaulted(TIFF *tif, uint32_t tag, uint16_t *a, uint16_t *b);
int alongside_tiff_get_u32(TIFF *tif, uint32_t tag, uint32_t *out);
int alongside_tiff_get_u32_defaulted(TIFF *tif, uint32_t tag, uint32_t *out);
int alongside_tiff_get_double(TIFF *tif, uint32_t tag, double *out);
/// ASCII tag; the string stays owned by libtiff (valid until the directory changes).
int alongside_tiff_get_string(TIFF *tif, uint32_t tag, const char **out);
/// Array tag of any registered count width; `data` stays owned by libtiff.
int alongside_tiff_get_array(TIFF *tif, uint32_t tag, uint32_t *count, const void **data);
int alongside_tiff_get_extrasamples(TIFF *tif, uint16_t *count, const uint16_t **data);
int alongside_tiff_get_colormap(TIFF *tif, const uint16_t **r, const uint16_t **g, const uint16_t **b);

// Setters: return 1 on success.
/// For SHORT tags and pseudo-tags taking an `int` (JPEGCOLORMODE, ZIPQUALITY …).
int alongside_tiff_set_int(TIFF *tif, uint32_t tag, int value);
int alongside_tiff_set_u32(TIFF *tif, uint32_t tag, uint32_t value);
int alongside_tiff_set_double(TIFF *tif, uint32_t tag, double value);
int alongside_tiff_set_string(TIFF *tif, uint32_t tag, const char *value);
int alongside_tiff_set_array(TIFF *tif, uint32_t tag, uint32_t count, const void *data);
int alongside_tiff_set_extrasamples(TIFF *tif, uint16_t count, const uint16_t *data);

/// `GTIFNewEx` with libgeotiff's messages collected into `msgs`.
GTIF *alongside_gtif_new(TIFF *tif, alongside_tiff_messages *msgs);
int alongside_gtif_get_short(GTIF *gtif, int key, uint16_t *out);
/// ASCII GeoKey into `buf` (NUL-terminated, truncated to `size`); returns 1 when present.
int alongside_gtif_get_ascii(GTIF *gtif, int key, char *buf, int size);
int alongside_gtif_set_short(GTIF *gtif, int key, uint16_t value);
int alongside_gtif_set_double(GTIF *gtif, int key, double value);
int alongside_gtif_set_ascii(GTIF *gtif, int key, const char *value);

#endif
