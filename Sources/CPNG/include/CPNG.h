#ifndef RNNREPORT_CPNG_H
#define RNNREPORT_CPNG_H

#include <stddef.h>
#include <stdint.h>

/// A PNG file in memory, from `rnnpng_encode_rgb24`; release it with `rnnpng_free`.
typedef struct {
    uint8_t *bytes;
    size_t count;
} rnnpng_file;

/// Encodes an opaque image of 32-bit pixels, each 0x??RRGGBB in the machine's byte order (Cairo's
/// CAIRO_FORMAT_RGB24), as an 8-bit RGB PNG: no interlacing, every row filtered with PNG's Up
/// filter, the rows deflated by zlib at `level` (0–9). The same pixels and level give the same
/// bytes.
///
/// Returns 0 and fills `file` on success; on failure returns -1, leaves `file` empty and writes
/// libpng's message (or "out of memory") into `message`.
int rnnpng_encode_rgb24(const uint8_t *pixels, int width, int height, size_t stride, int level,
                        rnnpng_file *file, char *message, size_t message_size);

/// Releases the bytes of a file `rnnpng_encode_rgb24` filled.
void rnnpng_free(rnnpng_file *file);

#endif
