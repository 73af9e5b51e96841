#include "CTIFFShims.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <geotiff/xtiffio.h>

static TIFFExtendProc previous_extender = NULL;

// GDAL's private tags, registered only when this libtiff does not know them already.
static const TIFFFieldInfo gdal_fields[] = {
    {TIFFTAG_GDAL_METADATA, -1, -1, TIFF_ASCII, FIELD_CUSTOM, 1, 0, "GDALMetadata"},
    {TIFFTAG_GDAL_NODATA, -1, -1, TIFF_ASCII, FIELD_CUSTOM, 1, 0, "GDALNoDataValue"},
};

static void extender(TIFF *tif) {
    for (size_t i = 0; i < sizeof gdal_fields / sizeof gdal_fields[0]; i++) {
        if (TIFFFindField(tif, gdal_fields[i].field_tag, TIFF_ANY) == NULL)
            TIFFMergeFieldInfo(tif, &gdal_fields[i], 1);
    }
    if (previous_extender) previous_extender(tif);
}

static void init_once(void) {
    TIFFSetErrorHandler(NULL);
    TIFFSetWarningHandler(NULL);
    TIFFSetErrorHandlerExt(NULL);
    TIFFSetWarningHandlerExt(NULL);
    XTIFFInitialize();  // GeoTIFF tags, chained to libtiff's extender
    previous_extender = TIFFSetTagExtender(extender);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
void alongside_tiff_init(void) { pthread_once(&once, init_once); }

void alongside_tiff_clear(alongside_tiff_messages *m) {
    if (!m) return;
    m->error[0] = 0;
    m->warning[0] = 0;
    m->error_count = 0;
    m->warning_count = 0;
}

static void record(char *dst, int *count, const char *module, const char *fmt, va_list ap) {
    if (*count == 0) {
        char body[400];
        vsnprintf(body, sizeof body, fmt, ap);
        if (module && *module)
            snprintf(dst, 512, "%s: %s", module, body);
        else
            snprintf(dst, 512, "%s", body);
    }
    (*count)++;
}

static int on_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif;
    alongside_tiff_messages *m = user;
    if (m) record(m->error, &m->error_count, module, fmt, ap);
    return 1;
}

static int on_warning(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif;
    alongside_tiff_messages *m = user;
    if (m) record(m->warning, &m->warning_count, module, fmt, ap);
    return 1;
}

TIFF *alongside_tiff_open(const char *path, const char *mode, alongside_tiff_messages *msgs,
                          int64_t max_single_alloc) {
    alongside_tiff_init();
    TIFFOpenOptions *opts = TIFFOpenOptionsAlloc();
    if (!opts) return NULL;
    TIFFOpenOptionsSetErrorHandlerExtR(opts, on_error, msgs);
    TIFFOpenOptionsSetWarningHandlerExtR(opts, on_warning, msgs);
    if (max_single_alloc > 0) TIFFOpenOptionsSetMaxSingleMemAlloc(opts, (tmsize_t)max_single_alloc);
    TIFF *tif = TIFFOpenExt(path, mode, opts);
    TIFFOpenOptionsFree(opts);
    return tif;
}

int alongside_tiff_get_u16(TIFF *tif, uint32_t tag, uint16_t *out) { return TIFFGetField(tif, tag, out); }
int alongside_tiff_get_u16_defaulted(TIFF *tif, uint32_t tag, uint16_t *out) {
    return TIFFGetFieldDefaulted(tif, tag, out);
}
int alongside_tiff_get_u16_pair_defaulted(TIFF *tif, uint32_t tag, uint16_t *a, uint16_t *b) {
    return TIFFGetFieldDefaulted(tif, tag, a, b);
}
int alongside_tiff_get_u32(TIFF *tif, uint32_t tag, uint32_t *out) { return TIFFGetField(tif, tag, out); }
int alongside_tiff_get_u32_defaulted(TIFF *tif, uint32_t tag, uint32_t *out) {
    return TIFFGetFieldDefaulted(tif, tag, out);
}
int alongside_tiff_get_double(TIFF *tif, uint32_t tag, double *out) { return TIFFGetField(tif, tag, out); }

int alongside_tiff_get_string(TIFF *tif, uint32_t tag, const char **out) {
    const TIFFField *f = TIFFFindField(tif, tag, TIFF_ANY);
    if (!f || TIFFFieldDataType(f) != TIFF_ASCII) return 0;
    if (TIFFFieldPassCount(f)) {
        const char *s = NULL;
        if (TIFFFieldReadCount(f) == TIFF_VARIABLE2) {
            uint32_t n = 0;
            if (!TIFFGetField(tif, tag, &n, &s)) return 0;
        } else {
            uint16_t n = 0;
            if (!TIFFGetField(tif, tag, &n, &s)) return 0;
        }
        *out = s;
        return s != NULL;
    }
    char *s = NULL;
    if (!TIFFGetField(tif, tag, &s) || !s) return 0;
    *out = s;
    return 1;
}

