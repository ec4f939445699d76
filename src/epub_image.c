/* epub_image.c — copies the images an article references into the book, only from inside the input's folder, with their real media type, once checked whole (SVG: cleaned).
 * WebP and AVIF, which are not core media types of EPUB 3.2 (a reading
 * system need not show them, and epubcheck refuses them without a
 * fallback), are decoded and stored as JPEG, or PNG when they have
 * transparency. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "epub.h"
#include "fetched.h"
#include "image_decode.h"
#include "open_regular.h"
#include "safe_path.h"
#include "svg_clean.h"


const char *epub_image_sniff(const unsigned char *d, size_t n)
{
	return galley_image_type(d, n);
}

static const char *S_extension(const char *media_type)
{
	if (strcmp(media_type, "image/png") == 0) return "png";
	if (strcmp(media_type, "image/jpeg") == 0) return "jpg";
	if (strcmp(media_type, "image/gif") == 0) return "gif";
	return "svg";
}

/* The longest side, in pixels, of a WebP or AVIF image stored again for
 * the book: more than an e-reader's screen shows, even zoomed. */
#define CONVERTED_SIDE 3000
#define CONVERTED_JPEG_QUALITY 90

static cairo_status_t S_append(void *closure, const unsigned char *data, unsigned int len)
{
	galley_buf_put(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* The WebP or AVIF image *DATA decoded and stored again as JPEG (opaque)
 * or PNG, its new *TYPE; or why not. */
static const char *S_convert(const char **type, char **data, size_t *len)
{
	const char *why = NULL;
	cairo_surface_t *s = galley_image_decode((const unsigned char *)*data, *len,
	                                         CONVERTED_SIDE, CONVERTED_SIDE, &why);
	if (!s)
		return why;
	size_t n = 0;
	char *out = NULL;
	if (galley_image_opaque(s)) {
		out = (char *)galley_image_jpeg_encode(s, CONVERTED_JPEG_QUALITY, &n);
		*type = "image/jpeg";
	} else {
		galley_buf png = GALLEY_BUF_INIT;
		if (cairo_surface_write_to_png_stream(s, S_append, &png) == CAIRO_STATUS_SUCCESS) {
			out = png.data;
			n = png.len;
		} else {
			galley_buf_free(&png);
		}
		*type = "image/png";
	}
	cairo_surface_destroy(s);
	if (!out)
		return "it cannot be stored again as JPEG or PNG";
	free(*data);
	*data = out;
	*len = n;
	return NULL;
}

/* Why the image DATA of *TYPE cannot go into the book, or NULL; an SVG
 * image is replaced by its cleaned copy (issue 14: decoded or cleaned,
 * never copied blind), a WebP or AVIF image by a JPEG or PNG. */
static const char *S_check(const char **type, char **data, size_t *len)
{
	const char *why = NULL;
	if (strcmp(*type, "image/webp") == 0 || strcmp(*type, "image/avif") == 0)
		return S_convert(type, data, len);
	unsigned long w = 0, h = 0;
	if (galley_image_size((const unsigned char *)*data, *len, &w, &h) &&
	    (w > GALLEY_MAX_IMAGE_SIDE || h > GALLEY_MAX_IMAGE_SIDE))
		return "larger than 10000 pixels a side";  /* a reading system would decode it */
	if (strcmp(*type, "image/svg+xml") == 0) {
		size_t n = 0;
		char *clean = galley_svg_clean(*data, *len, &n, &why);
		if (!clean)
			return why;
		free(*data);
		*data = clean;
		*len = n;
		return NULL;
	}
	return galley_image_verify((const unsigned char *)*data, *len, &why) ? NULL : why;
}

static const char *S_copy(struct epub_book *b, const char *src, const char **why)
{
	/* issue 20: a fetched copy of a remote image, else a file beside the input */
	char *file = galley_image_file(b->opts, src, why);
	if (!file)
		return NULL;
	size_t len = 0;
	char *data = galley_read_regular(file, GALLEY_MAX_IMAGE_BYTES, &len);
	free(file);
	if (!data) {
		*why = "it cannot be read";
		return NULL;
	}
	const char *type = epub_image_sniff((const unsigned char *)data, len);
	*why = type ? S_check(&type, &data, &len) : "not a PNG, JPEG, GIF, WebP, AVIF or SVG image";
	if (*why) {
		free(data);
		return NULL;
	}
	b->n_images++;
	char *href = galley_xasprintf("images/img%03zu.%s", b->n_images, S_extension(type));
	char id[32];
	snprintf(id, sizeof id, "img%zu", b->n_images);
	struct epub_file *f = epub_book_add(b, EPUB_GROUP_IMAGE, href, id, type, NULL, data, len);
	free(href);
	return f->href;
}

const char *epub_image_add(struct epub_book *b, const char *src, int line)
{
	if (!b->images)
		b->images = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GHashTable *seen = b->images;
	gpointer found;
	/* an image used twice is copied once; a refused one is reported once */
	if (src && g_hash_table_lookup_extended(seen, src, NULL, &found))
		return found;
	const char *why = NULL;
	const char *href = S_copy(b, src, &why);
	if (!href && why) {   /* no WHY: a failed fetch, reported then */
		/* the messages name the output, so the input's line goes in the
		 * text rather than after the file name */
		char where[48] = "";
		if (line > 0)
			snprintf(where, sizeof where, " (input line %d)", line);
		galley_diag_report(b->diag, GALLEY_DIAG_WARNING, 0, "image '%s'%s left out: %s",
		                   src ? src : "", where, why);
	}
	if (src)
		g_hash_table_insert(seen, g_strdup(src), href ? g_strdup(href) : NULL);
	return href ? g_hash_table_lookup(seen, src) : NULL;
}

void epub_image_free(struct epub_book *b)
{
	if (b->images)
		g_hash_table_destroy(b->images);
	b->images = NULL;
}
