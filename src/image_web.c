/* image_web.c — GIF, WebP and AVIF, each to its decoder by the magic
 * number of its first bytes.  In the galley program the AVIF decoder is a
 * module (galley-avif.so, tools/image_module.c) loaded for the first AVIF
 * image. */
#include <string.h>

#include "image_web.h"

cairo_surface_t *galley_image_decode_web(const unsigned char *d, size_t n, int box_w,
                                         int box_h, const char **why)
{
	const char *type = galley_image_magic(d, n);
	if (type && strcmp(type, "image/gif") == 0)
		return galley_image_gif(d, n, box_w, box_h, why);
	if (type && strcmp(type, "image/webp") == 0)
		return galley_image_webp(d, n, box_w, box_h, why);
	if (type && strcmp(type, "image/avif") == 0)
		return galley_image_avif(d, n, box_w, box_h, why);
	*why = "not a GIF, WebP or AVIF image";
	return NULL;
}
