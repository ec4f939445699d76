/* pdf.h — what the files of the PDF back end share: the state of one
 * rendering (cairo surface, the flow, its pages, the digest's front matter). */
#ifndef GALLEY_PDF_H
#define GALLEY_PDF_H

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "typeset.h"

struct pdf_toc_entry {
	PangoLayout *title;
	PangoLayout *number;
	int page;                /* 0-based page of the contents it is on */
	double y;                /* top of the entry on that page */
	double height;
	size_t article;
};

struct pdf_ctx {
	galley_node *doc;
	const galley_layout *l;
	const galley_options *opts;
	galley_diag *diag;
	struct ts_flow *flow;
	struct ts_pages pages;
	cairo_surface_t *surface;
	cairo_t *cr;
	double offset;           /* bleed and crop-mark room around the trim box */
	int digest;              /* several articles: title page and contents */
	char *publication;       /* digest title, or the article's publisher */
	int front;               /* pages before the first article */
	struct pdf_toc_entry *toc;
	size_t n_toc;
};

/* Draw page INDEX (0-based) of the article pages: its placed blocks, links,
 * running head and foot.  The surface's page size is already set. */
void galley_pdf_draw_page(struct pdf_ctx *c, size_t index);
/* Draw LINE of a text block whose glyphs index TEXT, its left edge at X
 * on baseline Y, in the current colour (pdf_glyphs.c). */
void galley_pdf_show_line(cairo_t *cr, const char *text, const struct ts_line *line, double x,
                          double y);
/* Crop marks around the trim box (layouts that ask for them). */
void galley_pdf_crop_marks(struct pdf_ctx *c);
/* Colour 0xRRGGBB as the cairo source. */
void galley_pdf_colour(cairo_t *cr, unsigned rgb);

/* Digest: set the contents, deciding how many front pages there are
 * (c->front).  Then, once the articles are paginated, draw them. */
void galley_pdf_front_prepare(struct pdf_ctx *c);
void galley_pdf_front_draw(struct pdf_ctx *c, size_t index);
void galley_pdf_front_free(struct pdf_ctx *c);

#endif
