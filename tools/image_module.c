/* image_module.c — GIF, WebP, AVIF and SVG images in the galley program, a
 * module (galley-image.so: src/image_web.c, the decoders and
 * src/image_svg.c) loaded for the first such image.  libavif brings the
 * AV1 decoders and encoders Debian builds it with (dav1d, libgav1, libaom,
 * rav1e, SVT-AV1), librsvg its own dozen: loading them would cost every
 * run, and most articles have only PNG and JPEG images.  Programs that
 * link libgalley.a get the decoders directly. */
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "image_decode.h"

#define MODULE "galley-image.so"

typedef cairo_surface_t *(*decode_fn)(const unsigned char *, size_t, int, int, const char **);
typedef cairo_surface_t *(*svg_fn)(const unsigned char *, size_t, const char **);

static struct {
	int tried;
	decode_fn decode;
	svg_fn svg;
	char error[PATH_MAX + 128];
} S_mod;

/* 1 once the module is loaded, with both entry points; else 0 and why in
 * S_mod.error. */
static int S_load(void)
{
	if (!S_mod.tried) {
		S_mod.tried = 1;
		char why[PATH_MAX + 64] = "";
		void *m = cli_module_open(MODULE, why, sizeof why);
		if (m) {
			S_mod.decode = (decode_fn)(uintptr_t)dlsym(m, "galley_image_decode_web");
			S_mod.svg = (svg_fn)(uintptr_t)dlsym(m, "galley_image_svg");
		}
		if (!S_mod.decode || !S_mod.svg) {
			S_mod.decode = NULL;
			snprintf(S_mod.error, sizeof S_mod.error, "cannot load the image decoders (%s): %s",
			         MODULE, m ? "an entry point is missing" : why);
		}
	}
	return S_mod.decode != NULL;
}

cairo_surface_t *galley_image_decode_web(const unsigned char *d, size_t n, int box_w,
                                         int box_h, const char **why)
{
	if (S_load())
		return S_mod.decode(d, n, box_w, box_h, why);
	*why = S_mod.error;
	return NULL;
}

cairo_surface_t *galley_image_svg(const unsigned char *d, size_t n, const char **why)
{
	if (S_load())
		return S_mod.svg(d, n, why);
	*why = S_mod.error;
	return NULL;
}
