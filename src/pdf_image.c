/* pdf_image.c — loads a figure's PNG or JPEG for the PDF; a JPEG keeps its
 * own bytes (cairo embeds them as DCT) rather than being decoded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safe_path.h"
#include "typeset.h"

#define MAX_IMAGE (32u << 20)

/* Width and height from a JPEG's SOF marker; 0 if not found. */
static int S_jpeg_size(const unsigned char *d, size_t n, int *w, int *h)
{
	size_t i = 2;
	while (i + 9 < n) {
		if (d[i] != 0xFF) {
			i++;
			continue;
		}
		unsigned m = d[i + 1];
		size_t seg = (size_t)d[i + 2] << 8 | d[i + 3];
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			*h = d[i + 5] << 8 | d[i + 6];
			*w = d[i + 7] << 8 | d[i + 8];
			return *w > 0 && *h > 0;
		}
		i += 2 + seg;
	}
	return 0;
}

static cairo_surface_t *S_jpeg(unsigned char *data, size_t len)
{
	int w = 0, h = 0;
	if (!S_jpeg_size(data, len, &w, &h) || w > GALLEY_MAX_IMAGE_SIDE || h > GALLEY_MAX_IMAGE_SIDE) {
		free(data);  /* the caller gave it up */
		return NULL;
	}
	/* a blank stand-in of the right size: the PDF surface uses the JPEG
	 * mime data instead of its pixels */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, data, len, free, data)
	    != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		free(data);
		return NULL;
	}
	return s;
}

cairo_surface_t *galley_image_load(const char *path, galley_diag *diag)
{
	size_t len = 0;
	galley_diag *quiet = galley_diag_new(path);
	galley_diag_set_quiet(quiet, 1);
	char *data = galley_read_file(path, MAX_IMAGE, &len, quiet);
	galley_diag_free(quiet);
	cairo_surface_t *s = NULL;
	if (data && len > 3 && memcmp(data, "\xff\xd8\xff", 3) == 0) {
		s = S_jpeg((unsigned char *)data, len);
		data = NULL;  /* owned by the surface (or freed) */
	} else if (data && len > 24 && memcmp(data, "\x89PNG", 4) == 0) {
		/* issue 7: the IHDR size, before cairo allocates the pixels */
		const unsigned char *d = (const unsigned char *)data;
		unsigned long w = (unsigned long)d[16] << 24 | d[17] << 16 | d[18] << 8 | d[19];
		unsigned long h = (unsigned long)d[20] << 24 | d[21] << 16 | d[22] << 8 | d[23];
		if (w <= GALLEY_MAX_IMAGE_SIDE && h <= GALLEY_MAX_IMAGE_SIDE)
			s = cairo_image_surface_create_from_png(path);
		if (s && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(s);
			s = NULL;
		}
	}
	free(data);
	if (!s)
		galley_diag_report(diag, GALLEY_DIAG_WARNING, 0,
		                   "image %s: cannot be read as PNG or JPEG; left out", path);
	return s;
}
