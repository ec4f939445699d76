/* image_shrink.c — what the image decoders share and the back ends ask
 * of an image, without a decoder's library: the box an image is reduced
 * to (galley_shrink_*), its type by its first bytes, its extent and
 * opacity.  The decoders themselves (image_decode.c, image_web.c) are, in
 * the galley program, a module loaded for the first image
 * (tools/image_module.c): a text article maps none of their libraries. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image_decode.h"
#include "util.h"

/* The whole factor by which W x H is reduced so that it still covers the
 * box BOX_W x BOX_H it is shown in (0: no box, never reduced). */
int galley_image_factor(int w, int h, int box_w, int box_h)
{
	if (box_w <= 0 || box_h <= 0)
		return 1;
	/* shown scaled to fit the box, by min(box_w / w, box_h / h): it keeps
	 * enough pixels when reduced by at most the inverse of that */
	double fw = (double)w / box_w, fh = (double)h / box_h;
	double f = fw > fh ? fw : fh;
	return f >= 2 ? (int)f : 1;
}

int galley_shrink_start(struct galley_shrink *k, int w, int h, int f)
{
	memset(k, 0, sizeof *k);
	k->w = w, k->h = h, k->f = f;
	k->ow = (w + f - 1) / f;
	k->oh = (h + f - 1) / f;
	k->s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, k->ow, k->oh);
	if (cairo_surface_status(k->s) != CAIRO_STATUS_SUCCESS)
		return -1;
	k->acc = galley_xcalloc((size_t)k->ow * 4, sizeof *k->acc);
	return 0;
}

/* Write the summed rows as one row of the image. */
static void S_shrink_flush(struct galley_shrink *k)
{
	unsigned char *data = cairo_image_surface_get_data(k->s);
	uint32_t *out = (uint32_t *)(void *)(data + (size_t)k->y * cairo_image_surface_get_stride(k->s));
	for (int x = 0; x < k->ow; x++) {
		int cols = k->w - x * k->f < k->f ? k->w - x * k->f : k->f;
		uint64_t n = (uint64_t)cols * (uint64_t)k->rows, *a = k->acc + 4 * x;
		out[x] = (uint32_t)(a[3] / n) << 24 | (uint32_t)(a[2] / n) << 16 |
		         (uint32_t)(a[1] / n) << 8 | (uint32_t)(a[0] / n);
	}
	memset(k->acc, 0, (size_t)k->ow * 4 * sizeof *k->acc);
	k->rows = 0;
	k->y++;
}

void galley_shrink_span(struct galley_shrink *k, const unsigned char *px, int x0, int n)
{
	int end = px && x0 >= 0 && n > 0 ? (x0 + n < k->w ? x0 + n : k->w) : 0;
	for (int x = end ? x0 : 0; x < end; x++, px += 4) {
		uint64_t *a = k->acc + 4 * (x / k->f);
		unsigned al = px[3];
		a[0] += px[2] * al / 255;
		a[1] += px[1] * al / 255;
		a[2] += px[0] * al / 255;
		a[3] += al;
	}
	if (++k->rows == k->f || k->y * k->f + k->rows == k->h)
		S_shrink_flush(k);
}

void galley_shrink_row(struct galley_shrink *k, const unsigned char *px)
{
	galley_shrink_span(k, px, 0, k->w);
}

/* The image made, or NULL (freed) when not every row came. */
cairo_surface_t *galley_shrink_end(struct galley_shrink *k, int whole)
{
	free(k->acc);
	k->acc = NULL;
	if (!whole || k->y != k->oh) {
		cairo_surface_destroy(k->s);
		return NULL;
	}
	cairo_surface_mark_dirty(k->s);
	return k->s;
}

void galley_image_extent(cairo_surface_t *s, double *w, double *h)
{
	cairo_rectangle_t r = {0, 0, 0, 0};
	if (cairo_surface_get_type(s) == CAIRO_SURFACE_TYPE_RECORDING) {
		cairo_recording_surface_get_extents(s, &r);
	} else {
		r.width = cairo_image_surface_get_width(s);
		r.height = cairo_image_surface_get_height(s);
	}
	*w = r.width;
	*h = r.height;
}

int galley_image_opaque(cairo_surface_t *s)
{
	if (cairo_image_surface_get_format(s) == CAIRO_FORMAT_RGB24)
		return 1;
	const unsigned char *data = cairo_image_surface_get_data(s);
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < h; y++) {
		const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
		for (int x = 0; x < w; x++)
			if (px[x] >> 24 != 0xff)
				return 0;
	}
	return 1;
}

int galley_image_verify(const unsigned char *d, size_t n, const char **why)
{
	/* decoded into a small box: a JPEG by an eighth, every byte read */
	cairo_surface_t *s = galley_image_decode(d, n, 64, 64, why);
	if (s)
		cairo_surface_destroy(s);
	return s != NULL;
}

/* An ISO media file (HEIF) whose brands name AVIF: "ftyp", then the
 * major brand, a version and the compatible brands, within its box. */
static int S_avif(const unsigned char *d, size_t n)
{
	if (n < 16 || memcmp(d + 4, "ftyp", 4) != 0)
		return 0;
	size_t box = (size_t)d[0] << 24 | (size_t)d[1] << 16 | (size_t)d[2] << 8 | d[3];
	if (box > n)
		box = n;
	for (size_t i = 8; i + 4 <= box; i += i == 8 ? 8 : 4)
		if (memcmp(d + i, "avif", 4) == 0 || memcmp(d + i, "avis", 4) == 0)
			return 1;
	return 0;
}

const char *galley_image_magic(const unsigned char *d, size_t n)
{
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return "image/jpeg";
	if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
		return "image/gif";
	if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		return "image/webp";
	if (S_avif(d, n))
		return "image/avif";
	return NULL;
}

const char *galley_image_type(const unsigned char *d, size_t n)
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
