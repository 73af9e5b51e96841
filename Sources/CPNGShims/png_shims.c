// setjmp-safe libpng calls: see CPNGShims.h. Pattern: every exported function that calls
// libpng does `if (setjmp(ctx->jmp)) { ...report...; return -1; }` in its own frame, so the
// longjmp from the error callback lands in a live frame (dolphin-emu ImageC.c, GDAL's
// safe_png_* helpers). Locals changed after setjmp and read after the jump are volatile.
#include "CPNGShims.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    jmp_buf jmp;
    char message[256];
    int warnings;
} shim_context;

static void shim_copy(char *dst, size_t len, const char *src) {
    if (dst == NULL || len == 0) return;
    snprintf(dst, len, "%s", src ? src : "unknown libpng error");
}

static void shim_error(png_structp png, png_const_charp msg) {
    shim_context *ctx = (shim_context *)png_get_error_ptr(png);
    shim_copy(ctx->message, sizeof ctx->message, msg);
    longjmp(ctx->jmp, 1);
}

static void shim_warning(png_structp png, png_const_charp msg) {
    shim_context *ctx = (shim_context *)png_get_error_ptr(png);
    ctx->warnings++;
    (void)msg;  // warnings are counted, not printed
}

// MARK: reader

struct alongside_png_reader {
    shim_context ctx;  // first member: png_get_error_ptr points here
    png_structp png;
    png_infop info;
    FILE *fp;
    const uint8_t *mem;
    size_t mem_size, mem_pos;
};

static void shim_read_data(png_structp png, png_bytep data, size_t length) {
    alongside_png_reader *r = (alongside_png_reader *)png_get_io_ptr(png);
    if (r->fp) {
        if (fread(data, 1, length, r->fp) != length) png_error(png, "file ends early (truncated)");
    } else {
        if (length > r->mem_size - r->mem_pos) png_error(png, "data ends early (truncated)");
        memcpy(data, r->mem + r->mem_pos, length);
        r->mem_pos += length;
    }
}

static void reader_free(alongside_png_reader *r) {
    if (!r) return;
    if (r->png) png_destroy_read_struct(&r->png, r->info ? &r->info : NULL, NULL);
    if (r->fp) fclose(r->fp);
    free(r);
}

// Creates the libpng structs and reads everything up to the image data. `r` has its source set.
static alongside_png_reader *reader_start(alongside_png_reader *r, uint32_t max_width, uint32_t max_height,
                                          alongside_png_header *h, char *err, size_t errlen) {
    memset(h, 0, sizeof *h);
    r->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &r->ctx, shim_error, shim_warning);
    if (!r->png) {
        shim_copy(err, errlen, "libpng could not create a read struct");
        reader_free(r);
        return NULL;
    }
    if (setjmp(r->ctx.jmp)) {
        shim_copy(err, errlen, r->ctx.message);
        reader_free(r);
        return NULL;
    }
    r->info = png_create_info_struct(r->png);
    if (!r->info) png_error(r->png, "libpng could not create an info struct");
    if (max_width && max_height) png_set_user_limits(r->png, max_width, max_height);
    // Bound what ancillary chunks (text, iCCP, sPLT, unknown) can make libpng hold: at most
    // 64 stored chunks of at most 2 MB each once inflated (libpng's defaults, 1000 × 8 MB, let
    // a few MB of zTXt claim gigabytes). Larger ones are skipped with a warning.
    png_set_chunk_cache_max(r->png, 64);
    png_set_chunk_malloc_max(r->png, 2u << 20);
    png_set_read_fn(r->png, r, shim_read_data);
    png_read_info(r->png, r->info);

    h->width = png_get_image_width(r->png, r->info);
    h->height = png_get_image_height(r->png, r->info);
    h->bit_depth = png_get_bit_depth(r->png, r->info);
    h->color_type = png_get_color_type(r->png, r->info);
    h->interlaced = png_get_interlace_type(r->png, r->info) != PNG_INTERLACE_NONE;

    if (h->color_type == PNG_COLOR_TYPE_PALETTE) {
        png_colorp pal = NULL;
        int n = 0;
        if (png_get_PLTE(r->png, r->info, &pal, &n) && pal && n > 0) {
            if (n > 256) n = 256;
            for (int i = 0; i < n; i++) {
                h->palette_rgb[3 * i] = pal[i].red;
                h->palette_rgb[3 * i + 1] = pal[i].green;
                h->palette_rgb[3 * i + 2] = pal[i].blue;
            }
            h->num_palette = n;
        }
    }
    if (png_get_valid(r->png, r->info, PNG_INFO_tRNS)) {
        png_bytep trans = NULL;
        int num_trans = 0;
        png_color_16p values = NULL;
        png_get_tRNS(r->png, r->info, &trans, &num_trans, &values);
        if (h->color_type == PNG_COLOR_TYPE_PALETTE && trans) {
            if (num_trans > 256) num_trans = 256;
            if (num_trans < 0) num_trans = 0;
            memcpy(h->trans_alpha, trans, (size_t)num_trans);
            h->num_trans = num_trans;
        } else if (values && (h->color_type == PNG_COLOR_TYPE_GRAY || h->color_type == PNG_COLOR_TYPE_RGB)) {
            h->has_trans_color = 1;
            h->trans_gray = values->gray;
            h->trans_red = values->red;
            h->trans_green = values->green;
            h->trans_blue = values->blue;
        }
    }

    // GDAL's transforms: unpack sub-byte samples without scaling; 16-bit to host order.
    if (h->bit_depth < 8) png_set_packing(r->png);
    if (h->bit_depth == 16) png_set_swap(r->png);
    if (h->interlaced) (void)png_set_interlace_handling(r->png);
    png_read_update_info(r->png, r->info);
    h->channels = png_get_channels(r->png, r->info);
    h->rowbytes = png_get_rowbytes(r->png, r->info);
    h->warnings = r->ctx.warnings;
    return r;
}