int alongside_tiff_get_array(TIFF *tif, uint32_t tag, uint32_t *count, const void **data) {
    const TIFFField *f = TIFFFindField(tif, tag, TIFF_ANY);
    if (!f) return 0;
    void *p = NULL;
    if (TIFFFieldPassCount(f)) {
        if (TIFFFieldReadCount(f) == TIFF_VARIABLE2) {
            uint32_t n = 0;
            if (!TIFFGetField(tif, tag, &n, &p)) return 0;
            *count = n;
        } else {
            uint16_t n = 0;
            if (!TIFFGetField(tif, tag, &n, &p)) return 0;
            *count = n;
        }
    } else {
        int n = TIFFFieldReadCount(f);
        if (n <= 0) return 0;
        if (!TIFFGetField(tif, tag, &p)) return 0;
        *count = (uint32_t)n;
    }
    *data = p;
    return p != NULL;
}

int alongside_tiff_get_extrasamples(TIFF *tif, uint16_t *count, const uint16_t **data) {
    uint16_t *p = NULL;
    if (!TIFFGetField(tif, TIFFTAG_EXTRASAMPLES, count, &p)) return 0;
    *data = p;
    return 1;
}

int alongside_tiff_get_colormap(TIFF *tif, const uint16_t **r, const uint16_t **g, const uint16_t **b) {
    uint16_t *rr = NULL, *gg = NULL, *bb = NULL;
    if (!TIFFGetField(tif, TIFFTAG_COLORMAP, &rr, &gg, &bb)) return 0;
    *r = rr;
    *g = gg;
    *b = bb;
    return rr && gg && bb;
}

int alongside_tiff_set_int(TIFF *tif, uint32_t tag, int value) { return TIFFSetField(tif, tag, value); }
int alongside_tiff_set_u32(TIFF *tif, uint32_t tag, uint32_t value) { return TIFFSetField(tif, tag, value); }
int alongside_tiff_set_double(TIFF *tif, uint32_t tag, double value) { return TIFFSetField(tif, tag, value); }
int alongside_tiff_set_string(TIFF *tif, uint32_t tag, const char *value) {
    const TIFFField *f = TIFFFindField(tif, tag, TIFF_ANY);
    if (f && TIFFFieldPassCount(f)) {
        // Count includes the terminating NUL.
        uint32_t n = (uint32_t)strlen(value) + 1;
        if (TIFFFieldReadCount(f) == TIFF_VARIABLE2) return TIFFSetField(tif, tag, n, value);
        return TIFFSetField(tif, tag, (int)n, value);
    }
    return TIFFSetField(tif, tag, value);
}
int alongside_tiff_set_array(TIFF *tif, uint32_t tag, uint32_t count, const void *data) {
    const TIFFField *f = TIFFFindField(tif, tag, TIFF_ANY);
    if (!f) return 0;
    if (TIFFFieldPassCount(f)) {
        if (TIFFFieldReadCount(f) == TIFF_VARIABLE2) return TIFFSetField(tif, tag, count, data);
        return TIFFSetField(tif, tag, (int)count, data);
    }
    return TIFFSetField(tif, tag, data);
}
int alongside_tiff_set_extrasamples(TIFF *tif, uint16_t count, const uint16_t *data) {
    return TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, (int)count, data);
}

static void on_gtif_error(GTIF *gt, int level, const char *fmt, ...) {
    alongside_tiff_messages *m = GTIFGetUserData(gt);
    if (!m) return;
    va_list ap;
    va_start(ap, fmt);
    if (level == LIBGEOTIFF_ERROR)
        record(m->error, &m->error_count, "libgeotiff", fmt, ap);
    else
        record(m->warning, &m->warning_count, "libgeotiff", fmt, ap);
    va_end(ap);
}

GTIF *alongside_gtif_new(TIFF *tif, alongside_tiff_messages *msgs) { return GTIFNewEx(tif, on_gtif_error, msgs); }

int alongside_gtif_get_short(GTIF *gtif, int key, uint16_t *out) {
    return GTIFKeyGet(gtif, (geokey_t)key, out, 0, 1) == 1;
}
int alongside_gtif_get_ascii(GTIF *gtif, int key, char *buf, int size) {
    if (size <= 0) return 0;
    buf[0] = 0;
    int n = GTIFKeyGetASCII(gtif, (geokey_t)key, buf, size);
    buf[size - 1] = 0;
    return n > 0;
}
int alongside_gtif_set_short(GTIF *gtif, int key, uint16_t value) {
    return GTIFKeySet(gtif, (geokey_t)key, TYPE_SHORT, 1, (int)value);
}
int alongside_gtif_set_double(GTIF *gtif, int key, double value) {
    return GTIFKeySet(gtif, (geokey_t)key, TYPE_DOUBLE, 1, value);
}
int alongside_gtif_set_ascii(GTIF *gtif, int key, const char *value) {
    return GTIFKeySet(gtif, (geokey_t)key, TYPE_ASCII, 0, value);
}
