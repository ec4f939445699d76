/* image_module.c — AVIF and SVG images in the galley program, each a
 * module loaded for the first such image: galley-avif.so
 * (src/image_avif.c: libavif, with the AV1 decoders and encoders Debian
 * builds it with, dav1d, libgav1, libaom, rav1e and SVT-AV1) and
 * galley-svg.so (src/image_svg.c: librsvg and its dozen libraries).
 * Loading either takes about 70 ms, more than a whole EPUB, and most
 * articles have only PNG, JPEG, GIF and WebP images, whose decoders the
 * program links.  Programs that link libgalley.a get both directly. */
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "image_web.h"

struct module {
	const char *file, *entry;
	int tried;
	void *fn;
	char error[PATH_MAX + 128];
};

static struct module S_avif = {"galley-avif.so", "galley_image_avif", 0, NULL, ""};
static struct module S_svg = {"galley-svg.so", "galley_image_svg", 0, NULL, ""};

/* M's entry point once its module is loaded, or NULL with why in
 * M->error. */
static void *S_load(struct module *m)
{
	if (!m->tried) {
		m->tried = 1;
		char why[PATH_MAX + 64] = "";
		void *h = cli_module_open(m->file, why, sizeof why);
		m->fn = h ? dlsym(h, m->entry) : NULL;
		if (!m->fn)
			snprintf(m->error, sizeof m->error, "cannot load its decoder (%s): %s", m->file,
			         h ? "the entry point is missing" : why);
	}
	return m->fn;
}

typedef cairo_surface_t *(*avif_fn)(const unsigned char *, size_t, int, int, const char **);
typedef cairo_surface_t *(*svg_fn)(const unsigned char *, size_t, const char **);

cairo_surface_t *galley_image_avif(const unsigned char *d, size_t n, int box_w, int box_h,
                                   const char **why)
{
	void *fn = S_load(&S_avif);
	if (fn)
		return ((avif_fn)(uintptr_t)fn)(d, n, box_w, box_h, why);
	*why = S_avif.error;
	return NULL;
}

cairo_surface_t *galley_image_svg(const unsigned char *d, size_t n, const char **why)
{
	void *fn = S_load(&S_svg);
	if (fn)
		return ((svg_fn)(uintptr_t)fn)(d, n, why);
	*why = S_svg.error;
	return NULL;
}
