/* image_module.c — the image decoders of the galley program, modules
 * loaded for the first image that needs one:
 * - galley-images.so (src/image_decode.c, image_web.c, image_gif.c,
 *   image_webp.c: libjpeg, giflib and libwebp) for PNG, JPEG, GIF and
 *   WebP images and for the JPEGs the back ends store again.  Mapping
 *   those libraries cost every run a tenth of its start-up, and a text
 *   article has no image.
 * - galley-avif.so (src/image_avif.c: libavif, with the AV1 decoders and
 *   encoders Debian builds it with, dav1d, libgav1, libaom, rav1e and
 *   SVT-AV1) and galley-svg.so (src/image_svg.c: librsvg and its dozen
 *   libraries).  Loading either takes about 70 ms, more than a whole
 *   EPUB, so they are not part of galley-images.so.
 * The decoders call back into the program (the reduced image,
 * galley_shrink_*, and the AVIF decoder through its stub below).
 * Programs that link libgalley.a get them all directly. */
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "image_web.h"

static struct cli_entry S_decode = {.file = "galley-images.so", .entry = "galley_image_decode",
                                  .what = "its decoder"};
static struct cli_entry S_jpeg = {.file = "galley-images.so", .entry = "galley_image_jpeg_encode",
                                  .what = "the JPEG encoder"};
static struct cli_entry S_avif = {.file = "galley-avif.so", .entry = "galley_image_avif",
                                  .what = "its decoder"};
static struct cli_entry S_svg = {.file = "galley-svg.so", .entry = "galley_image_svg",
                                  .what = "its decoder"};

typedef cairo_surface_t *(*decode_fn)(const unsigned char *, size_t, int, int, const char **);
typedef unsigned char *(*jpeg_fn)(cairo_surface_t *, int, size_t *);
typedef cairo_surface_t *(*svg_fn)(const unsigned char *, size_t, const char **);

cairo_surface_t *galley_image_decode(const unsigned char *d, size_t n, int box_w, int box_h,
                                     const char **why)
{
	void *fn = cli_entry(&S_decode);
	if (fn)
		return ((decode_fn)(uintptr_t)fn)(d, n, box_w, box_h, why);
	*why = S_decode.error;
	return NULL;
}

unsigned char *galley_image_jpeg_encode(cairo_surface_t *s, int quality, size_t *len)
{
	void *fn = cli_entry(&S_jpeg);
	*len = 0;
	return fn ? ((jpeg_fn)(uintptr_t)fn)(s, quality, len) : NULL;
}

cairo_surface_t *galley_image_avif(const unsigned char *d, size_t n, int box_w, int box_h,
                                   const char **why)
{
	void *fn = cli_entry(&S_avif);
	if (fn)
		return ((decode_fn)(uintptr_t)fn)(d, n, box_w, box_h, why);
	*why = S_avif.error;
	return NULL;
}

cairo_surface_t *galley_image_svg(const unsigned char *d, size_t n, const char **why)
{
	void *fn = cli_entry(&S_svg);
	if (fn)
		return ((svg_fn)(uintptr_t)fn)(d, n, why);
	*why = S_svg.error;
	return NULL;
}
