#ifndef RNNREPORT_CCAIRO_SHIM_H
#define RNNREPORT_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-svg.h>
// Fonts are loaded from their files with FreeType and handed to Cairo as FreeType faces, so that
// fontconfig (and a user's fonts.conf) never chooses or changes them.
#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H
#endif
