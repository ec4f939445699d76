/* pdf_glyphs.c — draws a set line's glyph runs with cairo, each cluster of
 * glyphs with the text it stands for, so that the words can be searched
 * and copied.  Soft hyphens no line breaks at are left out of that text
 * (a ligature can hold one: "af\u00adfairs"); one a line breaks at reads
 * as "-". */
#include <string.h>

#include "pdf.h"

#define SHY "\xc2\xad"

/* Runs pango draws itself: right to left, or with glyphs the font lacks
 * (pango draws those as boxes with the character's code). */
static int S_pango_draws(const PangoGlyphItem *run)
{
	if (run->item->analysis.level & 1)
		return 1;
	for (int g = 0; g < run->glyphs->num_glyphs; g++)
		if (run->glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			return 1;
	return 0;
}

/* Append the LEN bytes at TEXT to OUT without soft hyphens; a cluster of
 * drawn glyphs that was only a soft hyphen is a hyphen at a line's end. */
static void S_cluster_text(galley_buf *out, const char *text, int len, int drawn)
{
	size_t before = out->len;
	int shy = 0;
	for (int i = 0; i < len; i++) {
		if (i + 1 < len && memcmp(text + i, SHY, 2) == 0) {
			shy = 1;
			i++;
			continue;
		}
		galley_buf_putc(out, text[i]);
	}
	if (out->len == before && shy && drawn)
		galley_buf_putc(out, '-');
}

/* The rise of RUN's text above the baseline, pt (a note's number). */
static double S_rise(const PangoGlyphItem *run)
{
	for (GSList *a = run->item->analysis.extra_attrs; a; a = a->next) {
		const PangoAttribute *attr = a->data;
		if (attr->klass->type == PANGO_ATTR_RISE)
			return ((const PangoAttrInt *)attr)->value / (double)PANGO_SCALE;
	}
	return 0;
}

/* FONT widened by EXPAND (0.01: 1 %), a new reference: the font matrix
 * scaled across, so that the PDF's text keeps its characters and only the
 * text matrix changes.  cairo keeps the few scaled fonts this makes. */
static cairo_scaled_font_t *S_expanded(cairo_scaled_font_t *font, double expand)
{
	cairo_matrix_t fm, ctm;
	cairo_scaled_font_get_font_matrix(font, &fm);
	cairo_scaled_font_get_ctm(font, &ctm);
	cairo_matrix_t wide;
	cairo_matrix_init_scale(&wide, 1 + expand, 1);
	cairo_matrix_multiply(&fm, &wide, &fm);
	cairo_font_options_t *o = cairo_font_options_create();
	cairo_scaled_font_get_font_options(font, o);
	cairo_scaled_font_t *e = cairo_scaled_font_create(cairo_scaled_font_get_font_face(font), &fm,
	                                                  &ctm, o);
	cairo_font_options_destroy(o);
	return e;
}

/* Draw RUN with its left edge at X on baseline Y, its glyphs widened by
 * EXPAND (their advances already are). */
static void S_run(cairo_t *cr, const char *text, PangoGlyphItem *run, double x, double y,
                  double expand)
{
	y -= S_rise(run);
	cairo_scaled_font_t *font =
		pango_cairo_font_get_scaled_font((PangoCairoFont *)run->item->analysis.font);
	if (!font || S_pango_draws(run)) {
		cairo_move_to(cr, x, y);
		pango_cairo_show_glyph_item(cr, text, run);
		return;
	}
	const PangoGlyphString *gs = run->glyphs;
	cairo_glyph_t *glyphs = galley_xmalloc((size_t)gs->num_glyphs * sizeof *glyphs);
	cairo_text_cluster_t *clusters = galley_xmalloc((size_t)gs->num_glyphs * sizeof *clusters);
	galley_buf utf8 = GALLEY_BUF_INIT;
	int n_glyphs = 0, n_clusters = 0, pos = 0;
	PangoGlyphItemIter it;
	for (int more = pango_glyph_item_iter_init_start(&it, run, text); more;
	     more = pango_glyph_item_iter_next_cluster(&it)) {
		int first = n_glyphs;
		for (int g = it.start_glyph; g < it.end_glyph; g++) {
			const PangoGlyphInfo *gi = &gs->glyphs[g];
			if (gi->glyph != PANGO_GLYPH_EMPTY)
				glyphs[n_glyphs++] = (cairo_glyph_t){
					gi->glyph, x + (pos + gi->geometry.x_offset) / (double)PANGO_SCALE,
					y + gi->geometry.y_offset / (double)PANGO_SCALE};
			pos += gi->geometry.width;
		}
		size_t before = utf8.len;
		S_cluster_text(&utf8, text + it.start_index, it.end_index - it.start_index,
		               n_glyphs > first);
		if (n_glyphs > first || utf8.len > before)
			clusters[n_clusters++] = (cairo_text_cluster_t){(int)(utf8.len - before),
			                                                 n_glyphs - first};
	}
	if (n_glyphs) {
		cairo_scaled_font_t *wide = expand != 0 ? S_expanded(font, expand) : NULL;
		cairo_set_scaled_font(cr, wide ? wide : font);
		cairo_show_text_glyphs(cr, utf8.data ? utf8.data : "", (int)utf8.len, glyphs, n_glyphs,
		                       clusters, n_clusters, 0);
		if (wide)
			cairo_scaled_font_destroy(wide);
	}
	galley_buf_free(&utf8);
	free(clusters);
	free(glyphs);
}

void galley_pdf_show_line(cairo_t *cr, const char *text, const struct ts_line *line, double x,
                          double y)
{
	for (int r = 0; r < line->n_runs; r++) {
		S_run(cr, text, line->runs[r], x, y, line->expand);
		x += pango_glyph_string_get_width(line->runs[r]->glyphs) / (double)PANGO_SCALE;
	}
}
