/* image_svg.c — an SVG image drawn as vectors for the PDF: cleaned first
 * (svg_clean.c: no script, style sheet, entity, DTD nor reference out of
 * the image), then drawn by librsvg into a cairo recording surface, which
 * the PDF surface writes as a form of paths, never as pixels.  librsvg is
 * given no base file, so it could load nothing beside the image even if
 * a reference were left. */
#include <stdlib.h>

#include <librsvg/rsvg.h>

#include "image_decode.h"
#include "safe_path.h"
#include "svg_clean.h"

/* The size of an image with no width and height of its own nor a
 * viewBox: a browser's default for a replaced element. */
#define DEFAULT_W 300.0
#define DEFAULT_H 150.0
/* The longer side of the recording, in its units.  The PDF scales an
 * image to its column whatever its size, so only the aspect matters to
 * the paths; but librsvg draws filter effects as pixels of the target's
 * units: this many keep them near 300 dpi across a page, and a 10000-unit
 * image with a blur from taking 400 MB a surface. */
#define SIDE 2000.0

/* The image's size in CSS pixels: its width and height, else its
 * viewBox's. */
static void S_size(RsvgHandle *h, double *w, double *hh)
{
	gboolean has_vb = FALSE;
	RsvgRectangle vb = {0, 0, 0, 0};
	if (rsvg_handle_get_intrinsic_size_in_pixels(h, w, hh) && *w > 0 && *hh > 0)
		return;
	rsvg_handle_get_intrinsic_dimensions(h, NULL, NULL, NULL, NULL, &has_vb, &vb);
	*w = has_vb && vb.width > 0 ? vb.width : DEFAULT_W;
	*hh = has_vb && vb.height > 0 ? vb.height : DEFAULT_H;
}

cairo_surface_t *galley_image_svg(const unsigned char *d, size_t n, const char **why)
{
	size_t len = 0;
	char *clean = galley_svg_clean((const char *)d, n, &len, why);
	if (!clean)
		return NULL;
	GError *err = NULL;
	RsvgHandle *h = rsvg_handle_new_from_data((const guint8 *)clean, len, &err);
	cairo_surface_t *s = NULL;
	double w = 0, hh = 0;
	if (h)
		S_size(h, &w, &hh);
	if (h && (w > GALLEY_MAX_IMAGE_SIDE || hh > GALLEY_MAX_IMAGE_SIDE)) {
		*why = "an SVG image wider or higher than 10000 units";
	} else if (h) {
		double k = SIDE / (w > hh ? w : hh);
		cairo_rectangle_t ext = {0, 0, w * k, hh * k};
		s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
		cairo_t *cr = cairo_create(s);
		RsvgRectangle vp = {0, 0, w * k, hh * k};
		if (!rsvg_handle_render_document(h, cr, &vp, &err) ||
		    cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(s);
			s = NULL;
			*why = "an SVG image librsvg cannot draw";
		}
		cairo_destroy(cr);
	} else {
		*why = "an SVG image librsvg cannot read";
	}
	if (h)
		g_object_unref(h);
	g_clear_error(&err);
	free(clean);
	return s;
}
