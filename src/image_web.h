/* image_web.h — the decoders of the web's other raster formats, each
 * into a cairo image reduced for a box as galley_image_decode says. */
#ifndef GALLEY_IMAGE_WEB_H
#define GALLEY_IMAGE_WEB_H

#include "image_decode.h"

cairo_surface_t *galley_image_gif(const unsigned char *d, size_t n, int box_w, int box_h,
                                  const char **why);
cairo_surface_t *galley_image_webp(const unsigned char *d, size_t n, int box_w, int box_h,
                                   const char **why);
/* In the galley program a module (tools/image_module.c): libavif brings
 * the AV1 codecs. */
cairo_surface_t *galley_image_avif(const unsigned char *d, size_t n, int box_w, int box_h,
                                   const char **why);

#endif
