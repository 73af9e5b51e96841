#ifndef ALONGSIDE_CPNGSHIMS_H
#define ALONGSIDE_CPNGSHIMS_H
// setjmp-safe libpng calls. libpng reports errors by longjmp; every function here that
// calls libpng calls setjmp itself first (its frame is live when libpng jumps), records
// the message in the handle, and returns an error code. Nothing is printed: libpng's
// error and warning callbacks write into the handle. Swift never sees a longjmp.
#include <stddef.h>
#include <stdint.h>

/// Header of a PNG, read by `alongside_png_reader_open_*` (png_read_info), with the
/// transforms applied that GDAL applies: 1/2/4-bit samples unpacked to one byte each
/// (values kept, not scaled), 16-bit samples byte-swapped to host (little-endian) order.
typedef struct {
    uint32_t width, height;
    /// Bits per sample in the file (1, 2, 4, 8, 16).
    int bit_depth;
    /// PNG colour type: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA.
    int color_type;
    int interlaced;
    /// Samples per pixel as decoded (palette: 1 index).
    int channels;
    /// Bytes of one decoded row (after unpacking).
    size_t rowbytes;
    int num_palette;
    uint8_t palette_rgb[256 * 3];
    /// tRNS alpha per palette entry (first num_trans entries).
    int num_trans;
    uint8_t trans_alpha[256];
    /// Gray or RGB tRNS colour, in file sample units.
    int has_trans_color;
    uint16_t trans_gray, trans_red, trans_green, trans_blue;
    /// Warnings libpng issued (not printed); the last one is in the handle's message.
    int warnings;
} alongside_png_header;

typedef struct alongside_png_reader alongside_png_reader;

/// Opens `path` and reads the header. `max_width`/`max_height` go to png_set_user_limits
/// (0 keeps libpng's default). On failure returns NULL with a one-line reason in `err`.
alongside_png_reader *alongside_png_reader_open_file(const char *path, uint32_t max_width, uint32_t max_height,
                                                     alongside_png_header *header, char *err, size_t errlen);
/// Same, over `size` bytes in memory (which must outlive the reader).
alongside_png_reader *alongside_png_reader_open_memory(const uint8_t *data, size_t size, uint32_t max_width,
                                                       uint32_t max_height, alongside_png_header *header, char *err,
                                                       size_t errlen);
/// Reads the next row of a non-interlaced image into `row` (header.rowbytes bytes).
/// Returns 0, or -1 with the reason in `err`.
int alongside_png_reader_read_row(alongside_png_reader *r, uint8_t *row, char *err, size_t errlen);
/// Reads the whole image (any interlacing) into `rows` (height row pointers of rowbytes each).
int alongside_png_reader_read_image(alongside_png_reader *r, uint8_t *const *rows, char *err, size_t errlen);
void alongside_png_reader_close(alongside_png_reader *r);
/// Text chunks (tEXt, zTXt, iTXt) read so far (those before the image data, after open).
int alongside_png_reader_text_count(alongside_png_reader *r);
/// Text chunk `index`: its keyword in `*key`, its text returned (`*length` bytes); `*utf8` is 1
/// for iTXt (UTF-8), 0 for tEXt/zTXt (Latin-1). NULL when out of range. Valid until close.
const char *alongside_png_reader_text(alongside_png_reader *r, int index, const char **key, size_t *length, int *utf8);

typedef struct alongside_png_writer alongside_png_writer;

/// Creates `path` and writes the header. `color_type` 0/2/4/6, `bit_depth` 8 or 16; 16-bit rows
/// are given in host (little-endian) order. `level` is the zlib level 0…9.
alongside_png_writer *alongside_png_writer_open(const char *path, uint32_t width, uint32_t height, int color_type,
                                                int bit_depth, int level, char *err, size_t errlen);
/// Writes the next row (width × channels samples, interleaved).
int alongside_png_writer_write_row(alongside_png_writer *w, const uint8_t *row, char *err, size_t errlen);
/// Writes IEND, flushes and closes the file. Returns 0, or -1 with the reason.
int alongside_png_writer_finish(alongside_png_writer *w, char *err, size_t errlen);
/// Frees the writer (closing the file if still open).
void alongside_png_writer_destroy(alongside_png_writer *w);

#endif
