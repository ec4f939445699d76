/* pdf_image.c — a document's figures for the PDF: each image file decoded
 * once (issue 14: a 10000-pixel PNG used ten times was decoded ten times,
 * 22 s and 3.9 GB), reduced to the print resolution its column needs, and
 * all of them kept under one budget of decoded bytes.  A JPEG shown at its
 * own size keeps its bytes, which cairo embeds as they are (DCT); an opaque
 * WebP or AVIF photograph is stored as a JPEG.  An SVG image is a cairo
 * recording surface of vectors (image_svg.c), which cairo writes as a
 * form of paths. */
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "image_decode.h"
#include "open_regular.h"
#include "safe_path.h"
#include "typeset.h"

/* Pixels per inch an image keeps at the size it is printed. */
#define PRINT_DPI 300
/* The quality of a JPEG made again at print resolution. */
#define JPEG_QUALITY 90
/* The decoded images of one document, together (about 8 images filling
 * an A4 column). */
#define DECODED_MAX ((size_t)128 << 20)

struct galley_image_cache {
	GHashTable *by_path;   /* real path -> surface, or NULL when refused */
	size_t decoded;        /* bytes of the surfaces kept */
};

struct galley_image_cache *galley_image_cache_new(void)
{
	struct galley_image_cache *c = galley_xcalloc(1, sizeof *c);
	c->by_path = g_hash_table_new_full(g_str_hash, g_str_equal, free,
	                                   (GDestroyNotify)cairo_surface_destroy);
	return c;
}

void galley_image_cache_free(struct galley_image_cache *c)
{
	if (!c)
		return;
	g_hash_table_destroy(c->by_path);
	free(c);
}

/* The JPEG's own bytes for cairo to embed, when it was not reduced. */
static void S_keep_jpeg(cairo_surface_t *s, unsigned char *data, size_t len)
{
	cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, data, len, free, data);
}

/* Decode the image at PATH for a box of BOX_W x BOX_H pt; NULL (*WHY set)
 * when it cannot be. */
static cairo_surface_t *S_decode(struct galley_image_cache *c, const char *path, double box_w,
                                 double box_h, const char **why)
{
	size_t len = 0;
	unsigned char *data = galley_read_regular(path, GALLEY_MAX_IMAGE_BYTES, &len);
	if (!data) {
		*why = "it cannot be read";
		return NULL;
	}
	const char *type = galley_image_type(data, len);
	if (type && strcmp(type, "image/svg+xml") == 0) {
		cairo_surface_t *svg = galley_image_svg(data, len, why);
		free(data);
		return svg;   /* vectors: nothing decoded to count */
	}
	cairo_surface_t *s = galley_image_decode(data, len, (int)(box_w * PRINT_DPI / 72),
	                                         (int)(box_h * PRINT_DPI / 72), why);
	unsigned long w = 0, h = 0;
	int jpeg = type && strcmp(type, "image/jpeg") == 0;
	/* lossy formats of photographs: JPEG in the PDF, a fraction of Flate's
	 * bytes (an opaque WebP or AVIF image) */
	int photo = jpeg || (type && (strcmp(type, "image/webp") == 0 ||
	                              strcmp(type, "image/avif") == 0) &&
	                     s && galley_image_opaque(s));
	if (s && jpeg && galley_image_size(data, len, &w, &h) &&
	    (unsigned long)cairo_image_surface_get_width(s) == w &&
	    (unsigned long)cairo_image_surface_get_height(s) == h) {
		S_keep_jpeg(s, data, len);
		data = NULL;   /* now the surface's */
	} else if (s && photo) {
		/* a photograph reduced, or of another format: JPEG again */
		size_t n = 0;
		unsigned char *again = galley_image_jpeg_encode(s, JPEG_QUALITY, &n);
		if (again)
			S_keep_jpeg(s, again, n);
	}
	free(data);
	size_t bytes = s ? (size_t)cairo_image_surface_get_stride(s) *
	                   (size_t)cairo_image_surface_get_height(s) : 0;
	if (s && c->decoded + bytes > DECODED_MAX) {
		cairo_surface_destroy(s);
		*why = "the document's images exceed 128 MiB once decoded";
		return NULL;
	}
	c->decoded += bytes;
	return s;
}

cairo_surface_t *galley_image_cache_get(struct galley_image_cache *c, const char *path,
                                        const char *src,
                                        double box_w, double box_h, galley_diag *diag,
                                        int line)
{
	gpointer found = NULL;
	if (g_hash_table_lookup_extended(c->by_path, path, NULL, &found))
		return found ? cairo_surface_reference(found) : NULL;
	const char *why = NULL;
	cairo_surface_t *s = S_decode(c, path, box_w, box_h, &why);
	if (!s) {
		const char *name = strrchr(path, '/');
		if (src && strstr(src, "://"))
			name = src - 1;
		galley_diag_report(diag, GALLEY_DIAG_WARNING, line, "image %s left out: %s",
		                   name ? name + 1 : path, why);
	}
	/* a refused image is remembered too: one warning per document */
	g_hash_table_insert(c->by_path, galley_xstrdup(path), s);
	return s ? cairo_surface_reference(s) : NULL;
}
