#include "CPNG.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// libpng reports an error by calling the error function, which must not return: it longjmps
// back to rnnpng_encode_rgb24, which is why the encoder is written in C and not Swift.

typedef struct {
    uint8_t *bytes;
    size_t count;
    size_t capacity;
    char *message;
    size_t message_size;
} sink;

static void on_error(png_structp png, png_const_charp text) {
    sink *out = png_get_error_ptr(png);
    if (out && out->message && out->message_size > 0) snprintf(out->message, out->message_size, "%s", text);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void on_write(png_structp png, png_bytep data, size_t length) {
    sink *out = png_get_io_ptr(png);
    if (length > out->capacity - out->count) {
        size_t capacity = out->capacity ? out->capacity : 1 << 16;
        while (length > capacity - out->count) {
            if (capacity > SIZE_MAX / 2) png_error(png, "out of memory");
            capacity *= 2;
        }
        uint8_t *grown = realloc(out->bytes, capacity);
        if (!grown) png_error(png, "out of memory");
        out->bytes = grown;
        out->capacity = capacity;
    }
    memcpy(out->bytes + out->count, data, length);
    out->count += length;
}

static void on_flush(png_structp png) { (void)png; }

int rnnpng_encode_rgb24(const uint8_t *pixels, int width, int height, size_t stride, int level,
                        rnnpng_file *file, char *message, size_t message_size) {
    file->bytes = NULL;
    file->count = 0;
    if (message && message_size > 0) message[0] = 0;
    // The output lives on the heap and the row pointer is volatile: a local variable changed
    // between setjmp and a longjmp back to it has no defined value after the jump.
    sink *out = calloc(1, sizeof *out);
    uint8_t *volatile row = NULL;
    png_structp png = NULL;
    png_infop info = NULL;
    if (out) {
        out->message = message;
        out->message_size = message_size;
        png = png_create_write_struct(PNG_LIBPNG_VER_STRING, out, on_error, on_warning);
        info = png ? png_create_info_struct(png) : NULL;
    }
    if (!png || !info || width <= 0 || height <= 0 || (size_t)width > SIZE_MAX / 3) {
        if (message && message_size > 0) snprintf(message, message_size, "%s", png && info ? "empty image" : "out of memory");
        png_destroy_write_struct(&png, &info);
        free(out);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        free(out->bytes);
        free(out);
        return -1;
    }
    png_set_write_fn(png, out, on_write, on_flush);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_write_info(png, info);
    row = malloc((size_t)width * 3);
    if (!row) png_error(png, "out of memory");
    for (int y = 0; y < height; y++) {
        const uint8_t *source = pixels + (size_t)y * stride;
        uint8_t *target = row;
        for (int x = 0; x < width; x++) {
            uint32_t value;
            memcpy(&value, source + (size_t)x * 4, 4);
            target[0] = (uint8_t)(value >> 16);
            target[1] = (uint8_t)(value >> 8);
            target[2] = (uint8_t)value;
            target += 3;
        }
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    file->bytes = out->bytes;
    file->count = out->count;
    free(out);
    return 0;
}

void rnnpng_free(rnnpng_file *file) {
    free(file->bytes);
    file->bytes = NULL;
    file->count = 0;
}
