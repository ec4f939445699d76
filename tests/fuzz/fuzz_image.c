/* fuzz_image.c — libFuzzer target for the image decoders
 * (src/image_decode.c, src/image_web.c and its GIF, WebP and AVIF
 * decoders, src/image_svg.c): any bytes give an image or a reason; an
 * image is of the size its box allows and, verified, is whole.  The
 * choice byte picks the box, (choice & 63) + 1 pixels a side: galley
 * always decodes for a box (the PDF's print size, the EPUB's 3000 pixels),
 * and a full-size decode of a 10000-pixel canvas would only time the
 * sanitizer's memory. */
#include <cairo.h>

#include "fuzz.h"
#include "image_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	if (!fuzz_split(data, size, &in))
		return 0;
	const unsigned char *d = (const unsigned char *)in.data;
	int box = (int)(in.choice & 63) + 1;
	const char *why = NULL;
	const char *type = galley_image_type(d, in.len);
	cairo_surface_t *s = type && strcmp(type, "image/svg+xml") == 0
	                   ? galley_image_svg(d, in.len, &why)
	                   : galley_image_decode(d, in.len, box, box, &why);
	if (!s) {
		if (!why)
			abort();   /* every refusal says why */
		return 0;
	}
	double w = 0, h = 0;
	galley_image_extent(s, &w, &h);
	if (w <= 0 || h <= 0 || w > 10000 || h > 10000)
		abort();
	if (cairo_surface_get_type(s) == CAIRO_SURFACE_TYPE_IMAGE &&
	    !galley_image_verify(d, in.len, &why))
		abort();   /* decoded once, it decodes again */
	cairo_surface_destroy(s);
	return 0;
}
