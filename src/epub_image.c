/* epub_image.c — copies the images an article references into the book, only from inside the input's folder, with their real media type, once checked whole (SVG: cleaned). */
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
	const char *magic = galley_image_magic(d, n);
	if (magic)
		return magic;
	/* SVG: XML whose first element is <svg> (a BOM, declaration, comments
	 * or a doctype may come first) */
	size_t i = n >= 3 && memcmp(d, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	size_t end = n < 4096 ? n : 4096;
	while (i < end) {
		while (i < end && d[i] != '<')
			i++;
		if (i + 1 >= end)
			break;
		if (d[i + 1] == '?' || d[i + 1] == '!') {
			i++;
			continue;
		}
		return i + 4 < n && memcmp(d + i + 1, "svg", 3) == 0 &&
		       (d[i + 4] == ' ' || d[i + 4] == '>' || d[i + 4] == '\n' ||
		        d[i + 4] == '\t' || d[i + 4] == '\r') ? "image/svg+xml" : NULL;
	}
	return NULL;
}

static const char *S_extension(const char *media_type)
{
	if (strcmp(media_type, "image/png") == 0) return "png";
	if (strcmp(media_type, "image/jpeg") == 0) return "jpg";
	if (strcmp(media_type, "image/gif") == 0) return "gif";
	return "svg";
}

/* Why the image DATA of TYPE cannot go into the book as it is, or NULL;
 * an SVG image is replaced by its cleaned copy (issue 14: decoded or
 * cleaned, never copied blind). */
static const char *S_check(const char *type, char **data, size_t *len)
{
	const char *why = NULL;
	if (strcmp(type, "image/webp") == 0)
		return "WebP is not an EPUB 3.2 core image type";  /* readers may not show it */
	unsigned long w = 0, h = 0;
	if (galley_image_size((const unsigned char *)*data, *len, &w, &h) &&
	    (w > GALLEY_MAX_IMAGE_SIDE || h > GALLEY_MAX_IMAGE_SIDE))
		return "larger than 10000 pixels a side";  /* a reading system would decode it */
	if (strcmp(type, "image/svg+xml") == 0) {
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
	*why = type ? S_check(type, &data, &len) : "not a PNG, JPEG, GIF or SVG image";
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