alongside_png_reader *alongside_png_reader_open_file(const char *path, uint32_t max_width, uint32_t max_height,
                                                     alongside_png_header *header, char *err, size_t errlen) {
    alongside_png_reader *r = calloc(1, sizeof *r);
    if (!r) {
        shim_copy(err, errlen, "out of memory");
        return NULL;
    }
    r->fp = fopen(path, "rb");
    if (!r->fp) {
        shim_copy(err, errlen, strerror(errno));
        free(r);
        return NULL;
    }
    return reader_start(r, max_width, max_height, header, err, errlen);
}

alongside_png_reader *alongside_png_reader_open_memory(const uint8_t *data, size_t size, uint32_t max_width,
                                                       uint32_t max_height, alongside_png_header *header, char *err,
                                                       size_t errlen) {
    alongside_png_reader *r = calloc(1, sizeof *r);
    if (!r) {
        shim_copy(err, errlen, "out of memory");
        return NULL;
    }
    r->mem = data;
    r->mem_size = size;
    return reader_start(r, max_width, max_height, header, err, errlen);
}

int alongside_png_reader_read_row(alongside_png_reader *r, uint8_t *row, char *err, size_t errlen) {
    if (setjmp(r->ctx.jmp)) {
        shim_copy(err, errlen, r->ctx.message);
        return -1;
    }
    png_read_row(r->png, row, NULL);
    return 0;
}

int alongside_png_reader_read_image(alongside_png_reader *r, uint8_t *const *rows, char *err, size_t errlen) {
    if (setjmp(r->ctx.jmp)) {
        shim_copy(err, errlen, r->ctx.message);
        return -1;
    }
    png_read_image(r->png, (png_bytepp)rows);
    return 0;
}

void alongside_png_reader_close(alongside_png_reader *r) { reader_free(r); }

// png_get_text only reads the info struct: it never calls png_error, so no setjmp is needed.
int alongside_png_reader_text_count(alongside_png_reader *r) {
    png_textp text = NULL;
    int n = 0;
    png_get_text(r->png, r->info, &text, &n);
    return text ? n : 0;
}

const char *alongside_png_reader_text(alongside_png_reader *r, int index, const char **key, size_t *length, int *utf8) {
    png_textp text = NULL;
    int n = 0;
    png_get_text(r->png, r->info, &text, &n);
    if (!text || index < 0 || index >= n) return NULL;
    png_textp t = &text[index];
    *key = t->key;
    *utf8 = t->compression == PNG_ITXT_COMPRESSION_NONE || t->compression == PNG_ITXT_COMPRESSION_zTXt;
    *length = *utf8 ? t->itxt_length : t->text_length;
    return t->text ? t->text : "";
}

// MARK: writer

struct alongside_png_writer {
    shim_context ctx;
    png_structp png;
    png_infop info;
    FILE *fp;
};

static void writer_free(alongside_png_writer *w) {
    if (!w) return;
    if (w->png) png_destroy_write_struct(&w->png, w->info ? &w->info : NULL);
    if (w->fp) fclose(w->fp);
    free(w);
}

alongside_png_writer *alongside_png_writer_open(const char *path, uint32_t width, uint32_t height, int color_type,
                                                int bit_depth, int level, char *err, size_t errlen) {
    alongside_png_writer *w = calloc(1, sizeof *w);
    if (!w) {
        shim_copy(err, errlen, "out of memory");
        return NULL;
    }
    w->fp = fopen(path, "wb");
    if (!w->fp) {
        shim_copy(err, errlen, strerror(errno));
        free(w);
        return NULL;
    }
    w->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &w->ctx, shim_error, shim_warning);
    if (!w->png) {
        shim_copy(err, errlen, "libpng could not create a write struct");
        writer_free(w);
        return NULL;
    }
    if (setjmp(w->ctx.jmp)) {
        shim_copy(err, errlen, w->ctx.message);
        writer_free(w);
        return NULL;
    }
    w->info = png_create_info_struct(w->png);
    if (!w->info) png_error(w->png, "libpng could not create an info struct");
    png_init_io(w->png, w->fp);
    png_set_compression_level(w->png, level);
    png_set_IHDR(w->png, w->info, width, height, bit_depth, color_type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(w->png, w->info);
    if (bit_depth == 16) png_set_swap(w->png);
    return w;
}

int alongside_png_writer_write_row(alongside_png_writer *w, const uint8_t *row, char *err, size_t errlen) {
    if (setjmp(w->ctx.jmp)) {
        shim_copy(err, errlen, w->ctx.message);
        return -1;
    }
    png_write_row(w->png, (png_const_bytep)row);
    return 0;
}

int alongside_png_writer_finish(alongside_png_writer *w, char *err, size_t errlen) {
    if (setjmp(w->ctx.jmp)) {
        shim_copy(err, errlen, w->ctx.message);
        return -1;
    }
    png_write_end(w->png, NULL);
    if (fflush(w->fp) != 0 || ferror(w->fp)) {
        shim_copy(err, errlen, strerror(errno));
        return -1;
    }
    int rc = fclose(w->fp);
    w->fp = NULL;
    if (rc != 0) {
        shim_copy(err, errlen, strerror(errno));
        return -1;
    }
    return 0;
}

void alongside_png_writer_destroy(alongside_png_writer *w) { writer_free(w); }
