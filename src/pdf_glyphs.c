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

/* Append the LEN bytes at TEXT to OUT (*N bytes so far) without soft
 * hyphens; a cluster of drawn glyphs that was only a soft hyphen is a
 * hyphen at a line's end.  OUT has room for LEN + 1 more. */
static void S_cluster_text(char *out, size_t *n, const char *text, int len, int drawn)
{
	size_t before = *n;
	int shy = 0;
	for (int i = 0; i < len; i++) {
		if (i + 1 < len && memcmp(text + i, SHY, 2) == 0) {
			shy = 1;
			i++;
			continue;
		}
		out[(*n)++] = text[i];
	}
	if (*n == before && shy && drawn)
		out[(*n)++] = '-';
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
	/* the clusters of a left-to-right run (S_pango_draws takes the
	 * others): glyphs of one log_clusters value, their text up to the
	 * next cluster's */
	const PangoGlyphString *gs = run->glyphs;
	const PangoItem *item = run->item;
	int n = gs->num_glyphs;
	cairo_glyph_t *glyphs = galley_xmalloc((size_t)n * sizeof *glyphs);
	cairo_text_cluster_t *clusters = galley_xmalloc((size_t)n * sizeof *clusters);
	size_t cap = (size_t)item->length + (size_t)n + 1, n_utf8 = 0;
	char *utf8 = galley_xmalloc(cap);
	int n_glyphs = 0, n_clusters = 0, pos = 0;
	for (int g = 0, next; g < n; g = next) {
		int start = gs->log_clusters[g];
		for (next = g + 1; next < n && gs->log_clusters[next] == start; next++)
			;
		int end = next < n ? gs->log_clusters[next] : item->length;
		int first = n_glyphs;
		for (int k = g; k < next; k++) {
			const PangoGlyphInfo *gi = &gs->glyphs[k];
			if (gi->glyph != PANGO_GLYPH_EMPTY)
				glyphs[n_glyphs++] = (cairo_glyph_t){
					gi->glyph, x + (pos + gi->geometry.x_offset) / (double)PANGO_SCALE,
					y + gi->geometry.y_offset / (double)PANGO_SCALE};
			pos += gi->geometry.width;
		}
		size_t before = n_utf8;
		if (end > start && n_utf8 + (size_t)(end - start) + 1 > cap)   /* clusters out of order */
			utf8 = galley_xrealloc(utf8, cap = 2 * cap + (size_t)(end - start));
		if (end > start)
			S_cluster_text(utf8, &n_utf8, text + item->offset + start, end - start,
			               n_glyphs > first);
		if (n_glyphs > first || n_utf8 > before)
			clusters[n_clusters++] = (cairo_text_cluster_t){(int)(n_utf8 - before),
			                                                 n_glyphs - first};
	}
	if (n_glyphs) {
		cairo_scaled_font_t *wide = expand != 0 ? S_expanded(font, expand) : NULL;
		cairo_set_scaled_font(cr, wide ? wide : font);
		cairo_show_text_glyphs(cr, utf8, (int)n_utf8, glyphs, n_glyphs, clusters, n_clusters, 0);
		if (wide)
			cairo_scaled_font_destroy(wide);
	}
	free(utf8);
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
